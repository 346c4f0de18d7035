"""The kinds of organisation in the network and which stakeholder roles work at each.

Keeping this as data makes the mix easy to read and to tune: a member's role decides the kind
of organisation they work at ("municipality" members at a "Gemeente X"), the kind decides the
sector, the policy domain and how the name looks.
"""

from __future__ import annotations

from dataclasses import dataclass

from arena.members.models import StakeholderRole as R

WMO = "Wmo/social support"
WORK = "work and income"
YOUTH = "youth"
HEALTH = "health"
HOUSING = "housing"
EDUCATION = "education"

#: provinces and the place of their provincial government
PROVINCES = {
    "Groningen": "Groningen", "Fryslân": "Leeuwarden", "Drenthe": "Assen",
    "Overijssel": "Zwolle", "Flevoland": "Lelystad", "Gelderland": "Arnhem",
    "Utrecht": "Utrecht", "Noord-Holland": "Haarlem", "Zuid-Holland": "Den Haag",
    "Zeeland": "Middelburg", "Noord-Brabant": "Den Bosch", "Limburg": "Maastricht",
}  # fmt: skip

#: words in a name that settle its policy domain (otherwise one of its kind's is drawn)
DOMAIN_WORDS = (
    ("Werk en Inkomen", WORK), ("Werkplein", WORK), ("Sociale Dienst", WORK),
    ("Werkbedrijf", WORK), ("Jeugd", YOUTH), ("GGZ", HEALTH), ("Zorg", HEALTH),
    ("Wonen", HOUSING), ("Woon", HOUSING), ("ROC", EDUCATION), ("school", EDUCATION),
    ("Sociaal Domein", WMO), ("Welzijn", WMO), ("Wijkteam", WMO), ("Buurtwerk", WMO),
)  # fmt: skip

NATIONAL_BODIES = (
    "Ministerie van Sociale Zaken en Werkgelegenheid",
    "Ministerie van Volksgezondheid, Welzijn en Sport",
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "Vereniging van Nederlandse Gemeenten",
    "Divosa",
    "Cedris",
    "Sociaal-Economische Raad",
)

WORDS = (
    "De Brug", "Het Anker", "De Schakel", "De Kans", "Het Gilde", "De Werkplaats",
    "Nieuwe Kansen", "Meedoen", "Samen Verder", "De Verbinding", "Het Baken", "De Linde",
    "Horizon", "Perspectief", "Talentpunt", "De Overstap", "Opstap", "De Ruimte", "Kompas",
    "Lichtpunt", "De Boeg", "De Steiger", "Tandem", "Het Podium", "De Buurtkamer", "Maatwerk",
    "De Stek", "Zonnehoek", "Het Erf", "De Kringloop", "Groeikracht", "Vakwerk", "De Hoeve",
    "Het Atelier", "Doorzet", "Vindingrijk", "De Oogst", "Het Knooppunt", "Draagkracht",
)  # fmt: skip


@dataclass(frozen=True)
class Kind:
    key: str
    sector: str
    domains: tuple[str, ...]
    #: name patterns with {place}, {surname} or {word}; none for kinds named from a fixed list
    patterns: tuple[str, ...]
    #: roughly how many demo members one such organisation has
    members_per_org: float


