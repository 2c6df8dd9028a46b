"""Branch A's 2023 ledger for ``orglife demo``, made from the seed material, and the steps
the demo uses to work any item through its closed loop on the days it happened.

Section 三's six aspects become the 2023 items (问题表现 is the aspect's text), section 七
gives their measures and section 六 their root causes. 2023 is the archive year of the
story (``core.demo_story``): its items were all closed during 2024, with evidence and a
verified effect. Everything goes through the services, each step on its own day
(``clock.as_of``), so the history reads like a real one. Idempotent: nothing happens when
branch A already has 2023 items.
"""

from __future__ import annotations

import re
import struct
import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile

from orglife.core import clock
from orglife.core.demo_story import ARCHIVE_YEAR, story
from orglife.ledger import services
from orglife.ledger.models import Category, RectificationItem, Source
from orglife.orgs.models import Membership, Organization, User

YEAR = ARCHIVE_YEAR
# The verified effect (实效) written by the verifier of each closed demo item.
EFFECTS = {
    "theory_study": "经对账核实，支部每月开展一次结合本单位实际的专题研讨，已形成研讨记录和"
    "调研成果转化清单，问题已整改到位，同意销号。",
    "political_quality": "经对账核实，支委会议题研究实行班子成员逐一发表意见，组织生活会前"
    "开展相互批评提醒，问题已整改到位，同意销号。",
    "capability": "经对账核实，支部建立业务学习清单，每季度开展一次岗位练兵，问题已整改到位，同意销号。",
    "responsibility": "经对账核实，信访维稳、固定资产管理等难点事项均已明确牵头人和办结时限，"
    "问题已整改到位，同意销号。",
    "work_style": "经对账核实，班子成员每季度深入基层调研并形成问题清单，已办结职工反映的"
    "实际问题，同意销号。",
    "integrity": "经对账核实，已开展廉政警示教育和“八小时以外”谈心谈话，建立提醒谈话台账，"
    "同意销号。",
    "other": "经对账核实，整改措施已落实，问题已整改到位，同意销号。",
}
SEED = Path(__file__).resolve().parent.parent / "site" / "data" / "2023-branch-self-inspection.txt"

# Which measure (section 七) and cause (section 六) answers which aspect, by their numbers.
MEASURE_FOR = {
    "theory_study": "一",
    "political_quality": "一",
    "capability": "二",
    "responsibility": "四",
    "work_style": "三",
    "integrity": "五",
}
CAUSE_FOR = {
    "theory_study": "一",
    "political_quality": "一",
    "capability": "二",
    "responsibility": "四",
    "work_style": "三",
    "integrity": "五",
}


def _sections_from_parser(text: str) -> tuple[dict, dict, dict]:
    from orglife.documents.parse import parse_text

    material = parse_text(text)
    problems, measures, causes = {}, {}, {}
    for section in material.sections:
        for item in section.items:
            body = "".join(item.paragraphs)
            if section.role == "problems" and item.aspect:
                problems[item.aspect] = body
            elif section.role == "measures" and item.number:
                measures[item.number] = (item.heading, body)
            elif section.role == "causes" and item.number:
                causes[item.number] = (item.heading, body)
    return problems, measures, causes


def read_seed(path: Path = SEED) -> tuple[dict, dict, dict]:
    """Problems by aspect, measures and causes by number, as the documents parser reads them."""
    return _sections_from_parser(path.read_text(encoding="utf-8"))


