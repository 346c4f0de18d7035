"""Forms for proposing a practice example and for organisers' planning actions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from arena.examples.models import Maturity
from arena.forms import CheckboxListField, as_choices

STORY_LIMIT = 10_000
MATURITY_LABELS = {
    Maturity.FRONTRUNNER: _l("Frontrunner: the initiative is already far along"),
    Maturity.STARTING: _l("Starting: the initiative is still finding its way"),
}


def _story(label):
    return TextAreaField(
        label,
        validators=[Optional(), Length(max=STORY_LIMIT)],
        render_kw={"rows": 4},
        description=_l("You can use Markdown."),
    )


class ExampleForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    initiative = StringField(_l("Initiative"), validators=[Optional(), Length(max=200)])
    presenters = TextAreaField(
        _l("Presenters' emails (one per line)"),
        validators=[Optional(), Length(max=5_000)],
        render_kw={"rows": 2},
    )
    organisations = StringField(
        _l("Organisations (separate several with commas)"),
        validators=[Optional(), Length(max=2_000)],
        render_kw={"list": "organisation-names", "data-suggest": "several", "autocomplete": "off"},
    )
    goals = _story(_l("Goals: what do you want to achieve?"))
    underlying_values = _story(_l("Underlying values: what matters to you in this?"))
    goes_well = _story(_l("What goes well?"))
    goes_less_well = _story(_l("What goes less well?"))
    chafes = _story(_l("Where does it chafe against other interests, routines or rules?"))
    maturity = RadioField(
        _l("How far along is the initiative?"),
        choices=as_choices((m.value, label) for m, label in MATURITY_LABELS.items()),
        validators=[DataRequired(message=_l("Choose how far along the initiative is."))],
    )
    preferred_meetings = CheckboxListField(_l("Sessions you would like to present at"), coerce=int)
    save_draft = SubmitField(_l("Save as draft"))
    submit = SubmitField(_l("Submit for review"))


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason, sent to the proposer"),
        validators=[DataRequired(), Length(max=STORY_LIMIT)],
        render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Decline"))


class ScheduleForm(FlaskForm):
    meeting = SelectField(_l("Session"), coerce=int, validators=[DataRequired()])
    slot = SelectField(
        _l("Slot"), coerce=int, choices=as_choices([(1, _l("Slot 1")), (2, _l("Slot 2"))])
    )
    submit = SubmitField(_l("Schedule"))
