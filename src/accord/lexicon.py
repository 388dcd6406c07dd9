"""The verb-pattern lexicon and the modality tables, loaded from data files.

Format: ``docs/lexicon.md``.  Every row is checked at load time (known CAMEO
code, V/N, known flags) and a bad row raises ``DataFileError`` naming the
file and the line.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

from .errors import DataFileError

LEXICON_HEADER = ["code", "pos", "lemma", "particle", "object", "prep", "flags"]
MODALITY_HEADER = ["lemma", "kind"]
INTENT_HEADER = ["act_root", "appeal_code", "intent_code"]
KNOWN_FLAGS = {"mutual", "reverse"}
MODALITY_KINDS = {"desire", "request", "intent", "speculative", "negation", "denial", "hypothetical", "future"}
DEFAULT_PREPS = ("to", "with", "against", "on", "from", "into", "in", "for", "toward", "towards", "at", "across", "inside", "over", "throughout")


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    pos: str
    lemma: str
    particle: str
    objects: frozenset[str]
    preps: tuple[str, ...]
    mutual: bool
    reverse: bool
    where: str  # file:line, for explanations
    explicit_locative: bool = False  # the row itself names "in" or "at"

    @property
    def specificity(self) -> int:
        return (2 if self.particle else 0) + (1 if self.objects else 0)


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    modality: dict[str, str] = field(default_factory=dict)
    intent: dict[str, tuple[str, str]] = field(default_factory=dict)  # root -> (appeal, intent)
    version: str = ""

    def trigger_conditions(self) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
        """The pre-parse filter's two tables: surface forms that are a
        trigger on their own (some row of their lemma has no object and no
        particle), and for the others ("have", "take", "call", "end") the
        surface forms of the objects or particles one of which the sentence
        must also hold for any row of theirs to match."""
        free: set[str] = set()
        needs: dict[str, set[str]] = {}
        for table, forms_of in ((self.verbs, inflections), (self.nouns, noun_forms)):
            for lemma, pats in table.items():
                forms = forms_of(lemma)
                if any(not p.objects and not p.particle for p in pats):
                    free |= forms
                    continue
                cond: set[str] = set()
                for p in pats:
                    cond |= {p.particle} if p.particle else set()
                    for obj in p.objects:
                        cond |= inflections(obj)
                for f in forms:
                    needs.setdefault(f, set()).update(cond)
        return frozenset(free), {f: frozenset(c) for f, c in needs.items() if f not in free}


def read_table(path, header: list[str]) -> list[tuple[int, list[str]]]:
    """Rows of a TSV data file as cell lists in header order, with their
    line numbers (the shared reader :func:`accord.codebook.read_tsv`)."""
    from .codebook import read_tsv

    return [(lineno, [row[c] for c in header]) for lineno, row in read_tsv(path, header)]


def _split(cell: str) -> list[str]:
    return [p.strip().lower() for p in cell.split("|") if p.strip()]


def parse_lexicon_file(path, is_code: "callable[[str], bool]") -> list[Pattern]:
    patterns = []
    for lineno, (code, pos, lemma, particle, objects, preps, flags) in read_table(path, LEXICON_HEADER):
        where = f"{path}:{lineno}"
        if not is_code(code):
            raise DataFileError(str(path), lineno, f"unknown CAMEO code {code!r}")
        if pos not in ("V", "N"):
            raise DataFileError(str(path), lineno, f"pos must be V or N, not {pos!r}")
        if not lemma or lemma != lemma.lower() or any(ch.isspace() for ch in lemma):
            # "pull out" in the lemma column would never match: the particle has its own column
            raise DataFileError(str(path), lineno, f"lemma must be one lower-case word (a particle goes in its own column), not {lemma!r}")
        flag_set = {f.strip() for f in flags.split(",") if f.strip()}
        unknown = flag_set - KNOWN_FLAGS
        if unknown:
            raise DataFileError(str(path), lineno, f"unknown flag(s) {', '.join(sorted(unknown))}")
        patterns.append(Pattern(
            code=code, pos=pos, lemma=lemma, particle=particle.lower(), objects=frozenset(_split(objects)),
            preps=tuple(_split(preps)) or DEFAULT_PREPS, mutual="mutual" in flag_set, reverse="reverse" in flag_set,
            where=where, explicit_locative=bool({"in", "at"} & set(_split(preps))),
        ))
    return patterns


def build_lexicon(lexicon_files: Iterable, modality_file, intent_file, is_code) -> Lexicon:
    lex = Lexicon()
    digest = hashlib.sha256()
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    for path in lexicon_files:
        digest.update(path.read_bytes())
        for pat in parse_lexicon_file(path, is_code):
            (verbs if pat.pos == "V" else nouns)[pat.lemma].append(pat)
    for table in (verbs, nouns):
        for lemma in table:
            table[lemma].sort(key=lambda p: -p.specificity)
    lex.verbs, lex.nouns = dict(verbs), dict(nouns)
    for lineno, (lemma, kind) in read_table(modality_file, MODALITY_HEADER):
        if kind not in MODALITY_KINDS:
            raise DataFileError(str(modality_file), lineno, f"unknown modality kind {kind!r}")
        lex.modality[lemma.lower()] = kind
    digest.update(modality_file.read_bytes())
    for lineno, (root, appeal, intent) in read_table(intent_file, INTENT_HEADER):
        for code in (appeal, intent):
            if code and not is_code(code):
                raise DataFileError(str(intent_file), lineno, f"unknown CAMEO code {code!r}")
        lex.intent[root.zfill(2)] = (appeal, intent)
    digest.update(intent_file.read_bytes())
    lex.version = digest.hexdigest()[:12]
    return lex


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (every ``data/lexicon/*.tsv``), loaded once."""
    from .codebook import load_codebook

    codebook = load_codebook()
    data = resources.files("accord") / "data"
    files = sorted((p for p in (data / "lexicon").iterdir() if p.name.endswith(".tsv")), key=lambda p: p.name)
    return build_lexicon(files, data / "modality.tsv", data / "intent.tsv", codebook.is_code)


