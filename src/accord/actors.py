"""Actor recognition on plain text: who is named, and which state they stand for.

``find_mentions(text, when)`` returns the actor mentions of a text, each with
character offsets, an ISO 3166 alpha-3 code (or an organisation code such as
UNO, NATO, EUR) and a CAMEO agent code (the "sector": GOV, MIL, SPY, ...):

- states by name or short name ("Pakistan", "US"), adjective or demonym
  ("Pakistani", "Afghans"), capital or seat of government standing for the
  government ("Moscow said", "the Kremlin", "Downing Street" -> GOV), and
  former names coded as the successor ("Soviet Union" -> RUS);
- international organisations, armed groups and other named bodies, and
  state agencies (``organizations.tsv``, ``groups.tsv``, ``agencies.tsv``);
- office-holders from ``officeholders.tsv``, resolved to the state and
  sector of the term that covers ``when``;
- role words (``sectors.tsv``) merged with the state next to them into one
  mention: "Russian Foreign Minister Sergey Lavrov" is one mention, RUS GOV;
  "Pakistan's army" is PAK MIL; a role on its own is a mention without a
  country (kind ``role``).

No parser is needed: two regular expressions built from tries (one over all
names, one over the role words) find the pieces, case-sensitively, on word
boundaries, longest match first; a left-to-right pass then joins adjacent
pieces into phrases.  The caller (the event coder) maps the character
offsets onto its own parse.  Mentions never overlap.

Data files are tab-separated with a fixed header, read with
``codebook.read_tsv`` (``#`` lines and blank lines skipped); a malformed row
raises ``DataFileError`` naming the file and the line.  The formats are
described at the top of each file.
"""

from __future__ import annotations

import dataclasses

import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from .codebook import read_tsv
from .errors import DataFileError
from .records import Actor

__all__ = [
    "Gazetteer",
    "Mention",
    "Term",
    "find_mentions",
    "load_gazetteer",
    "SECTOR_CODES",
]

COUNTRIES_HEADER = ["iso3", "names", "adjectives", "capitals", "historical"]
ORGANIZATIONS_HEADER = ["code", "names", "sector"]
GROUPS_HEADER = ["names", "country", "sector"]
AGENCIES_HEADER = ["names", "country", "sector"]
SECTORS_HEADER = ["words", "sector"]
NOT_ACTORS_HEADER = ["phrase"]
OFFICEHOLDERS_HEADER = ["name", "aliases", "country", "sector", "role", "start", "end"]

DATA_FILES = {
    "countries": "countries.tsv",
    "organizations": "organizations.tsv",
    "groups": "groups.tsv",
    "agencies": "agencies.tsv",
    "sectors": "sectors.tsv",
    "not_actors": "not_actors.tsv",
}
OFFICEHOLDERS_FILE = "officeholders.tsv"

# CAMEO agent codes accepted in the sector columns.
SECTOR_CODES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL HLH REF AGR ELI LAB "
    "LEG MOD RAD REL IGO NGO INS SEP UAF ENV HRI SET".split()
)

KINDS = ("country", "capital", "adjective", "historical", "org", "group", "agency", "person", "role")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORG_CODE = re.compile(r"^[A-Z]{3,4}$")

# Kinds of name entries that name a state or an organisation and can anchor
# a role phrase ("Pakistani army", "UN peacekeepers").
# CAMEO's code for armed groups that fight across states (al-Qaeda's core):
# coding them as one state would put their attacks into that state's
# relations.
TRANSNATIONAL = "IMG"
_ANCHORS = frozenset({"country", "adjective", "capital", "historical", "org"})
_STATE_KINDS = frozenset({"country", "adjective", "capital", "historical"})

# Priority of a name when the same string comes from several places: the
# data files first, then pycountry's names, then office-holders' names and
# aliases, then their bare family names.
_EXPLICIT, _PYCOUNTRY, _PERSON, _SURNAME = 0, 1, 2, 3

# Family name first in these countries' names ("Xi Jinping" -> Xi).
_FAMILY_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "SGP"})
_NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})

