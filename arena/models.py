"""Imports every model, so the metadata is complete for Alembic and for tests."""

from arena.arenas.models import (
    ArenaSeries,
    Attendance,
    Meeting,
    MeetingState,
    Response,
    SeriesFollower,
)
from arena.audit import AuditEvent
from arena.auth.api_tokens import ApiToken
from arena.auth.models import Role, UserAccount
from arena.collaborations.models import (
    Collaboration,
    CollaborationParticipant,
    CollaborationStatus,
)
from arena.contacts.models import ContactPurpose, ContactRequest, ContactStatus
from arena.db import Base
from arena.examples.models import ExampleStatus, Maturity, PracticeExample
from arena.graph.models import GraphResult, GraphRow, GraphRowOrder
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.learning.models import (
    LearningAgenda,
    LearningLink,
    LearningQuestion,
    LearningQuestionChange,
    QuestionState,
)
from arena.members.import_models import ImportBatch, ImportStatus
from arena.members.models import (
    Member,
    Membership,
    Organisation,
    Segment,
    StakeholderRole,
)
from arena.polls.models import Poll, PollAnswer, PollQuestion, PollRecipient, PollResponse
from arena.reports.models import StoredReport
from arena.stories.models import ChangeStory, StorySelection
from arena.throttle import FailedAttempt
from arena.wins.models import (
    Mechanism,
    Reflection,
    SmallWin,
    SmallWinFollowUp,
    SmallWinMechanism,
    StickAnswer,
)

__all__ = [
    "ApiToken",
    "ArenaSeries",
    "Attendance",
    "AuditEvent",
    "Base",
    "ChangeStory",
    "Collaboration",
    "CollaborationParticipant",
    "CollaborationStatus",
    "ContactPurpose",
    "ContactRequest",
    "ContactStatus",
    "ExampleStatus",
    "FailedAttempt",
    "GraphResult",
    "GraphRow",
    "GraphRowOrder",
    "ImportBatch",
    "ImportStatus",
    "LearningAgenda",
    "LearningLink",
    "LearningQuestion",
    "LearningQuestionChange",
    "Maturity",
    "Mechanism",
    "Meeting",
    "MeetingState",
    "Member",
    "Membership",
    "MessageKind",
    "MessageStatus",
    "Organisation",
    "OutboxMessage",
    "Poll",
    "PollAnswer",
    "PollQuestion",
    "PollRecipient",
    "PollResponse",
    "PracticeExample",
    "QuestionState",
    "Reflection",
    "Response",
    "Role",
    "Segment",
    "SeriesFollower",
    "SmallWin",
    "SmallWinFollowUp",
    "SmallWinMechanism",
    "StakeholderRole",
    "StickAnswer",
    "StoredReport",
    "StorySelection",
    "UserAccount",
]
