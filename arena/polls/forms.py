"""The organiser's poll form: title, audience, closing day, and up to ten questions."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from arena.forms import DateField, as_choices
from arena.polls.audience import KINDS as AUDIENCES
from arena.polls.models import PollState, QuestionKind
from arena.polls.services import MAX_QUESTIONS, PollInput, QuestionInput

QUESTION_KINDS = {
    QuestionKind.ONE_CHOICE: _l("One choice"),
    QuestionKind.SEVERAL_CHOICES: _l("Several choices"),
    QuestionKind.SCALE: _l("A scale of 1 to 5"),
    QuestionKind.FREE_TEXT: _l("Free text"),
}
POLL_STATES = {
    PollState.DRAFT: _l("Draft"),
    PollState.OPEN: _l("Open for answers"),
    PollState.CLOSED: _l("Closed"),
}
#: empty question rows on a new poll
BLANK_QUESTIONS = 4


class QuestionForm(Form):
    kind = SelectField(
        _l("Kind of question"),
        choices=as_choices((k.value, v) for k, v in QUESTION_KINDS.items()),
        validate_choice=False,  # the service names the question whose kind is unknown
    )
    text = StringField(_l("Question"), validators=[Optional(), Length(max=500)])
    options = TextAreaField(
        _l("Options, one per line (for choice questions)"),
        validators=[Optional(), Length(max=3000)],
    )


class PollForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    introduction = TextAreaField(
        _l("A few words above the questions (why you ask, what happens with the answers)"),
        validators=[Optional(), Length(max=3000)],
    )
    series = SelectField(_l("Series it serves (optional)"), choices=[], default="")
    audience = SelectField(
        _l("Who to ask"), choices=as_choices(AUDIENCES.items()), default="network"
    )
    segment = SelectField(_l("Segment (when asking a segment)"), choices=[], validate_choice=False)
    meeting = SelectField(
        _l("Session (when asking who attended one)"), choices=[], validate_choice=False
    )
    closes_on = DateField(_l("Answers are taken until the end of"), validators=[InputRequired()])
    questions = FieldList(FormField(QuestionForm), min_entries=1, max_entries=MAX_QUESTIONS)
    submit = SubmitField(_l("Save and preview"))

    def to_input(self, time_zone: str) -> PollInput:
        audience = {"kind": self.audience.data}
        if self.audience.data == "segment":
            audience["segment_id"] = self.segment.data
        if self.audience.data == "attendees":
            audience["meeting_id"] = self.meeting.data
        return PollInput(
            title=self.title.data or "",
            introduction=self.introduction.data or "",
            series_id=int(self.series.data) if (self.series.data or "").isdigit() else None,
            audience=audience,
            closes_dt=end_of_day(self.closes_on.data, time_zone) if self.closes_on.data else None,
            questions=[
                QuestionInput(q.kind.data, q.text.data or "", (q.options.data or "").splitlines())
                for q in self.questions
            ],
        )


def end_of_day(day, time_zone: str) -> datetime:
    """The first moment after ``day`` where the programme is (answers are taken until then)."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=ZoneInfo(time_zone))


class AnswerForm(FlaskForm):
    """Only the CSRF token: the questions are read from the posted values by the service."""

    submit = SubmitField(_l("Send my answer"))


class ActionForm(FlaskForm):
    """A button that changes something (send, close): the CSRF token and nothing else."""
