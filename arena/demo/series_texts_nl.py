"""The standard form of a demo series in Dutch, as a programme like Waardevol Werk writes it.

The twin of series_texts: the same names, in the same order and of the same lengths, so a
seed draws the same network in either language. Members are addressed with "je", in plain
Dutch (see translations/nl/GLOSSARY.md). The invitation and reminder are sandboxed Jinja
templates with the invitation renderer's placeholders.
"""

from __future__ import annotations

from arena.demo.series_texts import FLAGSHIP_NAME, Theme

FLAGSHIP_THEME = "Een inclusieve arbeidsmarkt: waardevol werk voor iedereen die kan en wil werken"

FLAGSHIP = Theme(
    FLAGSHIP_NAME,
    FLAGSHIP_THEME,
    (
        "Jobcarving in de zorg en de schoonmaak",
        "De Participatiewet na tien jaar",
        "Ervaringsdeskundigen als collega's",
        "Loonkostensubsidie in de praktijk",
        "Social return die werkt",
        "Beschut werk na de sociale werkvoorziening",
        "Werkgevers die anders werven",
        "Schuldhulp als eerste stap naar werk",
        "Leren op de werkvloer voor statushouders",
        "Eén werkgeversloket in de regio",
        "Gezondheid en werk: de praktijkverpleegkundige op het werkplein",
        "Jongeren zonder startkwalificatie",
        "Brede welvaart en de waarde van werk",
        "Van uitkering naar loonstrook zonder inkomensdip",
        "Inclusief inkopen door gemeenten",
        "Werk en Wmo: één gesprek aan de keukentafel",
    ),
)

OTHER_THEMES: tuple[Theme, ...] = (
    Theme("Thuis in de Wijk", "Thuis blijven wonen met steun uit de buurt",
          ("Wijkzorgteams", "Housing First", "Mantelzorgers onder druk")),
    Theme("Gezond Opgroeien", "Gezond opgroeien voor kinderen en jongeren",
          ("Jeugdhulp dichter bij school", "Preventie in de eerste duizend dagen")),
    Theme("Schuldenvrij", "Een leven zonder problematische schulden",
          ("Vroeg signaleren van betalingsachterstanden", "Schuldhulp die blijft werken")),
    Theme("Leren voor Iedereen", "Een leven lang leren voor mensen met een afstand tot werk",
          ("Praktijkverklaringen", "Laaggeletterdheid op het werk", "Leren in de wijk")),
    Theme("Samen Zorgen", "Zorg die professionals en de buurt samen dragen",
          ("Zorgcoöperaties in de buurt", "Technologie die mantelzorgers helpt")),
    Theme("Meedoen Werkt", "Meedoen voor mensen met een arbeidsbeperking",
          ("Dagbesteding die naar werk leidt", "Sociale ondernemingen als opstap")),
    Theme("Ruimte voor Talent", "Talent laten groeien bij jongeren en statushouders",
          ("Taal en werk samen", "Werkgevers als mentor")),
    Theme("Armoede de Wereld Uit", "Armoede aanpakken in de wijk",
          ("Minimaregelingen die mensen echt bereiken", "Kinderen in armoede")),
)  # fmt: skip

HEADER = (
    "{name} is een transitiearena over {theme_lower}. Vier keer per jaar komen aanbieders, "
    "gemeenten, cliënten en ervaringsdeskundigen, werkgevers, sociaal ondernemers, "
    "beleidsmakers en onderzoekers bij elkaar. We delen praktijkvoorbeelden, houden het "
    "netwerk levend en werken samen aan verandering. Iedereen is welkom; kleine en grote "
    "partijen worden even goed gehoord."
)

DESCRIPTION = (
    "Een langlopende arenaserie over {theme_lower}. De serie is onderdeel van een breder "
    "netwerk, waarin naast de bijeenkomsten ook projecten en samenwerkingen lopen."
)

