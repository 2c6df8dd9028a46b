"""民主评议党员: self-evaluation, secret ballots, the tally and the proposed grades.

A ballot writes a receipt (who voted) and increments counters (what was chosen) in one
transaction; nothing else is kept — see ``models/evaluation.py`` for why that is secret.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.meetings import selectors_after as sel
from orglife.meetings.models import (
    BallotReceipt,
    EvaluationResult,
    EvaluationRound,
    Grade,
    GradeTally,
    LifeMeeting,
    SelfEvaluation,
)
from orglife.meetings.permissions import Seat, meeting_seats
from orglife.meetings.services_record import event, lock_meeting, refuse_when_reported
from orglife.orgs.models import User

log = logging.getLogger(__name__)
GRADE_LABELS = dict(Grade.choices)


def graded_members(meeting: LifeMeeting) -> list[User]:
    """Everyone the evaluation grades: the branch's members, 预备党员 included."""
    return list(sel.branch_people(meeting))


def _require_held(meeting: LifeMeeting) -> None:
    if sel.record_of(meeting) is None:
        raise Conflict("会议尚未召开（请先填写会议记录），不能开展民主评议", log="not held")


@transaction.atomic
def self_evaluation_save(*, meeting: LifeMeeting, actor: User, text: str) -> SelfEvaluation:
    if Seat.MEMBER not in meeting_seats(actor, meeting):
        raise Forbidden("只有本支部党员可以填写个人自评", log=f"{actor} self-eval")
    meeting = lock_meeting(meeting)
    refuse_when_reported(meeting)
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise Invalid("请填写个人自评", log="empty self evaluation")
    obj, _ = SelfEvaluation.objects.update_or_create(
        meeting=meeting, member=actor, defaults={"text": text}
    )
    event(meeting, actor=actor, action="self_evaluation")
    return obj


def _open_round(meeting: LifeMeeting) -> EvaluationRound:
    """The ballot box, opened on the first ballot with every counter at zero, in a fixed
    order (member, grade) that says nothing about who votes how."""
    existing = EvaluationRound.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    due = sel.voting_members(meeting).count()
    round_ = EvaluationRound.objects.create(meeting=meeting, due=due)
    GradeTally.objects.bulk_create(
        [
            GradeTally(meeting=meeting, member=m, grade=g, count=0)
            for m in sorted(graded_members(meeting), key=lambda u: u.pk)
            for g in Grade.values
        ]
    )
    return round_


@transaction.atomic
def ballot_cast(*, meeting: LifeMeeting, actor: User, grades: Mapping[str, str]) -> dict:
    """One ballot of a voting member grading every other member; 409 for a second."""
    if not sel.voting_members(meeting).filter(pk=actor.pk).exists():
        raise Forbidden("只有本支部有表决权的党员可以投票", log=f"{actor} not voting")
    meeting = lock_meeting(meeting)
    _require_held(meeting)
    round_ = _open_round(meeting)
    if round_.closed_at is not None:
        raise Conflict("民主测评已截止，不能再投票", log="ballot after close")
    # Graded are those the box was opened for (a counter each), so no grade can miss its row.
    on_ballot = set(GradeTally.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    others = {
        u.username: u for u in graded_members(meeting) if u.pk != actor.pk and u.pk in on_ballot
    }
    wanted = set(others)
    given = set(grades)
    if given != wanted:
        missing, extra = sorted(wanted - given), sorted(given - wanted)
        parts = []
        if missing:
            parts.append(f"未评定：{'、'.join(others[u].display_name for u in missing)}")
        if extra:
            parts.append(f"不在评议名单内：{'、'.join(extra)}")
        raise Invalid("须对其他每一名党员评定等次；" + "；".join(parts), log="ballot incomplete")
    bad = sorted({g for g in grades.values() if g not in Grade.values})
    if bad:
        raise Invalid(
            f"等次只能是优秀、合格、基本合格、不合格（excellent|qualified|basic|unqualified），"
            f"收到：{'、'.join(bad)}",
            log=f"bad grades {bad}",
        )
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(meeting=meeting, voter=actor)
    except IntegrityError:
        raise Conflict("您已经投过票，每人只能投一次", log=f"{actor} second ballot") from None
    chosen = Q()
    for username, grade in grades.items():
        chosen |= Q(member=others[username], grade=grade)
    # Every counter of the meeting is rewritten (+1 or +0): no row is touched by this
    # ballot alone, so nothing at the storage level marks the rows this voter chose.
    GradeTally.objects.filter(meeting=meeting).update(
        count=F("count") + Case(When(chosen, then=Value(1)), default=Value(0))
    )
    return {"voted": True}


@transaction.atomic
def voting_close(*, meeting: LifeMeeting, actor: User) -> EvaluationRound:
    if Seat.SECRETARY not in meeting_seats(actor, meeting):
        raise Forbidden("只有支部书记可以截止民主测评", log=f"{actor} close voting")
    meeting = lock_meeting(meeting)
    _require_held(meeting)
    round_ = _open_round(meeting)
    if round_.closed_at is None:
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])
        event(meeting, actor=actor, action="voting_close")
    return round_


