"""The invitation form: audience, preview member, test, send now or later."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from arena.forms import DateTimeLocalField
from arena.invitations.audience import KINDS


class InviteForm(FlaskForm):
    kind = RadioField(
        _l("Who to invite"),
        choices=[SelectChoice(k, label) for k, label in KINDS.items()],
        default="followers",
    )
    segment_id = SelectField(
        _l("Segment"), coerce=int, validators=[Optional()], validate_choice=False
    )
    member_emails = TextAreaField(_l("Hand-picked members: email addresses, one per line"))
    preview_member = SelectField(
        _l("Preview the message as"), coerce=int, validators=[Optional()], validate_choice=False
    )
    send_at = DateTimeLocalField(
        _l("Send at (Amsterdam time; leave empty to send now)"),
        format="%Y-%m-%dT%H:%M", validators=[Optional()],
    )  # fmt: skip
    check = SubmitField(_l("Show who will be mailed"))
    test = SubmitField(_l("Send a test to me"))
    send = SubmitField(_l("Send invitations"))