PRESENTER_INSTRUCTIONS = """\
Dank je wel dat je een praktijkvoorbeeld wilt presenteren. Je hebt 20 minuten, daarna
praten we 20 minuten met elkaar. Vertel je zoekverhaal, geen succesverhaal:

1. Doelen: wat wil je bereiken, en voor wie?
2. Waarden: welke onderliggende waarden zitten onder het initiatief?
3. Wat gaat goed, en wat gaat minder goed?
4. Waar schuurt het met andere belangen, routines, regels of ideeën?

Neem één vraag mee waarover je de arena wilt laten meedenken. Dia's zijn niet nodig: een
foto of een kort verhaal uit de praktijk werkt vaak beter."""

INVITATION_SUBJECT = "Uitnodiging: {{ session.title }} op {{ session_date }}"

INVITATION_BODY = """\
Beste {{ member.first_name }},

Je bent van harte uitgenodigd voor de volgende bijeenkomst van [series]:
{{ session.title }}, op {{ session_date }}.

Programma
- Inleiding: een onderdeel van de transitiekunde en de stand van zaken in het land
- Twee praktijkvoorbeelden uit het netwerk, die elk hun zoekverhaal vertellen
- Vertalen naar je eigen praktijk: wat inspireert je, wat ga je anders doen?

Kom je? Laat het ons weten met één klik: {{ rsvp_yes_url }}

Wil je zelf een praktijkvoorbeeld presenteren op een volgende bijeenkomst? Antwoord dan op
dit bericht. We zorgen voor een goede balans tussen voorlopers en initiatieven die net
beginnen.

Met vriendelijke groet,
De organisatoren van [series]

Je krijgt dit bericht omdat je bij het netwerk van [series] hoort.
Afmelden: {{ unsubscribe_url }}"""

REMINDER_SUBJECT = "Herinnering: {{ session.title }} op {{ session_date }}"

REMINDER_BODY = """\
Beste {{ member.first_name }},

We hebben nog niets van je gehoord over {{ session.title }} op {{ session_date }}.
Kom je ook? Antwoord met één klik: {{ rsvp_yes_url }}

Afmelden: {{ unsubscribe_url }}"""

PRACTICAL_NOTE_BODY = """\
Beste {{ member.first_name }},

Morgen is {{ session.title }}. We beginnen op de tijd uit je uitnodiging. De zaal is een
halfuur eerder open, met koffie. Neem gerust een collega mee: iedereen is welkom.

Afmelden: {{ unsubscribe_url }}"""

DEFAULT_PROGRAMME = """\
1. Welkom en inleiding: {topic}
2. Praktijkvoorbeeld 1: zoekverhaal en gesprek
3. Praktijkvoorbeeld 2: zoekverhaal en gesprek
4. Vertalen naar je eigen praktijk: welk element inspireert je, waar zie je aanknopingspunten,
   wat ga je morgen anders doen?
5. Reflectie (drie korte vragen) en een drankje"""
#: the introduction named in a series' standard programme, before a session picks one
PROGRAMME_TOPIC = "een onderdeel van de transitiekunde"

#: onderdelen van de transitiekunde voor de inleiding
INTRODUCTIONS = (
    "Small wins en hun aanjaagmechanismen",
    "De X-curve: opbouw en afbraak",
    "Het multilevelperspectief: niches, regimes en landschap",
    "Schuring als bron van verandering",
    "Verdiepen, verbreden en opschalen",
    "Voorlopers en de rol van de overheid",
    "Transitie-experimenten en wat ze ons leren",
    "Waarden in transities: wie bepaalt wat waardevol is?",
    "Gevestigde belangen en hoe routines blijven hangen",
    "Een transitie volgen zonder het eindpunt vast te leggen",
)

#: onderwerpen waar elke arenaserie op terugkomt, naast die van het eigen thema
GENERAL_TOPICS = (
    "Wat het netwerk dit jaar heeft geleerd",
    "Op bezoek bij elkaars praktijk",
    "Geld voor wat ontstaat, niet alleen voor wat gepland was",
    "Voorlopers en laatkomers",
    "Als gemeentelijk beleid de praktijk tegenkomt",
)
CANCELLATION_REASON = (
    "Afgelast: door de eerste lockdown kunnen we niet bij elkaar komen. We zien elkaar weer "
    "zodra het kan, en als het moet online."
)
