"""Forms of the learning agenda: raising, proposing, moving, merging, dropping, linking."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from arena.forms import as_choices
from arena.learning.models import QuestionState

STATES = {
    QuestionState.PROPOSED: _l("Proposed"),
    QuestionState.OPEN: _l("Open"),
    QuestionState.EXPLORING: _l("Being explored"),
    QuestionState.ANSWERED: _l("Answered"),
    QuestionState.DROPPED: _l("Dropped"),
    QuestionState.MERGED: _l("Merged"),
}
LINK_KINDS = {
    "reflection": _l("Reflection"),
    "practice-example": _l("Practice example"),
    "small-win": _l("Small win"),
    "session": _l("Session"),
    "poll-question": _l("Poll question"),
    "poll-answer": _l("Poll answer"),
    "story": _l("Change story"),
}


class QuestionForm(FlaskForm):
    text = StringField(_l("The question"), validators=[DataRequired(), Length(max=500)])
    context = TextAreaField(
        _l("Why it matters (optional)"), validators=[Optional(), Length(max=3000)]
    )
    raised_by = StringField(
        _l("Raised by a member (their email, optional)"), validators=[Optional(), Length(max=254)]
    )
    submit = SubmitField(_l("Put it on the agenda"))


class ProposalForm(FlaskForm):
    text = StringField(_l("Your question"), validators=[DataRequired(), Length(max=500)])
    context = TextAreaField(
        _l("Why it matters to you (optional)"), validators=[Optional(), Length(max=3000)]
    )
    submit = SubmitField(_l("Propose the question"))


class SettingsForm(FlaskForm):
    flag_after_sessions = IntegerField(
        _l("Flag a question still open after this many sessions"),
        validators=[DataRequired(), NumberRange(min=1, max=50)],
    )
    submit = SubmitField(_l("Save"))


class MoveForm(FlaskForm):
    state = SelectField(
        _l("State"),
        choices=as_choices(
            (s.value, STATES[s])
            for s in (QuestionState.OPEN, QuestionState.EXPLORING, QuestionState.ANSWERED)
        ),
    )
    answer = TextAreaField(
        _l("The answer in words (needed when answered)"), validators=[Optional(), Length(max=5000)]
    )
    submit = SubmitField(_l("Save the state"))


class MergeForm(FlaskForm):
    into = SelectField(_l("Merge into"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Merge"))


class DropForm(FlaskForm):
    reason = TextAreaField(
        _l("Why it is dropped (optional)"), validators=[Optional(), Length(max=3000)]
    )
    submit = SubmitField(_l("Drop"))


class LinkForm(FlaskForm):
    kind = SelectField(_l("Kind of record"), choices=as_choices(LINK_KINDS.items()))
    record = IntegerField(
        _l("Its number"), validators=[DataRequired(), NumberRange(min=1, max=2**31 - 1)]
    )
    question = SelectField(_l("Learning question"), choices=[], validate_choice=False)
    note = TextAreaField(
        _l("What it says about the question (optional)"), validators=[Optional(), Length(max=3000)]
    )
    submit = SubmitField(_l("Link"))


class ActionForm(FlaskForm):
    """A button that changes something: the CSRF token and nothing else."""