@dataclass
class Tally:
    voted: int
    due: int
    closed: bool
    counts_shown: bool
    members: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "voted": self.voted,
            "due": self.due,
            "closed": self.closed,
            "counts_shown": self.counts_shown,
            "items": self.members,
            "count": len(self.members),
        }


def tally_for(*, meeting: LifeMeeting, user: User) -> Tally:
    """Per member the counts per grade, with voted/due; never a voter's choices.

    Counts are shown only to the secretary, the committee and the reviewer, and only when
    voting is over (all voted or closed): a running count would tell whoever watches it
    what the last voter chose.
    """
    round_ = EvaluationRound.objects.filter(meeting=meeting).first()
    voted = BallotReceipt.objects.filter(meeting=meeting).count()
    due = round_.due if round_ else sel.voting_members(meeting).count()
    closed = bool(round_ and round_.closed_at)
    may_see = bool(
        meeting_seats(user, meeting) & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER, Seat.REVIEWER}
    )
    shown = may_see and (closed or (due > 0 and voted >= due))
    rows: dict[int, dict] = {}
    for member in graded_members(meeting):
        rows[member.pk] = {
            "username": member.username,
            "name": member.display_name,
            "counts": {g: None for g in Grade.values},
        }
    if shown:
        for member_id, grade, count in GradeTally.objects.filter(meeting=meeting).values_list(
            "member_id", "grade", "count"
        ):
            if member_id in rows:
                rows[member_id]["counts"][grade] = count
    return Tally(
        voted=voted, due=due, closed=closed, counts_shown=shown, members=list(rows.values())
    )


def excellent_warning(grades: dict[str, str], members: int) -> list[str]:
    """docs/domain.md: 优秀 generally at most one third of the members."""
    excellent = sum(1 for g in grades.values() if g == Grade.EXCELLENT)
    if members and excellent * 3 > members:
        return [f"评为优秀的党员{excellent}名，超过党员总数（{members}名）的三分之一，请支委会复核"]
    return []


@transaction.atomic
def results_save(
    *,
    meeting: LifeMeeting,
    actor: User,
    grades: dict[str, Any],
    reasons: dict[str, str] | None = None,
) -> dict:
    """The committee's proposed grades (by the secretary); 不合格 needs a reason."""
    if Seat.SECRETARY not in meeting_seats(actor, meeting):
        raise Forbidden("只有支部书记可以确定评议结果", log=f"{actor} results")
    meeting = lock_meeting(meeting)
    _require_held(meeting)
    refuse_when_reported(meeting)
    reasons = dict(reasons or {})
    flat: dict[str, str] = {}
    for username, value in grades.items():
        if isinstance(value, dict):
            flat[username] = str(value.get("grade", ""))
            if value.get("reason"):
                reasons[username] = str(value["reason"])
        else:
            flat[username] = str(value)
    members = {u.username: u for u in graded_members(meeting)}
    unknown = sorted(set(flat) - set(members))
    if unknown:
        raise Invalid(f"不在评议名单内：{'、'.join(unknown)}", log=f"unknown {unknown}")
    bad = sorted({g for g in flat.values() if g not in Grade.values})
    if bad:
        raise Invalid(f"等次无效：{'、'.join(bad)}", log=f"bad grades {bad}")
    for username, grade in flat.items():
        if grade == Grade.UNQUALIFIED and not reasons.get(username, "").strip():
            raise Invalid(
                f"评定{members[username].display_name}为不合格须填写理由（reason）",
                log=f"unqualified {username} without reason",
            )
    EvaluationResult.objects.filter(meeting=meeting).delete()
    EvaluationResult.objects.bulk_create(
        [
            EvaluationResult(
                meeting=meeting,
                member=members[u],
                grade=g,
                reason=reasons.get(u, "").strip() if g == Grade.UNQUALIFIED else "",
                set_by=actor,
            )
            for u, g in flat.items()
        ]
    )
    event(meeting, actor=actor, action="evaluation_results", changes={"grades": flat})
    return results_of(meeting)


def results_of(meeting: LifeMeeting) -> dict:
    members = graded_members(meeting)
    results = {
        r.member_id: r
        for r in EvaluationResult.objects.filter(meeting=meeting).select_related("member")
    }
    items = [
        {
            "username": m.username,
            "name": m.display_name,
            "grade": results[m.pk].grade if m.pk in results else None,
            "grade_label": results[m.pk].get_grade_display() if m.pk in results else "",
            "reason": results[m.pk].reason if m.pk in results else "",
        }
        for m in members
    ]
    grades = {str(i["username"]): str(i["grade"]) for i in items if i["grade"]}
    return {
        "grades": grades,
        "items": items,
        "count": len(items),
        "warnings": excellent_warning(grades, len(members)),
    }
