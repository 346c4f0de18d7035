"""Forms for signing in and managing accounts; every one carries a CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from arena.auth.models import Role
from arena.auth.services import MIN_PASSWORD_LENGTH
from arena.forms import DateField

ROLE_LABELS = {
    Role.ORGANISER: _l("Organiser"),
    Role.PROGRAMME_LEAD: _l("Programme lead"),
    Role.MEMBER: _l("Member"),
}


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in on this device"))
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH)]
    )
    repeat = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))


class SetPasswordForm(FlaskForm):
    new = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH)]
    )
    repeat = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Set password"))


class InviteAccountForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email()])
    role = SelectField(
        _l("Role"), choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]
    )
    member_email = EmailField(
        _l("Link to the network member with this email (optional)"),
        validators=[Optional(), Email()],
    )
    submit = SubmitField(_l("Create account"))


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("Name (what the token is for)"), validators=[DataRequired(), Length(max=100)]
    )
    read_only = BooleanField(_l("Read-only: the token may read, never change anything"))
    expires = DateField(
        _l("Last day it works (optional; one year from now)"), validators=[Optional()]
    )
    submit = SubmitField(_l("Create token"))