# Whitespace inside a phrase: spaces, or one line break (not a paragraph).
_S = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_MODIFIER_WORDS = (
    "former|ex|deputy|acting|then|senior|top|new|outgoing|incoming|interim|vice|first|"
    "late|current|caretaker|chief|de facto|newly elected|elected|ousted|exiled|powerful|influential"
)
_MOD = rf"(?:(?:{_MODIFIER_WORDS})(?:{_S}|-))*"
# Words that put a leader out of office: before the phrase, with at most two
# words between ("Former Socialist prime minister ..."), or inside it
# ("Pakistan's former prime minister").
_FORMER = r"(?:former|ex|ousted|deposed|exiled|toppled|overthrown)"
_FORMER_BEFORE = re.compile(rf"\b{_FORMER}(?:-|{_S})(?:[A-Z][\w-]*{_S}){{0,2}}$", re.IGNORECASE)
_FORMER_WITHIN = re.compile(rf"\b{_FORMER}(?:-|{_S})", re.IGNORECASE)
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_GAP_ADJ = re.compile(rf"{_S}{_MOD}", re.IGNORECASE)
_GAP_POSS = re.compile(rf"['’]s?{_S}{_MOD}", re.IGNORECASE)
_GAP_OF = re.compile(rf"{_S}of{_S}(?:the{_S})?", re.IGNORECASE)
_GAP_SPACE = re.compile(_S)
_LINE_SPACE = re.compile(r"[^\S\n]+")
_PAREN = re.compile(r"[^\S\n]*\(([^()\n]{1,40})\)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&\-]{1,11}$")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:(?:-|['’](?=[^\W\d_]{2}))[^\W\d_]+)*\.?")
_PREV_WORD = re.compile(r"([^\W\d_][\w'’\-]*)[^\S\n]+$")
_WS_RUN = re.compile(r"\s+")

# Lower-case particles inside personal names ("Mohammed bin Salman").
_PARTICLES = frozenset({
    "bin", "ibn", "bint", "al", "el", "ul", "ud", "ur", "de", "da", "di", "du", "dos", "das", "del", "della",
    "van", "von", "der", "den", "ter", "ten", "le", "la",
})
_PARTICLE_HYPHEN = re.compile(r"^(?:al|el|ul|ud|ur|bin|ibn|de|da|di|du|van|von|der|le|la)-[^\W\d_]")

# Capitalised words that do not start or continue a personal name after a
# title: function words, days, months, and institution nouns.
_NAME_STOP = frozenset(
    """
    The A An And Or But Nor On In At Of For To From With By As Into Over Under About Against Between
    He She It They We I You His Her Its Their Our This That These Those There Here Who Whom Whose Which What
    When Where While After Before During Since Until Amid Despite Also However Meanwhile Yet Still Not No
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Today Tonight Yesterday Tomorrow Said Says Told Tells Added Asked Noted Warned
    Office Offices House Headquarters Council Committee Court Assembly Command Corps Staff Secretariat
    Department Ministry Day Government Administration Cabinet Party State States Republic Kingdom Union
    Forces Force Army Navy Agency Service Services Bureau Commission Mission Embassy Affairs Division
    """.split()
)

# Role words that are also verbs: "Russia forces Ukraine to ...".
_VERBISH_ROLES = frozenset({"forces", "police", "court", "courts"})
_VERB_FOLLOWERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "to", "them", "it", "him", "out", "back"})

_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to"})

# Office classes, so that a title in the text ("Prime Minister") and a role
# in the office-holder table ("head_of_government" or "prime minister")
# can be compared.  Roles outside these classes compare as written.
_ROLE_CLASSES = {
    "head of government": {"prime minister", "premier", "chancellor", "head of government", "pm", "interim prime minister"},
    "head of state": {"president", "king", "queen", "emir", "sultan", "monarch", "head of state", "supreme leader"},
    "foreign minister": {
        "foreign minister", "foreign secretary", "secretary of state", "minister of foreign affairs",
        "minister for foreign affairs", "external affairs minister", "top diplomat",
    },
    "defence minister": {
        "defence minister", "defense minister", "defence secretary", "defense secretary",
        "minister of defence", "minister of defense",
    },
    "army chief": {
        "army chief", "chief of army staff", "army chief of staff", "chief of the army staff",
        "chief of staff of the army", "military chief", "army commander", "general", "gen.", "gen",
        "lt. gen.", "lt gen", "lt-gen", "lieutenant general", "field marshal",
    },
    "igo head": {"secretary-general", "secretary general", "director general", "director-general", "managing director"},
}
_ROLE_CLASS_OF = {title: cls for cls, titles in _ROLE_CLASSES.items() for title in titles}


def _role_class(role: str) -> str:
    key = _norm(role.replace("_", " ")).lower()
    return _ROLE_CLASS_OF.get(key, key)


