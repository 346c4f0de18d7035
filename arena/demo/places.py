"""Dutch places and regions, so organisations and sessions sit somewhere recognisable.

Only real municipalities appear here, because "Gemeente X" must name a real municipality; the
bigger places come first and are drawn more often, as big cities have more organisations.
"""

from __future__ import annotations

PLACES: tuple[str, ...] = (
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
    "Almere", "Breda", "Nijmegen", "Apeldoorn", "Arnhem", "Haarlem", "Enschede", "Amersfoort",
    "Zaanstad", "Haarlemmermeer", "Den Bosch", "Zwolle", "Leiden", "Zoetermeer", "Maastricht",
    "Dordrecht", "Ede", "Westland", "Alphen aan den Rijn", "Alkmaar", "Emmen", "Delft",
    "Venlo", "Deventer", "Sittard-Geleen", "Helmond", "Oss", "Amstelveen", "Hilversum",
    "Súdwest-Fryslân", "Heerlen", "Nissewaard", "Hengelo", "Purmerend", "Schiedam",
    "Lelystad", "Roosendaal", "Leidschendam-Voorburg", "Almelo", "Gouda", "Hoorn",
    "Vlaardingen", "Assen", "Bergen op Zoom", "Capelle aan den IJssel", "Veenendaal", "Katwijk",
    "Zeist", "Nieuwegein", "Roermond", "Den Helder", "Doetinchem", "Hoogeveen", "Terneuzen",
    "Oosterhout", "Kampen", "Pijnacker-Nootdorp", "Heerhugowaard", "Woerden", "Lansingerland",
    "Smallingerland", "Rijswijk", "Houten", "Middelburg", "Barneveld", "Harderwijk",
    "Zutphen", "Waalwijk", "Vlissingen", "Weert", "Heerenveen", "Leeuwarden", "Veldhoven",
    "Kerkrade", "Soest", "Tiel", "Gorinchem", "Culemborg", "Wageningen", "Meppel", "Goes",
    "Winterswijk", "Steenwijkerland", "Hardenberg", "Oldambt", "Stadskanaal", "Coevorden",
    "Noordoostpolder", "Dronten", "Zwijndrecht", "Ridderkerk", "Barendrecht", "Bodegraven",
    "Uden", "Boxtel", "Valkenswaard", "Venray", "Brunssum", "Landgraaf", "Tynaarlo",
    "De Fryske Marren", "Midden-Groningen", "Het Hogeland", "Westerkwartier", "Texel",
    "Schagen", "Enkhuizen", "Edam-Volendam", "Diemen", "Weesp", "Bussum", "Baarn", "Bunnik",
    "IJsselstein", "Vijfheerenlanden", "Molenlanden", "Hoeksche Waard", "Goeree-Overflakkee",
    "Schouwen-Duiveland", "Sluis", "Hulst", "Olst-Wijhe", "Raalte", "Rijssen-Holten", "Oldenzaal",
    "Losser", "Haaksbergen", "Berkelland", "Oost Gelre", "Aalten", "Montferland", "Zevenaar",
    "Duiven", "Renkum", "Rheden", "Epe", "Nunspeet", "Elburg", "Urk",
)  # fmt: skip

#: regions used to tell the series of a big network apart
REGIONS: tuple[str, ...] = (
    "Noord", "Oost", "Zuid", "West", "Twente", "Achterhoek", "Rijnmond", "Drechtsteden",
    "Zuid-Limburg", "Noord-Brabant", "Friesland", "Flevoland", "Zeeland", "Gooi en Vechtstreek",
    "Haaglanden", "Holland Rijnland", "Food Valley", "Rivierenland", "Drenthe", "Groningen",
)  # fmt: skip


def place_weights(count: int) -> list[float]:
    """Zipf-like weights: the first (biggest) places get the most organisations."""
    return [1.0 / (rank + 4) for rank in range(count)]
