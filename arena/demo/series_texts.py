"""The standard form of a demo series in English: header, presenter instructions, invitation,
programme, and the topics of its sessions. The Dutch twin is series_texts_nl.

The invitation and reminder are sandboxed Jinja templates, so they use the placeholders the
invitation renderer offers (member, session, session_date, rsvp and unsubscribe links).
"""

from __future__ import annotations

from dataclasses import dataclass

FLAGSHIP_NAME = "Waardevol Werk"
FLAGSHIP_THEME = "An inclusive labour market: valuable work for everyone who can and wants to work"


@dataclass(frozen=True)
class Theme:
    name: str
    theme: str
    #: session topics about the state of affairs in the country
    topics: tuple[str, ...]


FLAGSHIP = Theme(
    FLAGSHIP_NAME,
    FLAGSHIP_THEME,
    (
        "Job carving in care and cleaning",
        "The Participatiewet after ten years",
        "Experience experts as colleagues",
        "Wage cost subsidy in practice",
        "Social return on investment that works",
        "Sheltered work after the sheltered workshop",
        "Employers who hire differently",
        "Debt help as the first step to work",
        "Learning on the job for status holders",
        "One desk for employers in the region",
        "Health and work: the practice nurse at the job centre",
        "Young people without a starting qualification",
        "Broad prosperity and the value of work",
        "From benefit to payslip without a dip in income",
        "Inclusive procurement by municipalities",
        "Work and Wmo: one conversation at the kitchen table",
    ),
)

OTHER_THEMES: tuple[Theme, ...] = (
    Theme("Thuis in de Wijk", "Living at home with support from the neighbourhood",
          ("Neighbourhood care teams", "Housing first", "Informal carers under pressure")),
    Theme("Gezond Opgroeien", "Children and young people growing up healthy",
          ("Youth care closer to school", "Prevention in the first thousand days")),
    Theme("Schuldenvrij", "A life without problematic debt",
          ("Early signals of payment arrears", "Debt help that sticks")),
    Theme("Leren voor Iedereen", "Lifelong learning for people with a distance to work",
          ("Practice certificates", "Literacy at work", "Learning in the neighbourhood")),
    Theme("Samen Zorgen", "Care that is shared between professionals and the community",
          ("Community care cooperatives", "Technology that helps carers")),
    Theme("Meedoen Werkt", "Participation for people with a work disability",
          ("Daytime activities that lead to work", "Social enterprises as stepping stone")),
    Theme("Ruimte voor Talent", "Talent development for young people and status holders",
          ("Language and work together", "Mentoring by employers")),
    Theme("Armoede de Wereld Uit", "Fighting poverty in the neighbourhood",
          ("Minimum income schemes that reach people", "Children in poverty")),
)  # fmt: skip

HEADER = (
    "{name} is a transition arena about {theme_lower}. Four times a year providers, "
    "municipalities, clients and experience experts, employers, social entrepreneurs, policy "
    "makers and researchers meet to share practice, keep the network alive and work on change "
    "together. Everyone is welcome; small and large parties are equally heard."
)

DESCRIPTION = (
    "A long-running arena series on {theme_lower}, part of a wider network in which projects "
    "and collaborations run alongside the sessions."
)

PRESENTER_INSTRUCTIONS = """\
Thank you for presenting a practice example. You have 20 minutes, followed by 20 minutes of
conversation. Tell your search story rather than a success story:

1. Goals: what are you trying to achieve, and for whom?
2. Values: which underlying values drive the initiative?
3. What goes well, and what goes less well?
4. Where does it chafe against other interests, routines, rules or ideas?

Bring one question you would like the arena to think along with. Slides are optional; a
photo or a short story from practice often works better."""

INVITATION_SUBJECT = "Invitation: {{ session.title }} on {{ session_date }}"

INVITATION_BODY = """\
Dear {{ member.first_name }},

You are warmly invited to the next session of [series]: {{ session.title }}, on
{{ session_date }}.

Programme
- Introduction: one aspect of transition science and the state of affairs in the country
- Two practice examples from initiatives in the network, each telling their search story
- Translation to your own practice: what inspires you, what will you do differently?

Will you come? Let us know with one click: {{ rsvp_yes_url }}

Would you like to present a practice example yourself at a later session? Reply to this
message; we balance frontrunners with initiatives that are just starting.

With kind regards,
The organisers of [series]

You receive this message because you are part of the [series] network.
Unsubscribe: {{ unsubscribe_url }}"""

REMINDER_SUBJECT = "Reminder: {{ session.title }} on {{ session_date }}"

REMINDER_BODY = """\
Dear {{ member.first_name }},

We have not heard from you yet about {{ session.title }} on {{ session_date }}.
Will you join us? Answer with one click: {{ rsvp_yes_url }}

Unsubscribe: {{ unsubscribe_url }}"""

PRACTICAL_NOTE_BODY = """\
Dear {{ member.first_name }},

Tomorrow is {{ session.title }}. We start at the time in your invitation; the room opens
half an hour earlier with coffee. Bring a colleague if you like: everyone is welcome.

Unsubscribe: {{ unsubscribe_url }}"""

DEFAULT_PROGRAMME = """\
1. Welcome and introduction: {topic}
2. Practice example 1: search story and conversation
3. Practice example 2: search story and conversation
4. Translation to your own practice: which element inspires you, where do you see openings,
   what will you do differently tomorrow?
5. Reflection (three short questions) and drinks"""
#: the introduction named in a series' standard programme, before a session picks one
PROGRAMME_TOPIC = "one aspect of transition science"

#: aspects of transition science for the introduction
INTRODUCTIONS = (
    "Small wins and their accelerating mechanisms",
    "The X-curve: building up and breaking down",
    "The multi-level perspective: niches, regimes and landscape",
    "Friction as a source of change",
    "Deepening, broadening and scaling up",
    "Frontrunners and the role of the government",
    "Transition experiments and what they teach",
    "Values in transitions: who decides what is valuable?",
    "Vested interests and how routines hold on",
    "Monitoring a transition without fixing the end point",
)

#: session topics every series comes back to, beside its theme's own
GENERAL_TOPICS = (
    "What the network learned this year",
    "Visiting each other's practice",
    "Funding what emerges, not only what was planned",
    "Frontrunners and late adopters",
    "When municipal policy meets practice",
)
CANCELLATION_REASON = (
    "Cancelled: the first lockdown does not allow meetings. We will meet again as soon as we "
    "can, online if need be."
)
