"""Telling a change story, and selecting one for a period."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from arena.forms import DateField, as_choices
from arena.wins.labels import MECHANISMS


class StoryForm(FlaskForm):
    title = StringField(_l("A title for your story"), validators=[DataRequired(), Length(max=200)])
    what_changed = TextAreaField(
        _l("What changed?"), validators=[DataRequired(), Length(max=10_000)]
    )
    for_whom = TextAreaField(_l("For whom?"), validators=[Optional(), Length(max=3000)])
    why_it_matters = TextAreaField(
        _l("Why does it matter?"), validators=[DataRequired(), Length(max=10_000)]
    )
    mechanism = SelectField(
        _l("Which mechanism does it show? (or write a theme below)"),
        choices=as_choices(
            [("", _l("None")), *((m.value, label) for m, label in MECHANISMS.items())]
        ),
    )
    theme = StringField(_l("Theme"), validators=[Optional(), Length(max=200)])
    series = SelectField(_l("Series (optional)"), choices=[], default="")
    small_wins = StringField(
        _l("Small wins it came from (their numbers, e.g. 12, 40)"),
        validators=[Optional(), Length(max=300)],
    )
    meetings = StringField(
        _l("Sessions it came from (their numbers, e.g. 3, 7)"),
        validators=[Optional(), Length(max=300)],
    )
    submit = SubmitField(_l("Tell the story"))


class SelectionForm(FlaskForm):
    start = DateField(_l("Period from"), validators=[InputRequired()])
    end = DateField(_l("Period to"), validators=[InputRequired()])
    reason = TextAreaField(
        _l("Why this story was chosen"), validators=[DataRequired(), Length(max=5000)]
    )
    panel = StringField(
        _l("Chosen by (e.g. the organisers, or a panel)"), validators=[Optional(), Length(max=300)]
    )
    submit = SubmitField(_l("Select as most significant"))
