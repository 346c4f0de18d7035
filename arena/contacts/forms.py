"""The forms of contact requests: asking, an organiser's introduction, and answering."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from arena.contacts.models import ContactPurpose
from arena.contacts.services import MESSAGE_MAX
from arena.forms import as_choices

PURPOSE_CHOICES = (
    (ContactPurpose.PRACTICE_VISIT.value, _l("To visit each other's practice")),
    (ContactPurpose.FUNDING.value, _l("To talk about funding")),
    (ContactPurpose.OTHER.value, _l("Something else")),
)


class ContactForm(FlaskForm):
    purpose = RadioField(
        _l("Why would you like to get in touch?"),
        choices=as_choices(PURPOSE_CHOICES),
        default=ContactPurpose.PRACTICE_VISIT.value,
        validators=[DataRequired(_l("Choose why."))],
    )
    message = TextAreaField(
        _l("A short message (optional)"),
        validators=[Length(max=MESSAGE_MAX)],
        description=_l("The other member reads this in the mail that asks them."),
    )
    submit = SubmitField(_l("Send the request"))


class AnswerForm(FlaskForm):
    submit = SubmitField(_l("Confirm"))
