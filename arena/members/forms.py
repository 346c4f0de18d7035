"""Forms of the network pages; every one carries a CSRF token."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from arena.forms import NAME_FILTERS, DateField, VisibleText
from arena.i18n import LANGUAGE_NAMES
from arena.members.labels import STAKEHOLDER_ROLES
from arena.members.models import StakeholderRole
from arena.members.services import split_list


def role_choices() -> list[tuple[str, str]]:
    return [(role.value, STAKEHOLDER_ROLES[role]) for role in StakeholderRole]


def language_choices(unset: str):
    """ "" (as the browser says) and each language by its own name."""
    return lambda: [("", unset), *LANGUAGE_NAMES.items()]


def chosen_language(form, member) -> str | None:
    """The form's language; a form posted without the field keeps the member's."""
    if form.language.name not in request.form:
        return member.language
    return form.language.data


class _ProfileFields(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), VisibleText(), Length(max=200)],
        filters=NAME_FILTERS,
    )
    themes = TextAreaField(_l("Themes and interests (one per line)"))

    def theme_list(self) -> list[str]:
        return split_list(self.themes.data)


class MemberForm(_ProfileFields):
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)])
    role = SelectField(_l("Stakeholder role"), choices=role_choices)
    language = SelectField(
        _l("Language of pages and mails"),
        choices=language_choices(_l("Not chosen: as their browser says (mails in Dutch)")),
        validate_choice=False,  # an unknown code means "not chosen" (supported_language)
    )
    notes = TextAreaField(_l("Notes (seen by organisers and by the member on request)"))
    is_former = BooleanField(_l("Former participant"))
    submit = SubmitField(_l("Save"))


class NewMemberForm(MemberForm):
    organisation = StringField(
        _l("Organisation (optional)"),
        validators=[Optional(), Length(max=200)],
        description=_l("Matched by name; more organisations can be added on the profile."),
    )
    position = StringField(
        _l("Position there (optional)"), validators=[Optional(), Length(max=200)]
    )
    consent_source = StringField(
        _l("Consent given via (leave empty when not given)"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example: sign-up form at a session, reply to an email."),
    )


class OwnProfileForm(_ProfileFields):
    language = SelectField(
        _l("Language of pages and mails"),
        choices=language_choices(_l("As my browser says (mails in Dutch)")),
        validate_choice=False,  # an unknown code means "not chosen" (supported_language)
    )
    submit = SubmitField(_l("Save my profile"))


class MembershipForm(FlaskForm):
    position = StringField(
        _l("Position"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example: policy advisor, job coach."),
    )
    since = DateField(_l("Since"), validators=[Optional()])
    until = DateField(
        _l("Until"),
        validators=[Optional()],
        description=_l("Leave empty while it lasts; an ended period stays in the history."),
    )
    submit = SubmitField(_l("Save"))


class NewMembershipForm(MembershipForm):
    organisation = StringField(
        _l("Organisation"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Matched by name, ignoring case; a name not yet known is added."),
    )
    submit = SubmitField(_l("Add"))


class ConsentForm(FlaskForm):
    source = StringField(
        _l("Where was consent given?"), validators=[DataRequired(), Length(max=200)]
    )
    submit = SubmitField(_l("Record consent"))


class MergeForm(FlaskForm):
    other = StringField(
        _l("The duplicate: its email address or member number"),
        validators=[DataRequired(), Length(max=254)],
    )
    submit = SubmitField(_l("Show what will be merged"))


class OrganisationMergeForm(FlaskForm):
    other = StringField(
        _l("The duplicate organisation's name"), validators=[DataRequired(), Length(max=200)]
    )
    submit = SubmitField(_l("Show what will be merged"))


class EraseForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand that erasing cannot be undone"), validators=[DataRequired()]
    )
    submit = SubmitField(_l("Erase personal data"))


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), VisibleText(), Length(max=200)],
        filters=NAME_FILTERS,
    )
    sector = StringField(_l("Sector"), validators=[Optional(), Length(max=100)])
    policy_domain = StringField(_l("Policy domain"), validators=[Optional(), Length(max=100)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=100)])
    submit = SubmitField(_l("Save"))


class SegmentForm(FlaskForm):
    name = StringField(_l("Segment name"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Save these filters as a segment"))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()])
    submit = SubmitField(_l("Upload and preview"))