_IRREGULAR = {
    "meet": ["met"], "hold": ["held"], "give": ["gave", "given"], "send": ["sent"], "sell": ["sold"],
    "buy": ["bought"], "fight": ["fought"], "shoot": ["shot"], "seek": ["sought"], "take": ["took", "taken"],
    "make": ["made"], "pay": ["paid"], "lead": ["led"], "strike": ["struck", "stricken"], "break": ["broke", "broken"],
    "win": ["won"], "lose": ["lost"], "bring": ["brought"], "begin": ["began", "begun"], "draw": ["drew", "drawn"],
    "throw": ["threw", "thrown"], "write": ["wrote", "written"], "speak": ["spoke", "spoken"], "tell": ["told"],
    "say": ["said"], "forgive": ["forgave", "forgiven"], "undertake": ["undertook", "undertaken"], "withdraw": ["withdrew", "withdrawn"],
    "overthrow": ["overthrew", "overthrown"], "bind": ["bound"], "lay": ["laid"], "seize": ["seized"], "cut": ["cut"],
    "put": ["put"], "set": ["set"], "shut": ["shut"], "hit": ["hit"], "quit": ["quit"], "spread": ["spread"],
    "mislead": ["misled"], "rebuild": ["rebuilt"], "build": ["built"], "lend": ["lent"], "spend": ["spent"],
    "keep": ["kept"], "leave": ["left"], "feel": ["felt"], "hear": ["heard"], "sink": ["sank", "sunk"],
    "forbid": ["forbade", "forbidden"], "blow": ["blew", "blown"], "drive": ["drove", "driven"], "ride": ["rode", "ridden"],
    "arise": ["arose", "arisen"], "withhold": ["withheld"], "go": ["went", "gone"], "come": ["came"],
    "find": ["found"], "overrun": ["overran"], "run": ["ran"], "stand": ["stood"], "hand": ["handed"], "flee": ["fled"], "freeze": ["froze", "frozen"], "steal": ["stole", "stolen"],
    "swear": ["swore", "sworn"], "tear": ["tore", "torn"], "wage": ["waged"], "offer": ["offered"], "rebuff": ["rebuffed"],
}


def noun_forms(lemma: str) -> set[str]:
    """A noun's singular and plural ("accord" is no trigger in "according")."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms.add(w[:-1] + "ies")
    return forms


def inflections(lemma: str) -> set[str]:
    """Likely surface forms of a lemma (regular English morphology plus a
    table of irregular verbs); used only to pre-filter sentences."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ers"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w[:-1] + "ion", w[:-1] + "ation"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    forms.update(_IRREGULAR.get(w, []))
    if w in ("criticize", "criticise"):
        forms |= {"criticism", "criticisms"}
    return forms
