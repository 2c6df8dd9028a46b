"""The meeting's models, one module per stage; every model is re-exported here."""

from orglife.meetings.models.evaluation import (
    BallotReceipt,
    EvaluationResult,
    EvaluationRound,
    Grade,
    GradeTally,
    SelfEvaluation,
)
from orglife.meetings.models.meeting import LifeMeeting, MeetingFormat
from orglife.meetings.models.proceedings import (
    Attendance,
    Criticism,
    MeetingRecord,
    ProceedingEvent,
)
from orglife.meetings.models.report import MeetingReport, ReportEvent, ReportStatus

__all__ = [
    "Attendance",
    "BallotReceipt",
    "Criticism",
    "EvaluationResult",
    "EvaluationRound",
    "Grade",
    "GradeTally",
    "LifeMeeting",
    "MeetingFormat",
    "MeetingRecord",
    "MeetingReport",
    "ProceedingEvent",
    "ReportEvent",
    "ReportStatus",
    "SelfEvaluation",
]
