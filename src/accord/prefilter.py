"""Cheap pre-checks for regular expressions: which literal words must a
text hold for a pattern to match anywhere in it?

The time scanner runs some sixty patterns over every sentence that passes
its gate, and Python's ``re`` tries each of them at every position (a
pattern that starts with a look-behind gets none of the engine's own
literal-prefix shortcuts).  Most patterns cannot match most sentences: the
month patterns need a month name, the clock patterns a digit.
``required(rx)`` reads a compiled pattern's syntax tree and derives the
literal strings every match must contain; ``Need.met(Text(sentence))``
looks for them in the lower-cased text with plain substring tests (each set
once per text), far cheaper than the pattern's scan.
A pattern whose need is not met has no match, so skipping it changes
nothing; when in doubt the analysis says "no need" and the pattern runs as
before.

What the analysis derives, for a sequence of pattern elements, is one set
of alternatives per element that must occur in every match (a literal
run such as ``century``, a small group of alternatives such as
``(?:jan|feb|...)``, a repeated element with a minimum of one, a ``\\d``);
a match holds at least one string of each set.  Only ASCII literals are
used, compared case-insensitively, so a pattern's own case flags do not
matter (a looser test is still a correct one).

Soundness of the lower-cased substring test: under ``re.IGNORECASE`` an
ASCII letter matches only its two ASCII cases and four other characters
(U+0130, U+0131, U+017F, U+212A, see ``_CASE_UNSAFE``; a test checks that
list against every code point).  A text holding one of those four is not
pre-checked at all.  ``\\d`` is looked for as ``\\d`` (every Unicode digit;
lower-casing leaves digits as they are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]

DIGIT = "\\d"  # stands for "some Unicode digit" in a set of alternatives
# Characters other than A-Z/a-z that match an ASCII letter under re.I.
_CASE_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")
_DIGIT_RX = re.compile(r"\d")
_MAX_STRINGS = 64  # cap on the alternatives of one literal set
_MAX_CLASS = 16  # a character class is a literal set up to this size


@dataclass(frozen=True, slots=True)
class Need:
    """What every match of a pattern holds: for each set of alternatives,
    one of them."""

    sets: tuple[tuple[str, ...], ...]

    def met(self, text: "Text") -> bool:
        """Can the pattern match this text?"""
        if text.lowered is None:
            return True
        for alternatives in self.sets:
            if not text.holds(alternatives):
                return False
        return True


class Text:
    """A text to check needs against, lower-cased once, remembering which
    sets of alternatives it holds (patterns share sets: eight of the time
    patterns need a month name)."""

    __slots__ = ("lowered", "_text", "_held")

    def __init__(self, text: str) -> None:
        # None: the lower-cased substring test is not exact for this text
        self.lowered = None if _CASE_UNSAFE.search(text) else text.lower()
        self._text = text
        self._held: dict[tuple[str, ...], bool] = {}

    def holds(self, alternatives: tuple[str, ...]) -> bool:
        held = self._held.get(alternatives)
        if held is None:
            held = self._held[alternatives] = self._find(alternatives)
        return held

    def _find(self, alternatives: tuple[str, ...]) -> bool:
        for s in alternatives:
            if (_DIGIT_RX.search(self._text) is not None) if s == DIGIT else (s in self.lowered):
                return True
        return False


def required(rx: re.Pattern) -> Need | None:
    """What every match of ``rx`` must contain, or None if nothing useful is
    known."""
    sets = {_shortest(s) for s in _required_seq(_p.parse(rx.pattern, rx.flags))}
    if not sets:
        return None
    # the most selective first (longest shortest string), so that a failed
    # check stops early
    return Need(tuple(sorted(sets, key=_score, reverse=True)))


def _shortest(strings: set[str]) -> tuple[str, ...]:
    """The alternatives without those that hold another ("january" holds
    "jan": looking for "jan" finds both), in a fixed order."""
    return tuple(sorted(s for s in strings if s == DIGIT or not any(o != s and o != DIGIT and o in s for o in strings)))


def _score(alternatives) -> tuple:
    return (min(1.5 if s == DIGIT else len(s) for s in alternatives), -len(alternatives))


# -- the analysis over re's parse tree -----------------------------------
# _exact(): the finite set of strings an element matches (lower-cased ASCII),
#           or None if infinite, too large or not plain literals;
# _required_seq(): the sets of alternatives that every match of a sequence
#           holds (an empty list: nothing known).

def _exact(op, av) -> set[str] | None:
    if op is _c.LITERAL:
        ch = chr(av)
        return {ch.lower()} if ch.isascii() else None
    if op is _c.IN:
        return _small_class(av)
    if op is _c.SUBPATTERN:
        return _exact_seq(av[3])
    if op is _c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            strings = _exact_seq(alternative)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_STRINGS else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        strings = _exact_seq(av[2])  # optional: its strings or nothing
        return None if strings is None else strings | {""}
    return None


def _small_class(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # a category (\w, \s, \d), a negation
            return None
    if len(chars) > _MAX_CLASS or not all(ch.isascii() for ch in chars):
        return None
    return {ch.lower() for ch in chars}


def _exact_seq(seq) -> set[str] | None:
    out = {""}
    for op, av in seq:
        strings = _exact(op, av)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _required(op, av) -> list[set[str]]:
    """The sets every match of one element holds."""
    if op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]:
        return [{DIGIT}]
    if op is _c.SUBPATTERN:
        return _required_seq(av[3])
    if op is _c.ATOMIC_GROUP:
        return _required_seq(av)
    if op is _c.BRANCH:
        # one set: the union of one set taken from each alternative (the best)
        out: set[str] = set()
        for alternative in av[1]:
            sets = _required_seq(alternative)
            if not sets:
                return []
            out |= max(sets, key=_score)
        return [out]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required_seq(av[2])
    return []  # optional elements, any character, assertions, back-references


def _required_seq(seq) -> list[set[str]]:
    found: list[set[str]] = []

    def keep(strings: set[str]) -> None:
        if strings and "" not in strings:
            found.append(strings)

    run = {""}  # the strings of the current run of adjacent literal elements
    for op, av in seq:
        strings = _exact(op, av)
        if strings is not None:
            longer = {a + b for a in run for b in strings}
            if len(longer) > _MAX_STRINGS:
                keep(run)
                longer = strings
            run = longer
            continue
        keep(run)
        run = {""}
        found.extend(_required(op, av))
    keep(run)
    return found
