"""Text fragments for the Dutch demo: practice examples, small wins, reflections, collaborations.

The twin of stories: the same names, in the same order and of the same lengths, so a seed draws
the same network in either language. Written as members and organisers of a programme like
Waardevol Werk would write them: plain Dutch, the words of translations/nl/GLOSSARY.md.
"""

from __future__ import annotations

from arena.demo.kinds import EDUCATION, HEALTH, HOUSING, WMO, WORK, YOUTH
from arena.members.models import StakeholderRole as R
from arena.wins.models import StickAnswer

INITIATIVES = (
    "Jobcarving in de keuken", "Leerwerkroute voor statushouders",
    "Ervaringsdeskundigen op het werkplein", "Buddysysteem voor nieuwe collega's",
    "Social return in het wegonderhoud", "Leerbedrijf in de wijk",
    "Eén werkgeversloket voor de regio", "Schuldenvrij aan het werk",
    "Payrolling voor kleine werkgevers", "Beschut werk bij gewone bedrijven",
    "Praktijkverklaring in de logistiek", "De coach van uitkering naar werk",
    "Leerplek in de wasserij", "Schoonmaakteam in de wijk", "Groenonderhoud met deelnemers",
    "Repair Café als werkplek", "Leerbanen in de thuiszorg", "Inclusief werven op het stadhuis",
    "Taal en werk op de werkvloer", "Koffiebar van jongeren",
)  # fmt: skip
#: a practice example's title when it names the organisation it runs at
EXAMPLE_AT = "{initiative} bij {organisation}"
GOALS = (
    "Mensen met een afstand tot de arbeidsmarkt helpen aan betaald werk dat blijft.",
    "Het voor kleine werkgevers makkelijk maken om iemand met een arbeidsbeperking aan te nemen.",
    "Ervaringsdeskundigen een echte plek geven in hoe de gemeente ondersteuning regelt.",
    "Vanaf de eerste week tegelijk de taal leren en een vak leren.",
    "Werk en inkomen en de Wmo samenbrengen in één gesprek met inwoners.",
    "Banen maken van taken die in gewone teams blijven liggen.",
    "Jongeren zonder startkwalificatie in beeld en aan het werk houden.",
)
VALUES = (
    "Iedereen die wil werken, heeft iets te bieden.",
    "Werk is meer dan inkomen: het geeft structuur, contacten en trots.",
    "We kijken naar wat mensen wel kunnen, niet naar wat ze niet kunnen.",
    "Gelijkwaardig: de werkgever, de werkzoekende en de coach beslissen samen.",
    "Eerst vertrouwen; controle alleen waar het helpt.",
    "Kleine en grote organisaties worden even goed gehoord.",
)
GOES_WELL = (
    "Deelnemers blijven langer dan we dachten; een aantal heeft nu een vast contract.",
    "Werkgevers vertellen het aan elkaar door, en nieuwe werkgevers melden zich vanzelf.",
    "De coaches en de werkgevers spreken inmiddels dezelfde taal.",
    "Het team is diverser geworden, en collega's merken het verschil.",
    "De wethouder kwam kijken en noemt het nu in de gemeenteraad.",
    "We leren snel, omdat we elke maand met de deelnemers terugkijken.",
)
GOES_LESS_WELL = (
    "Het geld komt per jaar, dus we kunnen niemand een traject van meer dan een jaar beloven.",
    "De registratie kost te veel tijd; coaches zijn een dag per week met formulieren bezig.",
    "Sommige leidinggevenden zien het nog als liefdadigheid, niet als werk dat gedaan moet worden.",
    "Deelnemers vallen terug als de loonkostensubsidie verandert.",
    "Reizen naar de werkplek is lastig voor mensen in de dorpen.",
    "We weten nog niet goed hoe we jongeren bereiken die nergens staan ingeschreven.",
)
CHAFES = (
    "Door de regels van de Participatiewet loont stoppen met werken meer dan meer uren werken.",
    "Bij aanbestedingen wint de laagste prijs, niet de social return.",
    "Het geld voor de Wmo en voor werk en inkomen zit bij verschillende afdelingen.",
    "De cao heeft geen loonschaal voor banen die met jobcarving zijn gemaakt.",
    "De re-integratiemarkt is per cliënt georganiseerd, onze aanpak per team.",
    "Door de privacyregels is het lastig om tussen organisaties te delen wie wat nodig heeft.",
)
DECLINE_REASON = (
    "Dank je wel! Dit initiatief lijkt erg op het voorbeeld van de vorige bijeenkomst. Wil je "
    "het volgend jaar presenteren, als je resultaten kunt laten zien?"
)
WIN_ACTIONS = (
    "Eerste baan gemaakt met jobcarving", "Een ervaringsdeskundige aangenomen",
    "Een buddykoppel gestart", "Het intakegesprek anders ingericht",
    "Een formulier uit de aanvraag geschrapt", "De kantine opengesteld voor leerlingen",
    "Social return in een aanbesteding gezet", "Eén contactpersoon voor werkgevers afgesproken",
    "Op bezoek geweest bij de praktijk van een andere deelnemer",
    "Een teamoverleg gehouden over inclusief werven", "Deelnemers het traject laten meebepalen",
    "Een Wmo-gesprek en een werkgesprek samengevoegd",
    "Een proefplaatsing aangeboden zonder papierwerk", "Onze aanpak gedeeld met een buurgemeente",
    "Cliënten gevraagd de pilot te beoordelen", "Een contract verlengd na de subsidieperiode",
    "Een schuldhulppunt op het werk opgezet",
)  # fmt: skip
WHAT_CHANGED = (
    "We beginnen nu bij de taken die blijven liggen, niet bij de vacatures.",
    "Collega's zien de nieuwe leerling als iemand van het team, niet als een project.",
    "Het gesprek gaat nu over wat de inwoner wil, niet over de regeling.",
    "Onze leidinggevenden houden in elk team één plek vrij voor iemand uit het netwerk.",
    "De gemeente neemt nu genoegen met een kort verslag in plaats van de hele registratie.",
    "We vragen ervaringsdeskundigen om raad voordat we een werkwijze veranderen, niet achteraf.",
)
FRICTION = (
    "Financiën wilde de gewone eisen voor de aanbesteding; we moesten uitleggen waarom alleen "
    "de prijs niet werkt.",
    "Het team was bang voor extra werk; een proefmaand nam die zorg weg.",
    "Door de regels van de uitkering was een deeltijdcontract een risico voor de deelnemer.",
    "Twee afdelingen vonden allebei dat de ander moest betalen.",
    "De gewone route duurt nog steeds acht weken en die van ons één week. Dat gaf verwarring.",
)
#: levels or policy domains a small win reached; the first two stay inside the organisation
REACH = (
    "eigen team", "eigen organisatie", "gemeentelijk beleid", "werk en inkomen", "Wmo",
    "regionale arbeidsmarkt", "landelijk beleid", "jeugd", "onderwijs",
)  # fmt: skip
#: notes beside the answers to "Houdt het stand?"
STICK_NOTES = {
    StickAnswer.HOLDS: "Zo werken we nog steeds.",
    StickAnswer.GREW: "We doen dit nu ook in twee andere teams.",
    StickAnswer.SPREAD: "Een partnerorganisatie uit de arena heeft het overgenomen.",
    StickAnswer.REVERSED: "Gestopt na een reorganisatie; we gaan het opnieuw proberen.",
}
OF_VALUE = (
    "Horen hoe een werkgever echt ruimte maakte voor iemand.",
    "Hoe eerlijk de presentatoren waren over wat niet werkt.",
    "Mensen van de gemeente spreken buiten een formeel overleg.",
    "Dat cliënten en directeuren aan dezelfde tafel zaten.",
    "De inleiding over small wins gaf woorden aan wat we al doen.",
    "Nieuwe contacten die ik morgen kan bellen.",
)
WANT_MORE_OF = (
    "Tussen de bijeenkomsten door op bezoek gaan bij elkaars praktijk.",
    "Werkgevers die hun kant van het verhaal vertellen.",
    "Ervaringsdeskundigen in elk groepsgesprek.",
    "Terugkomen op wat we de vorige keer hebben afgesproken.",
    "Open praten over geld, ook over wie er betaalt.",
)
DO_DIFFERENTLY = (
    "Eerst de mensen om wie het gaat vragen, en dan pas het plan schrijven.",
    "De werkgever van het voorbeeld van vandaag bellen over een proefplaatsing.",
    "Een collega van werk en inkomen meenemen naar ons Wmo-overleg.",
    "Niet langer wachten op de perfecte regeling, maar klein beginnen.",
    "Deze aanpak maandag delen in ons teamoverleg.",
)
COLLABORATION_TITLES = (
    "Samen proef met jobcarving {place}", "Gedeelde leerwerkplekken {place}",
    "Eén werkgeversloket {place}", "Ervaringsdeskundigen in het Wmo-overleg {place}",
    "Regionale aanpak jeugdwerkloosheid {place}", "Gezamenlijke pool voor social return {place}",
    "Buddynetwerk voor nieuwe medewerkers {place}", "Schuldhulp op de werkplek {place}",
    "Keukentafelgesprek werk en Wmo {place}", "Samen voor groene banen {place}",
)  # fmt: skip
COLLABORATION_TEXT = (
    "Ontstaan uit een gesprek na een praktijkvoorbeeld. De partners zien elkaar elke zes weken.",
    "Begonnen toen twee deelnemers bij elkaars praktijk op bezoek gingen en zagen dat ze "
    "elkaar nodig hadden.",
    "Een kleine groep uit de arena die werkplekken, kennis en een coach deelt.",
    "De partners leggen een proefjaar lang hun budgetten bij elkaar en vertellen in de arena "
    "hoe het gaat.",
)
#: where a collaboration is when none of its organisations is known
IN_THE_REGION = "in de regio"
CONSENT_SOURCES = (
    "aanmeldformulier bij een bijeenkomst",
    "antwoord op de uitnodiging",
    "aanmeldformulier op de website",
    "deelnemerslijst 2014 (toestemming per e-mail gevraagd)",
    "aangedragen door een collega, per e-mail bevestigd",
)
#: members' themes and interests
MEMBER_THEMES = (
    "inclusieve arbeidsmarkt", "jobcarving", "ervaringsdeskundigheid", "social return",
    "Participatiewet", "beschut werk", "jeugdwerkloosheid", "schulden en werk",
    "gezondheid en werk", "leren op de werkvloer", "statushouders", "brede welvaart",
    "Wmo", "armoede", "sociaal ondernemen", "regionale samenwerking",
)  # fmt: skip
POSITIONS: dict[R, tuple[str, ...]] = {
    R.PROVIDER: ("jobcoach", "teamleider", "zorgmanager", "participatiecoach", "directeur"),
    R.MUNICIPALITY: ("beleidsadviseur", "accountmanager werkgevers", "Wmo-consulent",
                     "teammanager werk en inkomen", "adviseur van de wethouder"),
    R.CLIENT: ("ervaringsdeskundige", "lid van de cliëntenraad", "voorzitter", "maatje"),
    R.EMPLOYER: ("eigenaar", "HR-manager", "bedrijfsleider", "vestigingsmanager"),
    R.SOCIAL_ENTREPRENEUR: ("oprichter", "directeur", "werkbegeleider"),
    R.POLICY_MAKER: ("senior beleidsmedewerker", "programmamanager", "beleidsadviseur"),
    R.RESEARCHER: ("docent-onderzoeker", "lector", "onderzoeker", "promovendus"),
    R.OTHER: ("docent", "adviseur", "programmamedewerker", "woonconsulent", "journalist"),
}  # fmt: skip
#: the Dutch names of the sectors and policy domains kinds.py draws
SECTORS = {
    "government": "overheid", "care": "zorg", "welfare": "welzijn", "education": "onderwijs",
    "business": "bedrijfsleven", "social enterprise": "sociale onderneming",
    "research": "onderzoek", "client organisations": "cliëntenorganisaties",
    "housing": "wonen", "consultancy": "advies", "funds": "fondsen",
}  # fmt: skip
DOMAINS = {
    WMO: "Wmo", WORK: "werk en inkomen", YOUTH: "jeugd", HEALTH: "gezondheid",
    HOUSING: "wonen", EDUCATION: "onderwijs",
}  # fmt: skip
