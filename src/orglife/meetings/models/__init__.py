"""The meeting's models, one module per stage; every model is re-exported here."""

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

__all__ = [
    "HeartTalk",
    "LifeMeeting",
    "MeetingFormat",
    "MeetingPlan",
    "Opinion",
    "OpinionSource",
    "PlanEvent",
    "PlanStatus",
    "StudyAttendance",
    "StudySession",
]
