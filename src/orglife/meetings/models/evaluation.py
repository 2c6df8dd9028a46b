"""民主评议党员: self-evaluations, secret ballots, the committee's proposed grades.

Secrecy is a property of the data. A ballot is stored as two unlinkable facts:
- ``BallotReceipt`` (meeting, voter): that a person voted — nothing of what;
- ``GradeTally`` (meeting, member, grade, count): counters only, all created together in a
  fixed order when voting opens, and every counter of the meeting rewritten by each ballot
  (the chosen ones +1, the others +0). So no row of the tally has an id, a timestamp, an
  insertion order or (on PostgreSQL) a last-writer transaction that points at one voter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from orglife.meetings.models.meeting import LifeMeeting


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "合格"
    BASIC = "basic", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"


class SelfEvaluation(models.Model):
    """个人自评: a member's own account, written once and edited by them."""

    meeting = models.ForeignKey(
        LifeMeeting,
        verbose_name="组织生活会",
        on_delete=models.CASCADE,
        related_name="self_evaluations",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="党员", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("自评")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "个人自评"
        verbose_name_plural = "个人自评"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="self_evaluation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} 自评"


class EvaluationRound(models.Model):
    """The ballot box of a meeting: who is graded, who votes, open or closed."""

    meeting = models.OneToOneField(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="evaluation"
    )
    due = models.PositiveIntegerField("应投票人数")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField("截止时间", null=True, blank=True)

    class Meta:
        verbose_name = "民主测评"
        verbose_name_plural = "民主测评"

    def __str__(self) -> str:
        return f"{self.meeting} 民主测评"


class BallotReceipt(models.Model):
    """That ``voter`` has voted in this meeting (one each); never what they chose."""

    meeting = models.ForeignKey(LifeMeeting, on_delete=models.CASCADE, related_name="receipts")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="投票人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "投票回执"
        verbose_name_plural = "投票回执"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "voter"], name="ballot_receipt_unique")
        ]

    def __str__(self) -> str:
        return f"{self.voter} 已投票"


class GradeTally(models.Model):
    """How many ballots gave ``member`` the grade ``grade``: a counter, nothing more."""

    meeting = models.ForeignKey(LifeMeeting, on_delete=models.CASCADE, related_name="tallies")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="党员", on_delete=models.PROTECT, related_name="+"
    )
    grade = models.CharField("等次", max_length=20, choices=Grade.choices)
    count = models.PositiveIntegerField("票数", default=0)

    class Meta:
        verbose_name = "测评计票"
        verbose_name_plural = "测评计票"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member", "grade"], name="tally_unique"),
            models.CheckConstraint(condition=Q(grade__in=Grade.values), name="tally_grade_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.grade} {self.count}"


class EvaluationResult(models.Model):
    """The grade the 支委会 proposes for a member (with the reason for 不合格)."""

    meeting = models.ForeignKey(
        LifeMeeting, on_delete=models.CASCADE, related_name="evaluation_results"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="党员", on_delete=models.PROTECT, related_name="+"
    )
    grade = models.CharField("评定等次", max_length=20, choices=Grade.choices)
    reason = models.TextField("理由", blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "评议结果"
        verbose_name_plural = "评议结果"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="evaluation_result_unique"),
            models.CheckConstraint(
                condition=Q(grade__in=Grade.values), name="evaluation_result_grade_valid"
            ),
            models.CheckConstraint(
                condition=~Q(grade=Grade.UNQUALIFIED) | ~Q(reason=""),
                name="evaluation_result_unqualified_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_grade_display()}"