KINDS: tuple[Kind, ...] = (
    Kind("gemeente", "government", (WMO, WORK, YOUTH, HOUSING), (), 4.0),
    Kind(
        "social-service", "government", (WORK,),
        ("Sociale Dienst {place}", "Werkplein {place}", "Regionaal Werkbedrijf {place}"), 2.0,
    ),
    Kind("uwv", "government", (WORK,), ("UWV {place}",), 3.0),
    Kind("national", "government", (WORK, WMO, HEALTH, EDUCATION), (), 5.0),
    Kind("province", "government", (WORK, HOUSING), (), 3.0),
    Kind(
        "care", "care", (HEALTH, WMO),
        ("Zorggroep {place}", "Thuiszorg {place}", "GGZ {place}", "{surname} Zorg",
         "Zorgcoöperatie {word}"), 2.5,
    ),
    Kind(
        "disability-care", "care", (WMO, WORK),
        ("Stichting {word} {place}", "Dagbesteding {word}", "{word} Zorg en Werk"), 2.5,
    ),
    Kind(
        "welfare", "welfare", (WMO, YOUTH),
        ("Welzijn {place}", "Sociaal Wijkteam {place}", "Buurtwerk {place}",
         "Jeugdpunt {place}", "Stichting Welzijn {word}"), 2.5,
    ),
    Kind(
        "education", "education", (EDUCATION, YOUTH),
        ("ROC {place}", "Praktijkschool {place}", "Hogeschool {place}", "VSO {word} {place}"),
        2.5,
    ),
    Kind(
        "employer", "business", (WORK,),
        ("{surname} Bouw B.V.", "Bakkerij {surname}", "{place} Logistiek B.V.",
         "{surname} Installatietechniek", "Schoonmaakbedrijf {surname}", "{surname} Metaal",
         "Hotel {word} {place}", "Tuincentrum {surname}", "{surname} & Zonen"), 1.2,
    ),
    Kind(
        "employer-network", "business", (WORK,),
        ("Werkgeversservicepunt {place}", "Ondernemersvereniging {place}"), 2.0,
    ),
    Kind(
        "social-enterprise", "social enterprise", (WORK, WMO),
        ("Kringloop {place}", "Koffiebar {word} {place}", "Werkplaats {word}",
         "Fietsenmakerij {word}", "Restaurant {word} {place}", "Leerwerkbedrijf {place}"), 1.5,
    ),
    Kind(
        "research", "research", (WORK, EDUCATION, HEALTH),
        ("Lectoraat Inclusieve Arbeid Hogeschool {place}", "Kenniscentrum {word}",
         "Onderzoeksbureau {surname}", "Werkplaats Sociaal Domein {place}"), 2.5,
    ),
    Kind(
        "client-organisation", "client organisations", (WMO, WORK, HEALTH),
        ("Cliëntenraad Werk en Inkomen {place}", "Adviesraad Sociaal Domein {place}",
         "Platform Ervaringsdeskundigen {place}", "Participatieraad {place}",
         "Stichting Ervaringswerk {word}"), 2.0,
    ),
    Kind("housing", "housing", (HOUSING,), ("Woonstichting {place}", "{word} Wonen"), 2.0),
    Kind(
        "consultancy", "consultancy", (WORK, WMO, YOUTH),
        ("{surname} Advies", "Adviesbureau {word}", "Bureau {surname} Sociaal Domein"), 1.2,
    ),
    Kind("fund", "funds", (WORK, WMO), ("Fonds {word}", "Stichting {surname} Fonds"), 1.5),
)  # fmt: skip

KIND_BY_KEY = {kind.key: kind for kind in KINDS}

#: share of each role in the network: providers and municipalities lead, every role present
ROLE_SHARES: dict[R, float] = {
    R.PROVIDER: 0.24,
    R.MUNICIPALITY: 0.17,
    R.CLIENT: 0.12,
    R.EMPLOYER: 0.12,
    R.SOCIAL_ENTREPRENEUR: 0.09,
    R.POLICY_MAKER: 0.08,
    R.RESEARCHER: 0.08,
    R.OTHER: 0.10,
}

#: where members of each role work, as weights over kinds
ROLE_KINDS: dict[R, dict[str, float]] = {
    R.PROVIDER: {"care": 0.45, "disability-care": 0.25, "welfare": 0.3},
    R.MUNICIPALITY: {"gemeente": 0.85, "social-service": 0.15},
    R.CLIENT: {"client-organisation": 0.85, "welfare": 0.15},
    R.EMPLOYER: {"employer": 0.85, "employer-network": 0.15},
    R.SOCIAL_ENTREPRENEUR: {"social-enterprise": 1.0},
    R.POLICY_MAKER: {"national": 0.3, "province": 0.15, "gemeente": 0.3, "uwv": 0.25},
    R.RESEARCHER: {"research": 0.75, "education": 0.25},
    R.OTHER: {"education": 0.3, "consultancy": 0.3, "fund": 0.15, "housing": 0.25},
}

POSITIONS: dict[R, tuple[str, ...]] = {
    R.PROVIDER: ("job coach", "team leader", "care manager", "participation coach", "director"),
    R.MUNICIPALITY: ("policy advisor", "account manager employers", "Wmo consultant",
                     "team manager work and income", "alderman's advisor"),
    R.CLIENT: ("experience expert", "member of the client council", "chair", "peer supporter"),
    R.EMPLOYER: ("owner", "HR manager", "operations manager", "site manager"),
    R.SOCIAL_ENTREPRENEUR: ("founder", "managing director", "work supervisor"),
    R.POLICY_MAKER: ("senior policy officer", "programme manager", "policy advisor"),
    R.RESEARCHER: ("lecturer-researcher", "professor", "researcher", "PhD candidate"),
    R.OTHER: ("teacher", "consultant", "programme officer", "housing consultant", "journalist"),
}  # fmt: skip
