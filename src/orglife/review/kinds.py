"""What kind of document a text is: a self-inspection material or something else.

A reviewer is handed plans (会议方案), reports (情况报告), notices and bulletins (通知, 通报),
problem and rectification lists (问题清单, 整改清单) and news items as well as materials;
structure rules make sense only for materials. The kind is read from the title first
(its last kind word: …对照检查材料, …的报告, …整改清单) and, when the title is missing or
says nothing, from the text: a salutation and "现将…通知如下", a dated news lead, a table
header, "我代表支部班子…" and the material's own sections.

Kinds: ``material_branch``, ``material_individual``, ``plan``, ``report``, ``notice``,
``list``, ``other``. The confidence says how strong the evidence was (0–1): title words
0.9, body phrases 0.75, structure alone 0.6, a guess 0.4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orglife.documents.model import Material
from orglife.documents.normalize import to_simplified
from orglife.documents.roles import material_kind

KINDS: tuple[str, ...] = (
    "material_branch",
    "material_individual",
    "plan",
    "report",
    "notice",
    "list",
    "other",
)
KIND_LABELS: dict[str, str] = {
    "material_branch": "班子对照检查材料",
    "material_individual": "个人对照检查材料",
    "plan": "方案",
    "report": "报告",
    "notice": "通知、通报",
    "list": "清单、台账",
    "other": "其他（新闻、制度等）",
}
# Below this confidence a material's structure findings are warnings, not errors.
SURE = 0.7

_MATERIAL_TITLE = re.compile(
    r"对照检查|对照检视|检视剖析|检视材料|剖析材料|发言提纲|党性分析|自我剖析|自检自查|个人自查"
)
_LIST_END = re.compile(r"(清单|台账|一览表|汇总表|明细表)[）)]?(?:[（(][^（()）]{1,20}[）)])?$")
# The kind word a title ends with (its last one counts): …的报告, …的通知, …实施方案.
_TITLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("list", re.compile(r"清单|台账|一览表")),
    ("notice", re.compile(r"通知|通报|公告|公示|决定")),
    ("plan", re.compile(r"方案|计划|安排|议程|流程|预案")),
    ("report", re.compile(r"报告|汇报|情况说明|自查报告")),
    ("other", re.compile(r"制度|办法|规定|条例|细则|规则|总结|讲话|心得|体会|纪要|简报")),
)
_SALUTATION = re.compile(r"^(?:各|主任|尊敬的)[^。；]{0,30}[：:]|^[^，。；：:]{2,20}[：:]$")
_NOTICE_BODY = re.compile(
    r"通知如下|通报如下|予以通报|予以公布|特此通知|特此通报|现通知|现就.{0,40}通知"
)
_REPORT_BODY = re.compile(
    r"报告如下|报告于后|汇报如下|特此报告|请予审议|现将.{0,30}(?:报告|汇报)|向.{0,20}报告|"
    r"情况向社会公开|现将.{0,30}情况"
)
_NEWS_LEAD = re.compile(
    r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日|^近日|^日前|^【|^会前，|^据|^为(?:了)?[^。]{0,80}，\d{1,2}月"
    r"|^根据[^。]{0,80}(?:于|在)\d{4}年\d{1,2}月\d{1,2}日召开|^按照[^。]{0,60}召开了"
)
_NEWS_BODY = re.compile(r"召开了|主持会议|会议由|参加会议|出席|撰稿|供稿|审核：|初审|（图|文/")
_MATERIAL_BODY = re.compile(
    r"我代表|对照检查如下|剖析如下|对照检视如下|检视如下|个人对照检查情况|"
    r"现将.{0,20}对照检查|自我剖析如下"
)
_LIST_BODY = re.compile(
    r"^序号|问题表现[：:]|整改措施[：:]|责任人[：:]|完成时限[：:]|整改时限[：:]"
)
_PLAN_BODY = re.compile(
    r"阶段|环节|步骤|会前准备|会后工作|召开会议|确定.{0,6}主题|时间安排|参会人员|会议议程|"
    r"征求意见|谈心|制定.{0,6}方案"
)
_THIRD_PERSON = re.compile(r"一些党支部|部分党支部|个别支部|少数支部|有的党支部|一些党员")
_I = re.compile(r"本人|(?<![自])我(?![们国省市区县党局厅院校司部委办单支])")


@dataclass(frozen=True)
class DocumentKind:
    """A document's kind, how sure the detection is, and what decided it."""

    kind: str
    confidence: float
    reason: str

    @property
    def is_material(self) -> bool:
        return self.kind.startswith("material_")

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def _material(material: Material, body: str, confidence: float, reason: str) -> DocumentKind:
    who = material_kind(material.title, [body])
    return DocumentKind(
        "material_individual" if who == "individual" else "material_branch", confidence, reason
    )


