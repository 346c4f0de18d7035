"""Forms for series, sessions, cancelling and the door."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from arena.arenas import header_image
from arena.arenas.models import ReminderTo
from arena.forms import NAME_FILTERS, DateField, VisibleText

REMINDER_TO = [
    SelectChoice(ReminderTo.UNANSWERED.value, _l("Members who have not answered")),
    SelectChoice(
        ReminderTo.UNANSWERED_OR_MAYBE.value, _l("Members who have not answered or said maybe")
    ),
]
#: a session may follow the series (empty) or choose for itself
SESSION_REMINDER_TO = [SelectChoice("", _l("As set for the series")), *REMINDER_TO]


def session_reminder_choices(series_setting: str) -> list[SelectChoice]:
    """The session's choices, the first one saying what the series does."""
    labels = {choice.value: choice.label for choice in REMINDER_TO}
    series_label = labels.get(str(series_setting), labels[ReminderTo.UNANSWERED.value])
    as_series = _l("As set for the series: %(who)s", who=str(series_label).lower())
    return [SelectChoice("", as_series), *REMINDER_TO]


class ImageUpload:
    """Checks an upload by its bytes, not its name; keeps the result as ``field.image``."""

    def __call__(self, form, field) -> None:
        field.image = None
        upload = field.data
        if not upload or not getattr(upload, "filename", None):
            return
        limit = current_app.config.get("HEADER_IMAGE_MAX_BYTES", header_image.DEFAULT_MAX_BYTES)
        try:
            field.image = header_image.check_image(upload.read(limit + 1), limit)
        except header_image.ImageError as exc:
            raise ValidationError(str(exc)) from exc


class SeriesForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), VisibleText(), Length(max=200)],
        filters=NAME_FILTERS,
    )
    theme = StringField(
        _l("Theme (the transition it is about)"), validators=[DataRequired(), Length(max=300)]
    )
    description = TextAreaField(_l("Description"))
    rhythm = SelectField(
        _l("Rhythm"),
        choices=[SelectChoice(v, label) for v, label in (
            ("monthly", _l("Monthly")), ("bimonthly", _l("Every two months")),
            ("quarterly", _l("Quarterly")), ("yearly", _l("Yearly")))],
    )  # fmt: skip
    organisers = SelectMultipleField(_l("Organisers"), coerce=int)
    header_text = TextAreaField(_l("General header (shown on every invitation and page)"))
    header_image = FileField(
        _l("Header image (PNG or JPEG)"),
        validators=[ImageUpload()],
    )
    remove_header_image = BooleanField(_l("Remove the header image"))
    presenter_instructions = TextAreaField(_l("Instructions for presenters"))
    default_location = StringField(_l("Usual location"), validators=[Optional(), Length(max=300)])
    default_programme = TextAreaField(_l("Standard programme"))
    invitation_subject = StringField(
        _l("Invitation subject"), validators=[DataRequired(), Length(max=300)]
    )
    invitation_body = TextAreaField(_l("Invitation text"), validators=[DataRequired()])
    invitation_subject_en = StringField(
        _l("Subject of the English invitation"), validators=[Optional(), Length(max=300)]
    )
    invitation_body_en = TextAreaField(
        _l("Text of the English invitation (for members who chose English; empty: the Dutch text)")
    )
    reminder_days_before = IntegerField(
        _l("Reminder: days before the session (0 for none)"),
        validators=[NumberRange(min=0, max=60)], default=7,
    )  # fmt: skip
    reminder_to = SelectField(_l("Reminder goes to"), choices=REMINDER_TO)
    reminder_subject = StringField(_l("Reminder subject"), validators=[Optional(), Length(max=300)])
    reminder_body = TextAreaField(_l("Reminder text"))
    reminder_subject_en = StringField(
        _l("Subject of the English reminder"), validators=[Optional(), Length(max=300)]
    )
    reminder_body_en = TextAreaField(
        _l("Text of the English reminder (for members who chose English; empty: the Dutch text)")
    )
    practical_note_body = TextAreaField(_l("Practical note the day before (to those who said yes)"))
    practical_note_body_en = TextAreaField(
        _l("Practical note in English (for members who chose English; empty: the Dutch text)")
    )
    submit = SubmitField(_l("Save series"))


class MeetingForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    day = DateField(_l("Date"), validators=[InputRequired()])
    starts_at = TimeField(_l("Starts at (Amsterdam time)"), validators=[DataRequired()])
    ends_at = TimeField(_l("Ends at (Amsterdam time)"), validators=[DataRequired()])
    location = StringField(_l("Location"), validators=[Optional(), Length(max=300)])
    online_url = URLField(_l("Online link"), validators=[Optional(), URL(), Length(max=500)])
    introduction_topic = StringField(
        _l("Introduction: which aspect of transition science"), validators=[Length(max=300)]
    )
    programme = TextAreaField(_l("Programme"))
    invitation_subject = StringField(
        _l("Invitation subject"), validators=[DataRequired(), Length(max=300)]
    )
    invitation_body = TextAreaField(_l("Invitation text"), validators=[DataRequired()])
    reminder_days_before = IntegerField(
        _l("Reminder: days before the session (0 for none)"),
        validators=[NumberRange(min=0, max=60)], default=7,
    )  # fmt: skip
    reminder_to = SelectField(_l("Reminder goes to"), choices=SESSION_REMINDER_TO)
    reminder_subject = StringField(
        _l("Reminder subject (empty: the series' subject)"),
        validators=[Optional(), Length(max=300)],
    )
    reminder_body = TextAreaField(_l("Reminder text (empty: the series' text)"))
    submit = SubmitField(_l("Save session"))


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason (sent to everyone invited)"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Cancel this session"))


class WalkInForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), VisibleText(), Length(max=200)],
        filters=NAME_FILTERS,
    )
    email = EmailField(_l("Email (optional)"), validators=[Optional(), Email()])
    submit = SubmitField(_l("Add walk-in"))
