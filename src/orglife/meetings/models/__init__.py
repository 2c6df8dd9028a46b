"""The meeting's models, one module per stage; every model is re-exported here."""

from orglife.meetings.models.meeting import LifeMeeting, MeetingFormat

__all__ = ["LifeMeeting", "MeetingFormat"]
