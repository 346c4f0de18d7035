"""The texts a new series starts with: a Dutch standard invitation, reminder, practical note
and presenter instructions, and English versions of the invitation, reminder and note for
members who chose English. Organisers adapt them; they are content, not interface, so they
are not translated through the catalogue (a Dutch programme writes Dutch whatever language
its organiser reads).
"""

from __future__ import annotations

PRESENTER_INSTRUCTIONS = """\
Dank je wel dat je een praktijkvoorbeeld wilt presenteren. Je hebt 20 minuten, daarna
praten we 20 minuten met elkaar. Vertel je zoekverhaal, geen succesverhaal:

1. Doelen: wat wil je bereiken, en voor wie?
2. Waarden: welke waarden zitten onder het initiatief?
3. Wat gaat goed, en wat gaat minder goed?
4. Waar schuurt het met andere belangen, gewoontes, regels of ideeën?

Neem één vraag mee waarover je de arena wilt laten meedenken. Dia's zijn niet nodig: een
foto of een kort verhaal uit de praktijk werkt vaak beter."""

INVITATION_SUBJECT = "Uitnodiging: {{ session.title }} op {{ session_date }}"

INVITATION_BODY = """\
Beste {{ member.first_name }},

Je bent van harte uitgenodigd voor de volgende bijeenkomst van {{ series.name }}:
{{ session.title }}, op {{ session_date }}.
Waar: {{ place }}

Programma
{{ programme }}

Kom je? Laat het ons weten met één klik:
Ja: {{ rsvp_yes_url }}
Nee: {{ rsvp_no_url }}
Misschien: {{ rsvp_maybe_url }}

Met vriendelijke groet,
De organisatoren van {{ series.name }}

Je krijgt dit bericht omdat je bij het netwerk van {{ series.name }} hoort.
Afmelden: {{ unsubscribe_url }}"""

INVITATION_SUBJECT_EN = "Invitation: {{ session.title }} on {{ session_date }}"

INVITATION_BODY_EN = """\
Dear {{ member.first_name }},

You are warmly invited to the next session of {{ series.name }}:
{{ session.title }}, on {{ session_date }}.
Where: {{ place }}

Programme
{{ programme }}

Will you come? Let us know with one click:
Yes: {{ rsvp_yes_url }}
No: {{ rsvp_no_url }}
Maybe: {{ rsvp_maybe_url }}

With kind regards,
The organisers of {{ series.name }}

You receive this message because you are part of the {{ series.name }} network.
Unsubscribe: {{ unsubscribe_url }}"""

REMINDER_SUBJECT = "Herinnering: {{ session.title }} op {{ session_date }}"

REMINDER_BODY = """\
Beste {{ member.first_name }},

We hebben nog niets van je gehoord over {{ session.title }} op {{ session_date }}.
Kom je ook? Antwoord met één klik: {{ rsvp_yes_url }}

Afmelden: {{ unsubscribe_url }}"""

PRACTICAL_NOTE_BODY = """\
Beste {{ member.first_name }},

Morgen is {{ session.title }}, op {{ session_date }}. Waar: {{ place }}
Neem gerust een collega mee: iedereen is welkom.

Afmelden: {{ unsubscribe_url }}"""

REMINDER_SUBJECT_EN = "Reminder: {{ session.title }} on {{ session_date }}"

REMINDER_BODY_EN = """\
Dear {{ member.first_name }},

We have not heard from you yet about {{ session.title }} on {{ session_date }}.
Will you join us? Answer with one click: {{ rsvp_yes_url }}

Unsubscribe: {{ unsubscribe_url }}"""

PRACTICAL_NOTE_BODY_EN = """\
Dear {{ member.first_name }},

Tomorrow is {{ session.title }}, on {{ session_date }}. Where: {{ place }}
Bring a colleague if you like: everyone is welcome.

Unsubscribe: {{ unsubscribe_url }}"""

#: the series form's fields and what a new series starts with
NEW_SERIES = {
    "presenter_instructions": PRESENTER_INSTRUCTIONS,
    "invitation_subject": INVITATION_SUBJECT,
    "invitation_body": INVITATION_BODY,
    "invitation_subject_en": INVITATION_SUBJECT_EN,
    "invitation_body_en": INVITATION_BODY_EN,
    "reminder_subject": REMINDER_SUBJECT,
    "reminder_body": REMINDER_BODY,
    "reminder_subject_en": REMINDER_SUBJECT_EN,
    "reminder_body_en": REMINDER_BODY_EN,
    "practical_note_body": PRACTICAL_NOTE_BODY,
    "practical_note_body_en": PRACTICAL_NOTE_BODY_EN,
}