# --------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention: ``text == source[start:end]``.

    ``kind`` says how the country was found: ``country`` (a name),
    ``adjective``, ``capital`` (a capital or government metonym),
    ``historical`` (a former state, coded as its successor), ``org``,
    ``group``, ``agency``, ``person`` (the phrase holds a personal name;
    ``person`` is the canonical office-holder name when the name is in the
    office-holder table), or ``role`` (a role word with no country).

    ``in_office`` is set for office-holders found in the table: True when a
    term covers the date asked about, False when the person was not in
    office then (the nearest term gave the country and sector: a former
    leader still belongs to their state, but is weaker evidence), None
    when no date was given.
    """

    start: int
    end: int
    text: str
    country: str | None
    sector: str | None
    kind: str
    person: str | None = None
    in_office: bool | None = None
    name: str | None = None  # the personal name as written ("Juan Manuel Santos")

    @property
    def code(self) -> str:
        return (self.country or "") + (self.sector or "")

    def actor(self) -> Actor:
        return Actor(code=self.code, country=self.country, sector=self.sector, text=self.text)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office of one person."""

    country: str
    sector: str | None
    role: str
    start: _dt.date | None
    end: _dt.date | None  # None: still in office

    def covers(self, day: _dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def distance(self, day: _dt.date) -> int:
        if self.covers(day):
            return 0
        if self.start is not None and day < self.start:
            return (self.start - day).days
        assert self.end is not None
        return (day - self.end).days


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # one of KINDS except role, or "surname" / "stop"
    code: str | None = None
    sector: str | None = None
    cue: bool = False  # only with another, unambiguous mention of the same code
    people: tuple[str, ...] = ()  # person / surname entries


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    entry: _Entry
    text: str = ""


@dataclass(frozen=True, slots=True)
class _Resolved:
    name: str | None  # None: one of several people who held the same post
    term: Term
    in_office: bool | None


# --------------------------------------------------------------------------
# reading data files
# --------------------------------------------------------------------------


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _norm(text: str) -> str:
    return _WS_RUN.sub(" ", text.strip())


def _apostrophe_variants(name: str) -> set[str]:
    out = {name}
    if "'" in name:
        out.add(name.replace("'", "’"))
    if "’" in name:
        out.add(name.replace("’", "'"))
    return out


def _role_variants(word: str) -> set[str]:
    """"foreign minister" -> foreign minister, Foreign minister, Foreign
    Minister; words with a capital letter are taken as written."""
    if word != word.lower():
        return _apostrophe_variants(word)
    out = {word, word[:1].upper() + word[1:]}
    parts = re.split(r"([ \-])", word)
    titled = []
    for i, part in enumerate(parts):
        if part in (" ", "-") or (i > 0 and part in _SMALL_WORDS):
            titled.append(part)
        else:
            titled.append(part[:1].upper() + part[1:])
    out.add("".join(titled))
    variants: set[str] = set()
    for v in out:
        variants |= _apostrophe_variants(v)
    return variants


def _parse_date(value: str, path: str, line: int, column: str) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise DataFileError(path, line, f"{column} must be an ISO date (YYYY-MM-DD), not {value!r}") from None


def _check_sector(value: str, path: str, line: int) -> str:
    if value not in SECTOR_CODES:
        raise DataFileError(path, line, f"unknown sector code {value!r}")
    return value


class _NameTable:
    """Surface string -> entry, with the priority rules and conflict checks."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.level: dict[str, int] = {}
        self.origin: dict[str, str] = {}

    def add(self, name: str, entry: _Entry, level: int, path: str = "", line: int | None = None) -> None:
        for variant in _apostrophe_variants(name):
            key = _norm(variant)
            if not key:
                continue
            old = self.entries.get(key)
            if old is None:
                self.entries[key], self.level[key], self.origin[key] = entry, level, f"{path}:{line}"
                continue
            if old == entry:
                continue
            old_level = self.level[key]
            if level > old_level:
                continue  # the earlier, stronger source keeps the name
            if level == _EXPLICIT:
                raise DataFileError(
                    path, line, f"{key!r} is already {_describe(old)} ({self.origin[key]})"
                )
            if level in (_PERSON, _SURNAME) and old.kind in ("person", "surname") and old_level == level:
                people = old.people + tuple(p for p in entry.people if p not in old.people)
                self.entries[key] = _Entry(old.kind, people=people)
            # equal pycountry levels: the first row keeps it


def _describe(entry: _Entry) -> str:
    if entry.kind == "stop":
        return "a not-actor phrase"
    return f"{entry.kind} {entry.code or ''}{'/' + entry.sector if entry.sector else ''}"


def _family_names(name: str, countries: set[str]) -> list[str]:
    tokens = [t for t in name.split() if t not in _NAME_SUFFIXES]
    if len(tokens) < 2:
        return []
    if countries & _FAMILY_FIRST:
        return [tokens[0]]
    last = tokens[-1]
    # Arabic family names are written with and without the article:
    # "al-Assad" and "Assad", "el-Sisi" and "Sisi".
    bare = re.sub(r"^(?:al|el|ul|ad|as|an|ar|at|az)-(?=[A-Z])", "", last)
    return [last, bare] if bare != last and len(bare) > 2 else [last]


# --------------------------------------------------------------------------
# regular expressions from tries
# --------------------------------------------------------------------------


def _trie_regex(keys: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any key on word boundaries, longest key first
    at a given position; a space in a key matches a run of whitespace with
    at most one line break."""
    root: dict = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(_S if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    body = build(root) if root else "(?!x)x"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


# --------------------------------------------------------------------------
# the gazetteer
# --------------------------------------------------------------------------


class Gazetteer:
    """All name tables, loaded once (build it once per process; cheap to query)."""

    def __init__(
        self,
        names: dict[str, _Entry],
        roles: dict[str, str],
        people: dict[str, tuple[Term, ...]],
        countries: Iterable[str],
        organizations: Iterable[str],
    ) -> None:
        self._names = names
        self._roles = roles
        self._people = people
        self._countries = frozenset(countries)
        self._organizations = frozenset(organizations)
        self._person_keys: dict[str, set[str]] = {}
        for key, entry in names.items():
            if entry.kind in ("person", "surname"):
                for person in entry.people:
                    self._person_keys.setdefault(person, set()).add(key)
        self._name_re = _trie_regex(names)
        self._role_re = _trie_regex(roles)

    # ------------------------------------------------------------- loading
    @classmethod
    def load(
        cls,
        data_dir: Path | str | None = None,
        officeholders_path: Path | str | None = None,
    ) -> "Gazetteer":
        """Read the tables from ``data_dir`` (default: the package data).

        The office-holder table is ``officeholders_path`` when given, else
        ``officeholders.tsv`` next to the other tables if it exists (it is
        optional: without it no personal names are recognised).
        """
        base = Path(data_dir) if data_dir is not None else resources.files("accord") / "data"
        files = {key: base / name for key, name in DATA_FILES.items()}
        if officeholders_path is not None:
            office: Path | resources.abc.Traversable | None = Path(officeholders_path)
        else:
            candidate = base / OFFICEHOLDERS_FILE
            office = candidate if candidate.is_file() else None
        return cls._build(files, office)

    @classmethod
    def _build(cls, files: dict, office) -> "Gazetteer":
        table = _NameTable()
        countries: set[str] = set()
        pycountry_names: list[tuple[str, str, str, int]] = []

        path = str(files["countries"])
        for line, row in read_tsv(files["countries"], COUNTRIES_HEADER):
            iso3, names, adjectives, capitals, historical = (row[c] for c in COUNTRIES_HEADER)
            if not _ISO3.match(iso3):
                raise DataFileError(path, line, f"iso3 must be three capital letters, not {iso3!r}")
            if iso3 in countries:
                raise DataFileError(path, line, f"{iso3} has two rows")
            countries.add(iso3)
            for kind, cell in (("country", names), ("adjective", adjectives), ("historical", historical)):
                for name in _split(cell):
                    cue = name.startswith("?")
                    table.add(name.lstrip("?"), _Entry(kind, iso3, None, cue), _EXPLICIT, path, line)
            for name in _split(capitals):
                cue = name.startswith("?")
                name, _, sector = name.lstrip("?").partition(":")
                sector = _check_sector(sector.strip(), path, line) if sector else "GOV"
                table.add(name.strip(), _Entry("capital", iso3, sector, cue), _EXPLICIT, path, line)
            pycountry_names.extend((n, iso3, path, line) for n in _pycountry_names(iso3))

        organizations: set[str] = set()
        path = str(files["organizations"])
        for line, row in read_tsv(files["organizations"], ORGANIZATIONS_HEADER):
            code, names, sector = (row[c] for c in ORGANIZATIONS_HEADER)
            if not _ORG_CODE.match(code):
                raise DataFileError(path, line, f"code must be 3-4 capital letters, not {code!r}")
            if code in countries:
                raise DataFileError(path, line, f"code {code} is a country code")
            if sector not in ("IGO", "NGO"):
                raise DataFileError(path, line, f"sector must be IGO or NGO, not {sector!r}")
            if not _split(names):
                raise DataFileError(path, line, "no names")
            organizations.add(code)
            for name in _split(names):
                table.add(name, _Entry("org", code, sector), _EXPLICIT, path, line)

        for key, kind, header in (("groups", "group", GROUPS_HEADER), ("agencies", "agency", AGENCIES_HEADER)):
            path = str(files[key])
            for line, row in read_tsv(files[key], header):
                names, country, sector = (row[c] for c in header)
                if country not in countries and not (key == "groups" and country == TRANSNATIONAL):
                    raise DataFileError(path, line, f"country {country!r} is not a row of countries.tsv")
                _check_sector(sector, path, line)
                if not _split(names):
                    raise DataFileError(path, line, "no names")
                for name in _split(names):
                    table.add(name, _Entry(kind, country, sector), _EXPLICIT, path, line)

        path = str(files["not_actors"])
        for line, row in read_tsv(files["not_actors"], NOT_ACTORS_HEADER):
            phrase = row["phrase"]
            if not phrase:
                raise DataFileError(path, line, "empty phrase")
            table.add(phrase, _Entry("stop"), _EXPLICIT, path, line)

        for name, iso3, path, line in pycountry_names:
            table.add(name, _Entry("country", iso3), _PYCOUNTRY, path, line)

        roles: dict[str, str] = {}
        path = str(files["sectors"])
        for line, row in read_tsv(files["sectors"], SECTORS_HEADER):
            words, sector = row["words"], row["sector"]
            _check_sector(sector, path, line)
            if not _split(words):
                raise DataFileError(path, line, "no words")
            for word in _split(words):
                for variant in _role_variants(word):
                    key = _norm(variant)
                    if roles.get(key, sector) != sector:
                        if key == word:
                            raise DataFileError(path, line, f"role {word!r} is already {roles[key]}")
                        continue
                    roles.setdefault(key, sector)

        people: dict[str, list[Term]] = {}
        if office is not None:
            aliases: dict[str, set[str]] = {}
            path = str(office)
            for line, row in read_tsv(office, OFFICEHOLDERS_HEADER):
                name, alias_cell, country, sector, role, start, end = (row[c] for c in OFFICEHOLDERS_HEADER)
                if not name:
                    raise DataFileError(path, line, "empty name")
                if country not in countries and country not in organizations:
                    raise DataFileError(path, line, f"unknown country or organisation code {country!r}")
                if sector:
                    _check_sector(sector, path, line)
                first = _parse_date(start, path, line, "start")
                last = _parse_date(end, path, line, "end")
                if first and last and last < first:
                    raise DataFileError(path, line, f"end {end} is before start {start}")
                people.setdefault(name, []).append(Term(country, sector or None, _role_class(role), first, last))
                aliases.setdefault(name, set()).update(_split(alias_cell))
            for name, terms in people.items():
                terms.sort(key=lambda t: t.start or _dt.date.min)
                table.add(name, _Entry("person", people=(name,)), _PERSON, path)
                for alias in aliases.get(name, ()):
                    table.add(alias, _Entry("person", people=(name,)), _PERSON, path)
            for name, terms in people.items():
                for family in _family_names(name, {t.country for t in terms}):
                    if family not in roles and family[:1].isupper():
                        table.add(family, _Entry("surname", people=(name,)), _SURNAME, path)

        return cls(
            table.entries,
            roles,
            {name: tuple(terms) for name, terms in people.items()},
            countries,
            organizations,
        )

    # --------------------------------------------------------- small queries
    def organization_codes(self) -> set[str]:
        return set(self._organizations)

    def country_codes(self) -> set[str]:
        return set(self._countries)

    def is_actor_code(self, code: str) -> bool:
        return code in self._countries or code in self._organizations or code == TRANSNATIONAL or _is_pycountry_code(code)

    def people(self) -> list[str]:
        return sorted(self._people)

    def terms(self, name: str) -> tuple[Term, ...]:
        return self._people.get(name, ())

    def officeholder(self, name: str, when: _dt.date | None = None) -> tuple[str, str | None] | None:
        """(country, sector) of the person called ``name`` (full name or
        alias from the table; a bare family name only when one person in
        the table has it) at ``when``: the term covering that day, else
        the nearest term.  None when unknown or ambiguous."""
        entry = self._names.get(_norm(name))
        if entry is None or entry.kind not in ("person", "surname"):
            return None
        resolved = self._resolve(entry.people, _as_date(when))
        return (resolved.term.country, resolved.term.sector) if resolved else None

    # ------------------------------------------------------- the main pass
    def find_mentions(self, text: str, when: _dt.date | None = None) -> list[Mention]:
        when = _as_date(when)
        items = self._items(text)
        out: list[Mention] = []
        seen: dict[str, str] = {}  # name keys of people already resolved in this text
        i = 0
        while i < len(items):
            mention, i = self._phrase(text, items, i, when, seen)
            if mention is not None:
                out.append(_minority(text, mention))
        return _communities(text, out)

    # ------------------------------------------------------------ internals
    def _items(self, text: str) -> list[_Item]:
        names: list[_Item] = []
        for m in self._name_re.finditer(text):
            entry = self._names.get(_norm(m.group()))
            if entry is None:  # pragma: no cover - every key of the regex is in the table
                continue
            if entry.kind in _STATE_KINDS and text.startswith("$", m.end()):
                continue  # US$, HK$: a currency, not a state
            names.append(_Item(m.start(), m.end(), entry, m.group()))
        # Ambiguous names ("Georgia") need an unambiguous mention of the same
        # state elsewhere in the text.
        cued = {it.entry.code for it in names if it.entry.kind in _STATE_KINDS and not it.entry.cue}
        names = [it for it in names if not it.entry.cue or it.entry.code in cued]
        # Role words give way to names ("Security Council", "General
        # Motors"), but bare family names give way to role words.
        strong = [it for it in names if it.entry.kind != "surname"]
        starts = [it.start for it in strong]
        roles: list[_Item] = []
        for m in self._role_re.finditer(text):
            k = bisect_left(starts, m.end())
            if k > 0 and strong[k - 1].end > m.start():
                continue
            roles.append(_Item(m.start(), m.end(), _Entry("role", sector=self._roles[_norm(m.group())]), m.group()))
        if roles:
            role_starts = [it.start for it in roles]
            kept = []
            for it in names:
                if it.entry.kind == "surname":
                    k = bisect_left(role_starts, it.end)
                    if k > 0 and roles[k - 1].end > it.start:
                        continue
                kept.append(it)
            names = kept
        return sorted(names + roles, key=lambda it: it.start)

    def _phrase(self, text: str, items: list[_Item], i: int, when, seen: dict[str, str]) -> tuple[Mention | None, int]:
        first = items[i]
        kind = first.entry.kind
        if kind == "stop":
            return None, i + 1
        anchor: _Item | None = None
        body: _Item | None = None
        roles: list[_Item] = []
        person: tuple[str | None, _Resolved | None] | None = None  # (text found, resolution)
        end = first.end
        j = i + 1

        if kind in ("person", "surname"):
            resolved = self._standalone_person(text, first, when, seen)
            if resolved is None:
                return None, j
            self._remember(resolved.name, seen)
            term = resolved.term
            return self._mention(text, first.start, first.end, term.country, term.sector, "person", resolved.name, resolved.in_office, first.text), j

        if kind in _ANCHORS:
            anchor = first
            nxt = items[j] if j < len(items) else None
            gap = _gap(text, end, nxt.start) if nxt else None
            # "Pakistani Taliban", "Iraq's al-Qaeda": a group of the state named,
            # or a branch of a transnational one there
            if nxt and gap in ("adj", "poss") and nxt.entry.kind in ("group", "agency") and (nxt.entry.code == anchor.entry.code or (nxt.entry.code == TRANSNATIONAL and anchor.entry.kind in _STATE_KINDS)):
                body, end, j = nxt, nxt.end, j + 1
            elif (
                nxt and gap in ("adj", "poss") and nxt.entry.kind in ("person", "surname")
                and anchor.entry.kind in _STATE_KINDS and nxt.text not in _NAME_STOP
            ):
                resolved = self._resolve(nxt.entry.people, when, country=anchor.entry.code)
                if resolved is not None or nxt.entry.kind == "person":
                    person = (nxt.text, resolved)
                    end, j = nxt.end, j + 1
            if person is None:
                roles, end, j = self._roles_after(text, items, j, end, allow_poss=body is None)
        elif kind in ("group", "agency"):
            body = first
            roles, end, j = self._roles_after(text, items, j, end, allow_poss=True)
        else:  # role
            roles, end, j = self._roles_after(text, items, i, first.start, allow_poss=False, first=True)
            if not roles:
                return None, i + 1
            # "the president of Pakistan", "Secretary-General of the United Nations"
            if j < len(items) and items[j].entry.kind in _ANCHORS and _gap(text, end, items[j].start) == "of":
                anchor = items[j]
                end, j = anchor.end, j + 1

        # "Russia forces Ukraine to ...": a role word used as a verb.
        if roles and roles[-1].text.lower() in _VERBISH_ROLES and _verb_like(text, roles[-1].end, items, j):
            roles.pop()
            j -= 1
            end = roles[-1].end if roles else (body or anchor or first).end  # type: ignore[union-attr]
            if not roles and not anchor and not body:
                return None, j + 1

        if roles and person is None:
            hint_country = anchor.entry.code if anchor and anchor.entry.kind in _STATE_KINDS else None
            found = self._person_after(text, items, j, end, when, roles, hint_country)
            if found is not None:
                person_text, resolved, end, j = found
                person = (person_text, resolved)

        # "(ISI)", "(SCO)" right after the phrase
        if anchor or body:
            end, j = self._absorb_paren(text, items, j, end, (body or anchor).entry.code)  # type: ignore[union-attr]

        resolved = person[1] if person else None
        if anchor is not None:
            country = anchor.entry.code
        elif body is not None:
            country = body.entry.code
        elif resolved is not None:
            country = resolved.term.country
        else:
            country = None
        if resolved is not None and resolved.term.country != country:
            resolved = None  # the text's own country wins over the table's

        if body is not None:
            sector = body.entry.sector
        elif roles:
            sector = roles[0].entry.sector
        elif resolved is not None:
            sector = resolved.term.sector
        else:
            sector = anchor.entry.sector if anchor is not None else None

        if person is not None:
            kind_out = "person"
        elif body is not None:
            kind_out = body.entry.kind
        elif anchor is not None:
            kind_out = anchor.entry.kind
        else:
            kind_out = "role"
        if resolved is not None:
            self._remember(resolved.name, seen)
        start = first.start
        return self._mention(
            text, start, end, country, sector, kind_out,
            resolved.name if resolved else None, resolved.in_office if resolved else None,
            person[0] if person else None,
        ), j

    @staticmethod
    def _mention(text, start, end, country, sector, kind, person=None, in_office=None, name=None) -> Mention:
        if sector in _OFFICE_SECTORS and (_FORMER_BEFORE.search(text, max(0, start - 40), start) or _FORMER_WITHIN.search(text, start, end)):
            # "former prime minister Andreas Papandreou", "Pakistan's ousted
            # premier": out of office, one of the state's elites (CAMEO ELI)
            sector = "ELI"
        return Mention(start, end, text[start:end], country, sector, kind, person, in_office, name)

    def _roles_after(self, text: str, items: list[_Item], j: int, pos: int, allow_poss: bool, first: bool = False) -> tuple[list[_Item], int, int]:
        """Consecutive role items from ``items[j]``; the first may follow
        ``pos`` after a possessive when ``allow_poss``."""
        roles: list[_Item] = []
        end = pos
        while j < len(items) and items[j].entry.kind == "role":
            it = items[j]
            if not (first and not roles):
                gap = _gap(text, end, it.start)
                if gap != "adj" and not (gap == "poss" and allow_poss and not roles):
                    break
            roles.append(it)
            end, j = it.end, j + 1
        return roles, end, j

    def _person_after(self, text, items, j, pos, when, roles, country):
        """A personal name right after a title: a known name or family name
        from the table, or two or more capitalised words."""
        title = roles[-1]
        role_text = _role_class(title.text)
        sector = roles[0].entry.sector
        if (
            j < len(items)
            and items[j].entry.kind in ("person", "surname")
            and _gap_space(text, pos, items[j].start)
            # "Prime Minister Mahendra Chaudhry" is not the King Mahendra
            # of the table: one name word followed by another is part of a
            # longer name.
            and not ((items[j].entry.kind == "surname" or " " not in items[j].text.strip()) and _next_is_name(text, items[j].end))
        ):
            it = items[j]
            # A bare family name after a title must fit the title's sector
            # ("General Michel Aoun" is not the EU's Charles Michel); when it
            # names several people and the title and date do not decide, the
            # phrase is still a person, just not identified.
            strict = it.entry.kind == "surname"
            resolved = self._resolve(it.entry.people, when, sector=sector, role=role_text, country=country, strict=strict)
            return it.text, resolved, it.end, j + 1
        # Family-name items may be part of a longer name ("Michel" in
        # "Michel Aoun"): the name may run over them.
        k = j
        while k < len(items) and items[k].entry.kind == "surname":
            k += 1
        limit = items[k].start if k < len(items) else len(text)
        parsed = _parse_name(text, pos, limit)
        if parsed is None:
            return None
        name_text, name_end = parsed
        while j < len(items) and items[j].start < name_end:
            j += 1
        resolved = None
        entry = self._names.get(_norm(name_text))
        if entry is not None and entry.kind in ("person", "surname"):
            resolved = self._resolve(entry.people, when, sector=sector, role=role_text, country=country, strict=entry.kind == "surname")
        elif entry is None:
            # "President Omar El Bashir" for the table's "Omar al-Bashir": the
            # same given name and family name, spelt another way in between
            words = name_text.split()
            family = self._names.get(_norm(words[-1])) if len(words) >= 2 else None
            if family is not None and family.kind in ("person", "surname"):
                same_given = tuple(p for p in family.people if p.split()[0].lower() == words[0].lower())
                if same_given:
                    resolved = self._resolve(same_given, when, sector=sector, role=role_text, country=country, strict=True)
        return name_text, resolved, name_end, j

    def _standalone_person(self, text: str, item: _Item, when, seen: dict[str, str]) -> _Resolved | None:
        entry = item.entry
        key = _norm(item.text)
        if " " not in item.text.strip() and _next_is_name(text, item.end) and not _LEADERS_GOVERNMENT.match(text, item.end):
            return None  # "Mahendra Chaudhry": one name word of a longer name
        if entry.kind == "surname" or len(entry.people) > 1:
            # A bare family name (or an alias shared by several people) names
            # someone only after the text has introduced them.
            if key in _NAME_STOP:
                return None
            prev = _PREV_WORD.search(text, 0, item.start)
            if prev and prev.end() == item.start and prev.group(1)[:1].isupper() and prev.group(1) not in _NAME_STOP:
                return None  # "Maryam Sharif": another person with that family name
            if _next_is_name(text, item.end):
                return None  # "Michel Aoun": here the word is a given name
            if _LEADERS_GOVERNMENT.match(text, item.end):
                # "the Bush administration", "the Modi government": a
                # leader's government, even when the name alone is ambiguous
                return self._resolve(entry.people, when, sector="GOV", strict=True)
            known = seen.get(key)
            if known is None or known not in entry.people:
                return None
            return self._resolve((known,), when)
        return self._resolve(entry.people, when)

    def _remember(self, name: str, seen: dict[str, str]) -> None:
        for key in self._person_keys.get(name, ()):
            seen[key] = name

    def _resolve(
        self,
        names: Iterable[str],
        when: _dt.date | None,
        sector: str | None = None,
        role: str | None = None,
        country: str | None = None,
        strict: bool = False,
    ) -> _Resolved | None:
        """Pick one person and one of their terms.

        Candidates are narrowed by the country of the phrase, then by the
        title (same role, else same sector).  With a date: the one person
        in office then, else the only candidate's nearest term (not in
        office).  Without a date: the only candidate's latest term.  With
        ``strict`` the sector must fit (a bare family name after a title)."""
        cands = [(name, t) for name in names for t in self._people.get(name, ())]
        if country is not None:
            cands = [c for c in cands if c[1].country == country]
        narrowed = [c for c in cands if c[1].role == role] if role is not None else []
        if narrowed:
            cands = narrowed
        elif sector is not None:
            same = [c for c in cands if c[1].sector == sector]
            cands = same if (same or strict) else cands
        if not cands:
            return None
        persons = {name for name, _ in cands}
        if when is not None:
            covering = [c for c in cands if c[1].covers(when)]
            if len({name for name, _ in covering}) == 1:
                name, term = max(covering, key=lambda c: c[1].start or _dt.date.min)
                return _Resolved(name, term, True)
            if covering or (len(persons) != 1 and not _one_post(cands)):
                return None
            name, term = min(cands, key=lambda c: c[1].distance(when))
            return _Resolved(name if len(persons) == 1 else None, term, False)
        if len(persons) != 1:
            # "President Bush" with no date: which one is unknown, but
            # both were American presidents.
            return _Resolved(None, cands[0][1], None) if _one_post(cands) else None
        name, term = max(cands, key=lambda c: c[1].start or _dt.date.min)
        return _Resolved(name, term, None)

    def _absorb_paren(self, text: str, items: list[_Item], j: int, end: int, code: str | None) -> tuple[int, int]:
        m = _PAREN.match(text, end)
        if not m:
            return end, j
        inner_start, inner_end = m.span(1)
        inside = [k for k in range(j, len(items)) if items[k].start < m.end()]
        if inside:
            its = [items[k] for k in inside]
            if len(its) == 1 and its[0].start == inner_start and its[0].end == inner_end and its[0].entry.code == code and code:
                return m.end(), j + 1
            return end, j
        if _ACRONYM.match(m.group(1)) and sum(ch.isupper() for ch in m.group(1)) >= 2:
            return m.end(), j
        return end, j


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _as_date(when) -> _dt.date | None:
    if when is None:
        return None
    if isinstance(when, _dt.datetime):
        return when.date()
    if isinstance(when, _dt.date):
        return when
    raise TypeError(f"when must be a date or None, not {type(when).__name__}")


def _gap(text: str, a: int, b: int) -> str | None:
    """How two pieces of a phrase are joined: 'adj' (whitespace, maybe
    modifiers such as 'former'), 'poss' ("'s"), 'of' (" of the ")."""
    if b < a:
        return None
    between = text[a:b]
    if _GAP_ADJ.fullmatch(between):
        return "adj"
    if _GAP_POSS.fullmatch(between):
        return "poss"
    if _GAP_OF.fullmatch(between):
        return "of"
    return None


def _gap_space(text: str, a: int, b: int) -> bool:
    return b >= a and _GAP_SPACE.fullmatch(text, a, b) is not None


def _verb_like(text: str, pos: int, items: list[_Item], j: int) -> bool:
    """After a role word that can be a verb ("forces", "police"): is the next
    word a determiner or a name, as in "Russia forces Ukraine to ..."?"""
    m = _LINE_SPACE.match(text, pos)
    if not m:
        return False
    if j < len(items) and items[j].start == m.end() and items[j].entry.kind != "role":
        return True
    word = re.match(r"[^\W\d_]+", text[m.end():])
    return bool(word) and word.group().lower() in _VERB_FOLLOWERS


def _next_is_name(text: str, pos: int) -> bool:
    """Is the next word (same line) a capitalised name word?"""
    m = _LINE_SPACE.match(text, pos)
    if not m:
        return False
    w = _NAME_WORD.match(text, m.end())
    if not w:
        return False
    word = w.group().rstrip(".")
    return word[:1].isupper() and word not in _NAME_STOP


def _parse_name(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """Two to five capitalised words (with particles such as 'bin') right
    after ``pos``, not reaching ``limit``: an unknown person after a title."""
    m = _LINE_SPACE.match(text, pos)
    if not m:
        return None
    p = m.end()
    tokens: list[tuple[str, int, int, bool]] = []  # text, start, end, capitalised
    while p < limit and len(tokens) < 6:
        w = _NAME_WORD.match(text, p)
        if not w:
            break
        tok = w.group()
        if tok.endswith(".") and len(tok) != 2:
            tok = tok[:-1]
        t_end = p + len(tok)
        if t_end > limit:
            break
        if tok[0].isupper():
            if tok in _NAME_STOP:
                break
            tokens.append((tok, p, t_end, True))
        elif tok in _PARTICLES and tokens:
            tokens.append((tok, p, t_end, False))
        elif _PARTICLE_HYPHEN.match(tok) and tokens:
            tokens.append((tok, p, t_end, True))
        else:
            break
        s = _LINE_SPACE.match(text, t_end)
        if not s:
            break
        p = s.end()
    while tokens and not tokens[-1][3]:
        tokens.pop()
    if sum(1 for t in tokens if t[3]) < 2:
        return None
    return text[tokens[0][1]:tokens[-1][2]], tokens[-1][2]


def _pycountry_names(iso3: str) -> list[str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return []
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    out = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if value and "," not in value and "(" not in value and not value[:1].islower():
            out.append(value)
    return out


def _is_pycountry_code(code: str) -> bool:
    if not _ISO3.match(code or ""):
        return False
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return False
    return pycountry.countries.get(alpha_3=code) is not None


class NameMemory:
    """People a document has introduced with their state ("Colombian
    President Juan Manuel Santos"), found again by full or family name later
    in the same document ("He praised Santos").  A family name that two
    introduced people share, or that has no state, is not used."""

    def __init__(self) -> None:
        self._names: dict[str, tuple[str, str | None] | None] = {}
        self._re: re.Pattern[str] | None = None
        self._dirty = False
        # The first word of every name learned: a sentence holding none of
        # them cannot mention anyone known (a space in a name matches any
        # run of whitespace, the first word only itself).
        self._first_words: set[str] = set()

    def learn(self, mentions: Iterable[Mention]) -> None:
        changed = False
        for m in mentions:
            if m.kind != "person" or not m.country or not m.name:
                continue
            words = m.name.split()
            keys = {m.name}
            if len(words) >= 2 and len(words[-1]) >= 3 and words[-1][:1].isupper():
                keys.add(words[-1])
            for key in keys:
                if key in _NAME_STOP:
                    continue
                value = (m.country, m.sector)
                old = self._names.get(key, value)
                new = value if old == value else None  # two people, two states: ambiguous
                if key not in self._names or self._names[key] != new:
                    self._names[key] = new
                    self._first_words.add(key.split(" ")[0])
                    changed = True
        self._dirty = self._dirty or changed

    def find(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Mentions of introduced people not already covered by ``mentions``."""
        if not any(word in text for word in self._first_words):
            return []  # also spares compiling the pattern for a name never seen again
        if self._dirty:  # rebuilt only when a sentence needs it after a change
            keys = [k for k, v in self._names.items() if v is not None]
            self._re = _trie_regex(keys) if keys else None
            self._dirty = False
        if self._re is None:
            return []
        out = []
        for match in self._re.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in mentions):
                continue
            value = self._names.get(match.group())
            if value is None:
                continue
            country, sector = value
            out.append(Mention(match.start(), match.end(), match.group(), country, sector, "person", None, None, match.group()))
        return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer from the package data, built once per process."""
    return Gazetteer.load()


_LEADERS_GOVERNMENT = re.compile(r"\s+(?:administration|government|cabinet|regime)\b")


def _one_post(cands) -> bool:
    """Do all candidate terms belong to one state and sector?"""
    return len({(t.country, t.sector) for _, t in cands}) == 1


_MOVEMENT = re.compile(r"\s+(?:nationalist|separatist|secessionist)s?\b", re.IGNORECASE)


_COMMUNITY_AFTER = re.compile(r"\s+(?:population|populations|minority|minorities|community|communities|diaspora)\b")


def _minority(text: str, m: Mention) -> Mention:
    """"Ethnic Albanians in Serbia", "ethnic Turks in Sweden": a people named
    as an ethnic group are a community where they live, not the state of
    their name; they keep a role's sector (civilians unless named as
    rebels) and get their state from where they are."""
    if m.kind != "adjective":
        return m
    ethnic = text[max(0, m.start - 7) : m.start].lower().endswith("ethnic ")
    # "the Albanian population of the province", "the Turkish minority":
    # a community, not the state of its name
    ethnic = ethnic or (m.sector is None and _COMMUNITY_AFTER.match(text, m.end) is not None)
    # "Irish nationalist guerrillas", "Serb separatists": a movement named
    # for a people, not that people's state
    movement = _MOVEMENT.match(text, m.start + len(m.text.split()[0]))
    if not ethnic and movement is None:
        return m
    return dataclasses.replace(m, country=None, sector=m.sector or ("OPP" if movement else "CVL"), kind="role")


# Demonyms of states whose people are named by origin first ("Chinese
# Americans", "Arab Israelis"): there the second word is the state.
_CIVIC_DEMONYMS = frozenset({"Americans", "Canadians", "Australians", "Israelis", "Cypriots", "Britons", "Brazilians", "Argentines", "Argentinians", "Singaporeans", "New Zealanders", "South Africans"})
_OF_REGION = re.compile(r"\s+of\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|north-eastern|north-western|south-eastern|south-western)\s+)?$", re.IGNORECASE)


def _communities(text: str, mentions: list[Mention]) -> list[Mention]:
    """A people named by where they live and by their descent, as one
    actor of the state they live in: "Bosnian Serbs" and "the Bosnian Serb
    army" are Bosnia's, "Kosovo Albanians" Kosovo's, "the Albanians of
    southern Serbia" Serbia's; but "Chinese Americans" are American."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is None or not a.country or not b.country or a.country == b.country:
            out.append(a)
            i += 1
            continue
        first_b = b.text.split()[0]
        people_b = b.kind == "adjective" and first_b[:1].isupper() and (first_b.endswith("s") or b.sector is not None)
        if a.kind in ("adjective", "country") and a.sector is None and people_b and text[a.end : b.start] == " ":
            # "Bosnian Serbs": one actor, of the state named first unless
            # the second is a civic demonym
            country = b.country if first_b in _CIVIC_DEMONYMS else a.country
            out.append(dataclasses.replace(b, start=a.start, text=text[a.start : b.end], country=country, sector=b.sector or "CVL"))
            i += 2
            continue
        people_a = a.kind == "adjective" and a.sector is None and a.text.endswith("s") and a.text[:1].isupper()
        if people_a and b.kind in ("country", "place") and _OF_REGION.match(text[a.end : b.start]) and text[max(0, a.start - 4) : a.start].lower() == "the ":
            # "the Albanians of southern Serbia": a community where they live
            out.append(dataclasses.replace(a, end=b.end, text=text[a.start : b.end], country=b.country, sector="CVL"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def find_mentions(text: str, when: _dt.date | None = None) -> list[Mention]:
    """Actor mentions in ``text`` (see ``Gazetteer.find_mentions``)."""
    return load_gazetteer().find_mentions(text, when)
