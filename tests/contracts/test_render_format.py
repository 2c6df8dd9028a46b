"""`orglife render` writes an official-format Word file (docs/contracts.md; GB/T 9704-2012 in docs/domain.md)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from tests.contracts.conftest import SEED, orglife

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TITLE = "2023年主题教育专题组织生活会党支部对照检查材料"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Docx:
    def __init__(self, path):
        with zipfile.ZipFile(path) as z:
            self.doc = etree.fromstring(z.read("word/document.xml"))
            self.styles = etree.fromstring(z.read("word/styles.xml"))
            self.settings = etree.fromstring(z.read("word/settings.xml"))
            rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
            self.parts = {
                r.get("Id"): z.read("word/" + r.get("Target"))
                for r in rels
                if r.get("Target", "").startswith("footer")
            }

    def style(self, style_id: str | None):
        if style_id is None:
            found = self.styles.xpath("w:style[@w:type='paragraph'][@w:default='1']", namespaces=NS)
        else:
            found = self.styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)
        return found[0] if found else None

    def _chain(self, p):
        """Paragraph properties from the paragraph, its style (and based-on), and defaults."""
        sid = p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) or None
        chain = []
        st = self.style(sid)
        seen = set()
        while st is not None and st.get(q("styleId")) not in seen:
            seen.add(st.get(q("styleId")))
            chain.append(st)
            based = st.xpath("string(w:basedOn/@w:val)", namespaces=NS)
            st = self.style(based) if based else None
        if sid is not None and self.style(None) is not None:
            chain.append(self.style(None))
        return chain

    def run_prop(self, p, r, xpath: str) -> str | None:
        for holder in [r.find(q("rPr")), *[s.find(q("rPr")) for s in self._chain(p)]]:
            if holder is not None:
                v = holder.xpath(xpath, namespaces=NS)
                if v:
                    return v[0]
        v = self.styles.xpath(f"w:docDefaults/w:rPrDefault/w:rPr/{xpath}", namespaces=NS)
        return v[0] if v else None

    def par_prop(self, p, xpath: str) -> str | None:
        for holder in [p.find(q("pPr")), *[s.find(q("pPr")) for s in self._chain(p)]]:
            if holder is not None:
                v = holder.xpath(xpath, namespaces=NS)
                if v:
                    return v[0]
        v = self.styles.xpath(f"w:docDefaults/w:pPrDefault/w:pPr/{xpath}", namespaces=NS)
        return v[0] if v else None

    def paragraphs(self):
        for p in self.doc.iter(q("p")):
            text = "".join(p.itertext())
            runs = [r for r in p.iter(q("r")) if "".join(r.itertext()).strip()]
            yield p, text, runs


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("render") / "seed.docx"
    run = orglife("render", SEED, "-o", out)
    assert run.code == 0, run.err
    return Docx(out)


def _para(docx, startswith):
    for p, text, runs in docx.paragraphs():
        if text.startswith(startswith) and runs:
            return p, runs
    raise AssertionError(f"no paragraph starting {startswith!r}")


def _twips_to_mm(v: str) -> float:
    return int(v) / 1440 * 25.4


def test_the_page_is_a4_with_the_standard_margins(docx):
    sect = docx.doc.find(f".//{q('sectPr')}")
    size = sect.find(q("pgSz"))
    assert abs(_twips_to_mm(size.get(q("w"))) - 210) < 0.5
    assert abs(_twips_to_mm(size.get(q("h"))) - 297) < 0.5
    mar = sect.find(q("pgMar"))
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(_twips_to_mm(mar.get(q(side))) - mm) < 0.5, side


def test_the_title_is_22pt_xiaobiaosong_centred(docx):
    p, runs = _para(docx, TITLE)
    for r in runs:
        assert "小标宋" in docx.run_prop(p, r, "w:rFonts/@w:eastAsia")
        assert docx.run_prop(p, r, "w:sz/@w:val") == "44"
    assert docx.par_prop(p, "w:jc/@w:val") == "center"


def test_the_body_is_16pt_fangsong_with_a_two_character_indent(docx):
    p, runs = _para(docx, "针对上一次组织生活会")
    for r in runs:
        assert "仿宋" in docx.run_prop(p, r, "w:rFonts/@w:eastAsia")
        assert docx.run_prop(p, r, "w:sz/@w:val") == "32"
    chars = docx.par_prop(p, "w:ind/@w:firstLineChars")
    twips = docx.par_prop(p, "w:ind/@w:firstLine")
    assert chars == "200" or twips == "640", (chars, twips)


def test_the_line_spacing_is_fixed_at_about_28_9_pt(docx):
    p, _ = _para(docx, "针对上一次组织生活会")
    assert docx.par_prop(p, "w:spacing/@w:lineRule") == "exact"
    assert abs(int(docx.par_prop(p, "w:spacing/@w:line")) / 20 - 28.9) < 0.3


@pytest.mark.parametrize(
    ("start", "font"),
    [
        ("一、上一次组织生活会", "黑体"),
        ("三、存在的问题与不足", "黑体"),
        ("（一）制定会议方案", "楷体"),
    ],
)
def test_headings_use_heiti_and_kaiti(docx, start, font):
    p, runs = _para(docx, start)
    assert font in docx.run_prop(p, runs[0], "w:rFonts/@w:eastAsia")


def test_page_numbers_are_14pt_songti_odd_right_even_left(docx):
    assert docx.settings.find(q("evenAndOddHeaders")) is not None
    sect = docx.doc.find(f".//{q('sectPr')}")
    refs = {r.get(q("type")): r.get(f"{{{NS_R}}}id") for r in sect.findall(q("footerReference"))}
    assert {"default", "even"} <= set(refs)
    for kind, side in (("default", "right"), ("even", "left")):
        footer = etree.fromstring(docx.parts[refs[kind]])
        xml = etree.tostring(footer, encoding="unicode")
        assert "PAGE" in xml and "—" in xml
        assert footer.xpath("string(.//w:jc/@w:val)", namespaces=NS) == side
        assert "宋体" in footer.xpath("string(.//w:rFonts/@w:eastAsia)", namespaces=NS)
        assert footer.xpath("string(.//w:sz/@w:val)", namespaces=NS) == "28"
