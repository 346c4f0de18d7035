"""Form pieces every feature uses: choices from pairs, checkbox lists, the id a select offers.

Forms themselves live in their feature package (``arena/<feature>/forms.py``); what several
features share is here, so no feature imports another's forms.
"""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (plain tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxListField(SelectMultipleField):
    """Several choices as checkboxes, which keyboard and screen-reader users handle well."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def chosen_id(request, name: str, current: int | None) -> object:
    """The id a form's select must offer: what was posted, asked for in the link, or saved."""
    if request.method == "POST":
        return request.form.get(name)
    return request.args.get(name) or current


def no_choice() -> tuple[int, str]:
    """The "None" option that heads a select of sessions or practice examples."""
    return (0, _("None"))
