"""Forms for small wins (quick and full), filters, reflections and 'did it stick?'."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from arena.forms import CheckboxListField, DateField, as_choices
from arena.wins.labels import MECHANISMS, STICK_LABELS

TEXT_LIMIT = 10_000


def _text(label, rows=3, required=False):
    validators = (
        [DataRequired(), Length(max=TEXT_LIMIT)]
        if required
        else [
            Optional(),
            Length(max=TEXT_LIMIT),
        ]
    )
    return TextAreaField(label, validators=validators, render_kw={"rows": rows})


class QuickWinForm(FlaskForm):
    title = StringField(
        _l("What is your small win, in a line?"), validators=[DataRequired(), Length(max=200)]
    )
    what_changed = _text(_l("What changed? (new practice, insight or value; Markdown)"))
    happened_on = DateField(_l("When did it happen?"), validators=[InputRequired()])
    mechanisms = CheckboxListField(
        _l("Which mechanisms are at work? Choose one or more."),
        choices=as_choices((m.value, label) for m, label in MECHANISMS.items()),
        validators=[DataRequired(message=_l("Choose at least one mechanism."))],
    )
    meeting = SelectField(_l("The session that inspired it"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Log small win"))


class SmallWinForm(QuickWinForm):
    organisation = StringField(
        _l("In which organisation?"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "organisation-names", "data-suggest": "one", "autocomplete": "off"},
    )
    friction = _text(_l("What friction did you meet? (interests, routines, rules; Markdown)"))
    reach = StringField(
        _l("Which level or policy domain did it reach?"), validators=[Optional(), Length(max=200)]
    )
    practice_example = SelectField(
        _l("The practice example that inspired it"), coerce=int, validators=[Optional()]
    )
    inspired_by = StringField(
        _l("Earlier small wins that inspired it (their numbers, e.g. 12, 40)"),
        validators=[Optional(), Length(max=500)],
    )
    members = TextAreaField(
        _l("Other members involved (emails, one per line)"),
        validators=[Optional(), Length(max=5_000)],
        render_kw={"rows": 2},
    )
    submit = SubmitField(_l("Save small win"))


class ReflectionForm(FlaskForm):
    of_value = _text(_l("What was of value to you today?"), required=True)
    want_more_of = _text(
        _l("What did you see in the collaboration that you want more of?"), required=True
    )
    do_differently = _text(_l("What will you do differently tomorrow?"), required=True)
    submit = SubmitField(_l("Send my answers"))


class StickForm(FlaskForm):
    answer = RadioField(
        _l("Did your small win stick?"),
        choices=as_choices((a.value, label) for a, label in STICK_LABELS.items()),
        validators=[DataRequired(message=_l("Choose one answer."))],
    )
    note = _text(_l("Anything you want to add? (optional)"))
    submit = SubmitField(_l("Send my answer"))
