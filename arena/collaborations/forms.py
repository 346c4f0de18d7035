"""The form for recording a collaboration and its sides."""

from __future__ import annotations

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

from arena.collaborations.labels import STATUS_LABELS
from arena.forms import DateField, VisibleText, as_choices

#: empty rows a new collaboration offers; editing shows every side plus one empty row
SIDES = 6
MAX_SIDES = 30


class ParticipantForm(Form):
    """One side: an organisation (by name) or a member (by email), and how valuable they find it."""

    kind = SelectField(
        _l("Kind"),
        choices=as_choices([("organisation", _l("Organisation")), ("member", _l("Member"))]),
    )
    who = StringField(
        _l("Organisation name or member email"),
        validators=[Optional(), Length(max=254)],
        render_kw={"list": "organisation-names", "data-suggest": "one", "autocomplete": "off"},
    )
    rating = SelectField(
        _l("How valuable (1-5, optional)"),
        choices=as_choices([("", "-")] + [(str(n), str(n)) for n in range(1, 6)]),
        validators=[Optional()],
    )


class CollaborationForm(FlaskForm):
    title = StringField(
        _l("What is it called?"), validators=[DataRequired(), VisibleText(), Length(max=200)]
    )
    description = TextAreaField(
        _l("What is it about? (Markdown)"),
        validators=[Optional(), Length(max=10_000)],
        render_kw={"rows": 4},
    )
    started_on = DateField(_l("Since when?"), validators=[InputRequired()])
    status = SelectField(
        _l("Status"), choices=as_choices((s.value, label) for s, label in STATUS_LABELS.items())
    )
    meeting = SelectField(_l("The session it grew from"), coerce=int, validators=[Optional()])
    practice_example = SelectField(
        _l("The practice example it grew from"), coerce=int, validators=[Optional()]
    )
    participants = FieldList(FormField(ParticipantForm), min_entries=SIDES, max_entries=MAX_SIDES)
    submit = SubmitField(_l("Save collaboration"))
