"""Tests of accord.prefilter: the literal words a pattern needs, and that
skipping the time patterns whose words are missing changes nothing."""

from __future__ import annotations

import re
import sys

import pytest

from accord import prefilter
from accord import time as T
from test_time_expressions import CASES


def need_words(regex: str, flags: int = re.I) -> list[list[str]] | None:
    need = prefilter.required(re.compile(regex, flags))
    return None if need is None else sorted(sorted(s) for s in need.sets)


@pytest.mark.parametrize(
    "regex,words",
    [
        (r"(?<!\w)century\b", [["century"]]),
        (r"(?:jan|january|feb)\s+\d", [["\\d"], ["feb", "jan"]]),  # "january" holds "jan"
        (r"(?:the\s+)?(?P<w>today|tonight)", [["today", "tonight"]]),
        (r"(?:last|next)\s+(?:week|month)", [["last", "next"], ["month", "week"]]),
        (r"\b(?:spring|fall)|\d{4}", [["\\d", "fall", "spring"]]),
        (r"Q[1-4]", [["q1", "q2", "q3", "q4"]]),
        (r"(?:a|the)?\s*day", [["day"]]),
        (r"\w+ly", [["ly"]]),
        (r"\w+", None),  # nothing literal is needed
    ],
)
def test_needed_words(regex, words):
    assert need_words(regex) == words


def test_optional_and_unknown_parts_need_nothing():
    assert need_words(r"(?:monday)?\s*\w+") is None
    assert need_words(r"[^abc]+") is None
    assert need_words(r"(?P<a>x)(?P=a)") == [["x"]]  # the back-reference adds nothing


def test_case_unsafe_characters_are_all_listed():
    # Under re.I an ASCII letter matches only its two cases and the
    # characters of _CASE_UNSAFE: for any other text, "the lower-cased text
    # holds the word" is exactly "re.I finds the word".
    letter_class = re.compile("[a-z]", re.I)
    letters = [re.compile(ch, re.I) for ch in "abcdefghijklmnopqrstuvwxyz"]
    others = [chr(c) for c in range(128, sys.maxunicode + 1) if letter_class.fullmatch(chr(c))]
    assert others == ["\u0130", "\u0131", "\u017f", "\u212a"]
    for ch in others:
        assert any(rx.fullmatch(ch) for rx in letters) and prefilter._CASE_UNSAFE.search(ch)
    assert not [ch for ch in map(chr, range(128, sys.maxunicode + 1)) if any(rx.fullmatch(ch) for rx in letters) and ch not in others]


def test_lower_casing_keeps_digits():
    digit = re.compile(r"\d")
    assert all(digit.search(chr(c).lower()) for c in range(sys.maxunicode + 1) if digit.fullmatch(chr(c)))


def test_text_with_a_case_unsafe_character_is_not_prechecked():
    need = prefilter.required(re.compile(r"sunday", re.I))
    assert need.met(prefilter.Text("on \u017funday")) and re.search("sunday", "on \u017funday", re.I)
    assert not need.met(prefilter.Text("on Monday"))
    assert need.met(prefilter.Text("on SUNDAY"))


def time_texts() -> list[str]:
    texts = [c[1] for c in CASES]
    texts += [t.upper() for t in texts] + [t.replace("s", "\u017f") for t in texts]
    return texts


def test_every_time_pattern_match_meets_its_need():
    needs = T._pattern_needs()
    assert len(needs) == len(T._PATTERNS) and sum(n is not None for n in needs) > len(needs) // 2
    for text in time_texts():
        checked = prefilter.Text(text)
        for (rx, fn, _prio), need in zip(T._PATTERNS, needs):
            if need is not None and rx.search(text):
                assert need.met(checked), (fn.__name__, text)


def test_skipping_patterns_changes_no_candidate(monkeypatch):
    texts = time_texts()
    with_needs = [T._candidates(t) for t in texts]
    monkeypatch.setattr(T, "_NEEDS", [None] * len(T._PATTERNS))
    assert [T._candidates(t) for t in texts] == with_needs
