"""The meeting's models, one module per stage; every model is re-exported here."""

from orglife.meetings.models.evaluation import (
    BallotReceipt,
    EvaluationResult,
    EvaluationRound,
    Grade,
    GradeTally,
    SelfEvaluation,
)
from orglife.meetings.models.meeting import (
    LifeMeeting,
    MeetingFormat,
    MeetingPlan,
    PlanEvent,
    PlanStatus,
)
from orglife.meetings.models.preparation import (
    HeartTalk,
    Opinion,
    OpinionSource,
    StudyAttendance,
    StudySession,
)
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
    "HeartTalk",
    "LifeMeeting",
    "MeetingFormat",
    "MeetingPlan",
    "MeetingRecord",
    "MeetingReport",
    "Opinion",
    "OpinionSource",
    "PlanEvent",
    "PlanStatus",
    "ProceedingEvent",
    "ReportEvent",
    "ReportStatus",
    "SelfEvaluation",
    "StudyAttendance",
    "StudySession",
]