def _title(aspect: str, text: str) -> str:
    first = re.split(r"[，。；]", text, maxsplit=1)[0]
    label = dict(Category.choices)[aspect]
    return f"{label}：{first}"[:200]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    width = height = 16
    rows = b"".join(b"\x00" + b"\xb3\x17\x1d" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _pdf(title: str) -> bytes:
    """A one-page PDF (ASCII text; the demo file stands for a scanned record)."""
    stream = f"BT /F1 14 Tf 72 760 Td ({title}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _person(org: Organization, username: str, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    seat = Membership.objects.filter(organization=org, role=role).select_related("user").first()
    if seat is None:
        seat = Membership.objects.filter(organization=org).select_related("user").first()
    if seat is None:  # the demo world seats people in every branch it builds
        raise LookupError(f"demo: nobody holds a seat in {org}")
    return seat.user


# -- one step of an item's loop, on the day it happened --------------------------------------


def step(item: RectificationItem, actor: User, action: str, day: date, note: str = "") -> None:
    item.refresh_from_db()  # the services read who sits where from the row as it is now
    with clock.as_of(day, hour=15 if action == "verify" else 10):
        services.item_transition(item=item, actor=actor, action=action, note=note)


def add_evidence(item: RectificationItem, actor: User, day: date) -> None:
    item.refresh_from_db()
    with clock.as_of(day, hour=9):
        services.item_evidence_add(
            item=item,
            actor=actor,
            upload=SimpleUploadedFile("zhenggai-jilu.pdf", _pdf("Rectification record")),
            note="整改工作记录",
        )
        services.item_evidence_add(
            item=item,
            actor=actor,
            upload=SimpleUploadedFile("xuexi-yantao.png", _png()),
            note="专题研讨现场",
        )


def add_progress(item: RectificationItem, actor: User, day: date, text: str) -> None:
    item.refresh_from_db()
    with clock.as_of(day, hour=16):
        services.item_progress_add(item=item, actor=actor, text=text, on=day)


def close(
    item: RectificationItem,
    *,
    owner: User,
    verifier: User,
    started: date,
    done: date,
    evidence: bool = True,
) -> None:
    """Start, submit (with evidence, or a written account) and verify, each on its day."""
    step(item, owner, "start", started)
    submitted = max(started, done - timedelta(days=2))
    if evidence:
        add_evidence(item, owner, submitted)
    account = "" if evidence else "已按整改措施逐项落实，有关情况已在支部会议上通报。"
    step(item, owner, "submit", submitted, account)
    step(item, verifier, "verify", done, EFFECTS.get(item.category, EFFECTS["other"]))


def load(*, orgs: dict, out: TextIO | None = None) -> list[str]:
    """Build branch A's 2023 ledger from the seed, closed during 2024; once."""
    branch = orgs["a"]
    if RectificationItem.objects.filter(
        org=branch, meeting_year=YEAR, source=Source.MEETING
    ).exists():
        return []
    problems, measures, causes = read_seed()
    secretary = _person(branch, "secretary_a", Membership.Role.SECRETARY)
    committee = _person(branch, "committee_a", Membership.Role.ORGANIZATION)
    member = _person(branch, "member_a", Membership.Role.MEMBER)
    held = story().archive_held
    registered = held + timedelta(days=2)

    # aspect: (owner, leader, days from the meeting to the deadline, to the closure)
    plan = {
        "theory_study": (member, committee, 45, 40),
        "political_quality": (committee, secretary, 60, 52),
        "capability": (member, committee, 120, 110),
        "responsibility": (member, committee, 120, 125),  # closed a few days late
        "work_style": (committee, secretary, 90, 85),
        "integrity": (member, secretary, 150, 140),
    }
    made = []
    for aspect, (owner, leader, due, done) in plan.items():
        description = problems.get(aspect, "")
        m_head, m_body = measures.get(MEASURE_FOR[aspect], ("", ""))
        c_head, c_body = causes.get(CAUSE_FOR[aspect], ("", ""))
        with clock.as_of(registered):
            item = services.item_create(
                org=branch,
                actor=secretary,
                data={
                    "title": _title(aspect, description),
                    "description": description,
                    "category": aspect,
                    "source": Source.MEETING,
                    "meeting_year": YEAR,
                    "root_cause": f"{c_head}。{c_body}" if c_head else "",
                    "measures": f"{m_head}。{m_body}" if m_head else "",
                    "kind": "deadline",
                    "owner": owner,
                    "leader": leader,
                    "deadline": held + timedelta(days=due),
                    "funds": "0" if aspect != "work_style" else "3000",
                    "funds_source": "" if aspect != "work_style" else "支部党建工作经费",
                    "plan": "如遇工作冲突，由支部书记调整时间安排，确保按期完成。",
                },
            )
        close(
            item,
            owner=owner,
            verifier=leader if leader != owner else secretary,
            started=registered + timedelta(days=3),
            done=held + timedelta(days=done),
            evidence=aspect in ("theory_study", "political_quality"),
        )
        made.append(item)
    return [
        f"整改台账：第一党支部 {YEAR} 年组织生活会整改事项 {len(made)} 项（据对照检查材料生成，"
        f"已于 {YEAR + 1} 年全部销号）"
    ]