def _section_texts(material: Material) -> list[str]:
    out: list[str] = []
    for s in material.sections:
        out.append(s.heading)
        out.extend(s.paragraphs)
        for it in s.items:
            out.append(it.heading)
            out.extend(it.paragraphs)
    return [t for t in out if t]


def _title_kind(title: str) -> tuple[str, str] | None:
    """The kind a title names, and the word that named it."""
    if not title:
        return None
    m = _LIST_END.search(title)
    if m:
        return "list", m.group(1)
    if _MATERIAL_TITLE.search(title):
        return "material", _MATERIAL_TITLE.search(title).group()  # type: ignore[union-attr]
    best: tuple[int, str, str] | None = None
    for kind, pattern in _TITLE_WORDS:
        for m in pattern.finditer(title):
            if best is None or m.end() > best[0]:
                best = (m.end(), kind, m.group())
    return (best[1], best[2]) if best else None


def detect_kind(material: Material) -> DocumentKind:
    """The kind of ``material``'s document with a confidence (see the module docstring)."""
    title = to_simplified(material.title)
    named = _title_kind(title)
    if named is not None and named[0] not in ("material", "report"):
        return DocumentKind(named[0], 0.9, f"标题含“{named[1]}”")
    # One translate over the whole text: far cheaper than one per paragraph.
    body = to_simplified("\n".join([*material.preamble, *_section_texts(material)]))
    if named is not None and named[0] == "material":
        return _material(material, body, 0.9, f"标题含“{named[1]}”")
    texts = body.split("\n")
    singular = len(_I.findall(body.replace("我代表", "")))
    if named is not None:  # a report: a 自查报告 written in the first person is a material
        if "自查" in title and singular >= 2:
            return _material(material, body, 0.75, "自查报告以第一人称剖析")
        return DocumentKind("report", 0.9, f"标题含“{named[1]}”")
    first = texts[0] if texts else ""
    head = "\n".join(texts[:3])
    if (
        _LIST_BODY.search(body)
        and len(re.findall(r"(?m)^(?:\d{1,2}\s|[一二三四五六七八九十]、)", body)) >= 2
    ):
        return DocumentKind("list", 0.75, "表头或“问题表现、整改措施、责任人、时限”各栏")
    news = bool(_NEWS_LEAD.search(first)) or len(_NEWS_BODY.findall(body)) >= 2
    if news and singular < 3 and "我代表" not in head:
        return DocumentKind("other", 0.75, "新闻导语（日期、召开、主持）")
    if _MATERIAL_BODY.search(head):
        return _material(material, body, 0.75, "开头写明对照检查")
    salutation = bool(_SALUTATION.search(first))
    if _NOTICE_BODY.search(head):
        return DocumentKind("notice", 0.8 if salutation else 0.75, "“现将…通知（通报）如下”")
    if _REPORT_BODY.search(head) or re.search(r"报告如下|报告于后|请予审议|向社会公开", body):
        return DocumentKind("report", 0.8 if salutation else 0.75, "“现将…报告如下”")
    roles = {s.role for s in material.sections}
    if len(roles & {"problems", "causes", "measures"}) >= 2 or (singular >= 3 and roles):
        return _material(material, body, 0.6, "问题、原因、措施等部分")
    if singular >= 3:
        return _material(material, body, 0.6, "第一人称剖析")
    if len(_PLAN_BODY.findall(body)) >= 2 and body.count("要") >= 2:
        return DocumentKind("plan", 0.6, "步骤和要求")
    if _THIRD_PERSON.search(body):
        return DocumentKind("report", 0.6, "概括多个支部的情况")
    if roles & {"problems", "measures"}:
        return _material(material, body, 0.4, "有问题或措施部分")
    return DocumentKind("other", 0.4, "没有可辨认的文种特征")
