"""Time expressions in news text: find them, normalise them, anchor them.

accord's central promise is that an event is dated by what the text says
happened when, not by the day the article was published.  This module does
the text side of that promise, in pure Python over plain strings (callers
map the character offsets onto their own parse).

``find_times(text, published, narrative)`` returns every time expression
with a resolved :class:`~accord.records.DateRange` (or ``None`` when it
cannot be resolved) and a TimeML-style normalised value.  ``Narrative``
feeds sentences in order and keeps the running narrative time.

Kinds of mention
----------------
absolute   the text names the time itself: "May 1, 2018", "July 2015",
           "the 1980s", "the third quarter of 2019", "between 2003 and
           2005".  Month-day or month expressions without a year ("on April
           6", "in June") are absolute too; their year is inferred (below).
narrative  relative to the running narrative time: "three months later",
           "the following year", "that year", "then", "subsequently".
deictic    relative to the publication date: "yesterday", "last week",
           "on Tuesday", "recently", "this year", "now", "five years ago".
open       "since 2016": start fixed by the text, end = publication date.

Durations ("38 years", "3-day", "in 38 years") are ``timex_type``
'DURATION' with ``value None``: they never date an event.  Recurrences
("every year", "annual") are 'SET', value None.  Clock times are 'TIME'
with the day they fall on as value.  Durations, sets and clock times get
kind 'absolute' (they need no anchor to be read).

Conventions (documented choices)
--------------------------------
* Numeric dates: ``2018-05-01`` and ``2018/05/01`` are Y-M-D.  Slashed
  dates follow the US news convention M/D/Y ("7/8/07" = 2007-07-08), unless
  the first number cannot be a month (> 12), then D/M/Y.
* A bare 4-digit number is a year only in a plausible context: 1800..2100,
  not more than 50 years after publication, not after a currency sign or a
  word such as Route/Flight/Resolution/No., not followed by a unit or a
  counted noun ("4000 troops", "2000 km"), not part of an identifier
  ("A380", "F-16", "Mi-35").  Exercise names ("Friendship 2016") are years.
* Year inference for month-day, bare month, quarter, season and holiday
  expressions without a year ("on April 6", "in October", "the fourth
  quarter").  The tense marker nearest to the expression in its clause
  decides (future: will, would, should, may, expected, scheduled, due to,
  plans to, to be, next, until ...; past: was, were, had, ago, last, verbs
  in -ed not after a form of "be", common irregular past forms):
  - past: the latest such date starting no later than the reference + 1 day;
  - future: the earliest such date ending no earlier than the reference - 1 day;
  - no marker: the nearest such date, a later one counting at double its
    distance (news mostly reports the past).
  So, published 2021-04-12: "arrived on April 6" = 2021-04-06, "was
  attacked on December 20" = 2020-12-20, "the deadline is April 20" =
  2021-04-20, "will be held on June 1" = 2021-06-01, "talks will resume on
  March 15" = 2022-03-15.  This replaces the simpler "most recent date not
  later than publication + 7 days" (which the no-marker rule approximates
  for dates in the past) because news often announces dates ahead.
  The reference is the publication date, except when the running narrative
  time is historical (ended more than a year before publication, or there
  is no publication date): a historical frame of a year or more ("In 2015
  ... On December 25") is the reference; a historical month or day ("In
  July 2015 ... On August 3") keeps the expression in its year only when
  that moves the story forward, otherwise the publication date is the
  reference ("She was arrested in October 2016. In August [2018] ...").
  A weekday in the expression ("Tuesday, April 6") picks a year whose
  calendar agrees.  When the reference spans several years (narrative "the
  1980s") and several years fit, the year is unknown: the value is the
  reference range itself and the TimeML value is ``XXXX-04-06``.
* Weekdays are deictic (news convention): "on Tuesday" is the most recent
  Tuesday on or before publication; when the nearest tense marker is a
  future one, the first Tuesday on or after it.  "last Tuesday" is strictly
  before, "next Tuesday" strictly after, "this Tuesday" is in the
  publication's ISO week.  Named days ("Black Monday", "Super Tuesday") are
  not weekdays.  "the weekend" is the one just past (the current one on a
  Saturday/Sunday or in the future tense); "this weekend" is the one of the
  publication's ISO week.
* Early/mid/late: decades 0-3 / 4-6 / 7-9 ("the late 1970s" = 1977-1979,
  "mid-1990s" = 1994-1996); centuries 00-33 / 34-66 / 67-99; years Jan-Apr
  / May-Aug / Sep-Dec; months 1-10 / 11-20 / 21-end.  "the beginning /
  start of" = early, "the middle of" = mid, "the end of" = late.  The
  precision stays that of the unit ("late 2016" has precision 'year' and
  range Sep-Dec 2016), and the TimeML value is the unit's ("2016").
* "the late 1970s and 1980s" = 1977-1989 (the late-decade rule applied to
  the first decade), precision 'range'.  "the 1800s"/"the 1900s" are
  centuries; "the 2000s" is a decade.  Centuries run 00-99: "the 19th
  century" = 1800-1899.  TimeML values follow MEANTIME: decade "198",
  century "18".
* Seasons are meteorological (northern hemisphere): spring Mar-May,
  summer Jun-Aug, autumn/fall Sep-Nov, winter Y = Dec (Y-1) - Feb Y.  A
  bare season is a time after a determiner or preposition ("in the
  spring", "by summer") or as the subject of a clause followed by a finite
  verb ("but spring shows signs of hope"); its year is inferred like a
  bare month's.  "fall" needs a determiner; "spring up", "summer camp",
  "winter storms" are not times.
* ISO 8601 weeks: "this week" is the publication's ISO week (Monday to
  Sunday, week 1 holds the year's first Thursday), "2006-03-28" -> 2006-W13.
* A streak ("for a second consecutive day", "the third straight session",
  "for the fourth week in a row") is the latest unit of the streak: the
  unit of the narrative time (publication when there is none), or of the
  time right after it ("for a second straight month in March" = March).
* "the last year" after a reported result ("posted a profit for the last
  year", "sales for the last year") is the previous (accounting) year,
  like "the last quarter"; otherwise it is the span of the past 12 months.
* Attributive "recent" ("the recent downturn", "recent government moves")
  is PAST_REF without a range (it describes its noun, it dates nothing);
  not "most/more recent" (the latest of a series).  "in recent U.S.
  history" is "in recent history".
* "since X" is kind 'open': X's start to the publication date; with no
  publication date, X's own range with precision 'range'.  Its TimeML value
  is X's value (TimeML annotates the anchor).
* Ranges ("between 2003 and 2005", "April 6-7", "1979-89") have precision
  'range' and a TimeML value "start/end" ("2003/2005", "2021-04-06/
  2021-04-07").
* Anchored spans ("the past decade", "over the past 20 years", "the next
  six months", "in recent years") are DATEs: they place events on the
  timeline (publication minus/plus the span).  TimeML value "P10Y", "P20Y",
  ... for counted spans, PAST_REF / FUTURE_REF / PRESENT_REF for vague ones
  ("recently" = the 90 days before publication, "in recent years" = 5
  years, "in recent months" = 180 days, "in recent weeks" = 60 days).
  "in the past" / "in the future" / "soon" have value None.  Such spans
  longer than a month (and attributive "recent") frame the story rather
  than date its events: they date their own sentence but do not become
  the running narrative time ("In the past decade ... The rebels ..." does
  not put the rebels in the past decade); "recently" and short spans ("the
  past three days") do.
* Narrative-relative expressions resolve against the running narrative
  time; when there is none yet, against the publication day (a news
  article's default "now") -- such a fallback resolution does not set the
  narrative time.  "then", "later", "subsequently", "at the time" are the
  narrative time itself.  "N months later" from a month or day anchor is a
  month ("In July 2015 ... three months later" = October 2015); "N days/
  weeks later" is a day; "N years later" is a year; a finer shift of a
  coarser anchor is the shifted anchor in the shift's unit ("in 2012 ...
  three months later" = April 2012 - March 2013, precision 'range').
  "within weeks" = narrative start to narrative end + 8 weeks ("within
  days" + 14 days, "within months" + 6 months).  Day-level anaphora ("the
  day", "that day", "later in the day", "ended the day") go back to the
  last day-level time unless the story has since moved more than 400 days
  away from it.  "the same month a year ago" / "the same period last year"
  (a comparison base) are resolved but do not set the narrative time.
* Within one text, mentions are resolved left to right and each one that
  sets a time becomes the anchor of the next ("signed in 2012, collapsed
  three months later").  The time a text leaves behind (``Narrative.current``)
  is the last one set, except that a time in a main clause beats background
  times of the same sentence in relative/complement clauses or participial
  asides ("concluded on Thursday that the missile which downed the airliner
  in July 2014 ..." leaves Thursday), and "since X" counts only when
  nothing else set a time.  Deictic times set it too ("Recently X ... It
  was the first such visit" stays in the recent past).
* Impossible dates ("February 30, 2020") are mentions with value None.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from accord import prefilter
from accord.records import DateRange

__all__ = ["TimeMention", "find_times", "Narrative"]


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One time expression found in a text.

    ``start``/``end`` are character offsets into the text passed in;
    ``kind`` is 'absolute', 'narrative', 'deictic' or 'open' (see module
    doc); ``timex_type`` the TimeML type ('DATE', 'DURATION', 'SET',
    'TIME'); ``value`` the resolved inclusive range or None; ``timex_value``
    the TimeML normalised value ('2015-07', '198', 'PRESENT_REF', 'P3M', ...)
    or None.
    """

    start: int
    end: int
    text: str
    kind: str
    timex_type: str
    value: DateRange | None
    timex_value: str | None


# ---------------------------------------------------------------------------
# vocabulary

_MONTHS = {
    name: i
    for i, name in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    name: i for i, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_NUMWORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "couple of": 2, "a couple of": 2,
}
_VAGUE = {"a few": (2, 4), "few": (2, 4), "several": (3, 7), "many": None}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21, "twenty-second": 22,
}
_DECADE_WORDS = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
    "seventies": 1970, "eighties": 1980, "nineties": 1990,
}

# --- regex building blocks (patterns are compiled with IGNORECASE; month
# and weekday names are case-sensitive through scoped (?-i:...) groups)

def _alts(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MON_FULL_WORDS = [m.capitalize() for m in _MONTHS] + [m.upper() for m in _MONTHS]
_MON_ABBR_WORDS = [a.capitalize() for a in _MONTH_ABBR] + [a.upper() for a in _MONTH_ABBR]
MON_FULL = rf"(?-i:(?:{_alts(_MON_FULL_WORDS)})\b)"
MON = rf"(?-i:(?:{_alts(_MON_FULL_WORDS)})\b|(?:{_alts(_MON_ABBR_WORDS)})(?:\.|\b))"
_WD_FULL_WORDS = [w.capitalize() for w in _WEEKDAYS] + [w.upper() for w in _WEEKDAYS]
_WD_ABBR_WORDS = [w.capitalize() for w in _WEEKDAY_ABBR]
WD_FULL = rf"(?-i:(?:{_alts(_WD_FULL_WORDS)})\b)"
WD_ANY = rf"(?-i:(?:{_alts(_WD_FULL_WORDS)})\b|(?:{_alts(_WD_ABBR_WORDS)})(?:\.|\b))"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR4 = r"(?:1[89]\d\d|20\d\d|2100)(?!\d)"
_NUMBER_WORDS = [w for w in _NUMWORDS if w not in ("a", "an")] + list(_VAGUE)
NUM = (
    r"(?:(?<![\w.,])\d+(?:\.\d+)?(?![\d,])"
    r"|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b"
    rf"|\b(?:{_alts(_NUMBER_WORDS)})\b|\ban?\b)(?:\s+and\s+a\s+half)?"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
)
MOD = (
    r"(?:(?P<mod>(?:the\s+)?(?:very\s+)?(?:early|mid|late|beginning\s+of|start\s+of|end\s+of|middle\s+of|close\s+of)"
    r"(?:\s+the)?)(?:\s*-\s*|\s+))?"
)
_SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"

# tense cues: the marker nearest to a year-less expression decides whether
# it leans to the future (see module doc, "Year inference")
_FUTURE_WORDS = {
    "will", "wo", "shall", "would", "should", "could", "might", "ll", "next", "upcoming", "forthcoming",
    "tomorrow", "until", "till", "soon", "expected", "expects", "expect", "scheduled", "slated", "planned",
    "planning", "plans", "plan", "due", "intends", "intend", "intended", "aims", "hopes", "wants",
    "going", "coming", "later", "set",
}
_PAST_WORDS = {
    "was", "were", "had", "did", "ago", "last", "yesterday", "earlier", "previously", "said", "told", "rose",
    "fell", "met", "began", "took", "made", "went", "came", "saw", "gave", "held", "won", "lost", "sold",
    "bought", "paid", "left", "led", "sent", "spent", "struck", "became", "brought", "built", "chose",
    "drew", "drove", "fled", "flew", "fought", "found", "grew", "kept", "knew", "meant", "ran", "sank",
    "shook", "shot", "spoke", "stood", "stole", "swore", "taught", "thought", "threw", "understood",
    "wrote", "got", "broke", "forgot", "froze", "hid", "sought", "slid", "stuck", "swept", "tore", "wore",
    "hit", "cut", "quit", "overtook", "undertook", "withdrew", "oversaw", "reportedly", "recently",
}
_NOT_PAST_ED = {
    "need", "seed", "speed", "feed", "deed", "bed", "red", "shed", "breed", "greed", "hundred", "based",
    "united", "limited", "related", "detailed", "advanced", "interested", "concerned", "supposed", "used",
    "alleged", "armed", "skilled", "biased", "talented", "aged", "beloved", "naked", "wicked", "sacred",
    "proposed", "embed", "indeed", "exceed", "proceed", "succeed", "sled", "fled", "wed", "bred", "led",
    "expected", "scheduled", "planned", "intended", "slated", "anticipated", "estimated", "projected",
    "mixed", "fixed", "listed", "owned", "called", "named", "titled", "entitled", "so-called", "unexpected",
}
_BE_FORMS = {"be", "been", "being", "is", "are", "am", "to", "get", "gets"}
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]\"“”]|\s[-–—]\s|,\s+(?:but|and|while|whereas|although|though)\b"
    r"|\b(?:which|who|whom|whose|that)\b"
)
_REL_PRONOUN = re.compile(r"\b(?:which|who|whom|whose|where|that)\b", re.I)
_PARTICIPLE_APPOSITIVE = re.compile(
    r",\s*(?:\w+ly\s+)?(?:[a-z]+ed|held|built|made|born|won|begun|begun|taken|given|sold|set|struck|signed|agreed)\b[^,;:()]*$"
)


def _subordinate(text: str, lo: int, s: int, e: int) -> bool:
    """Is the mention at text[s:e] inside a relative or complement clause
    ("the missile which downed the airliner in July 2014", "a siege that
    began in June", "Moscow, which signed a treaty in November, ...") or a
    participial aside (", agreed in 2016,"), looking back no further than
    lo?  Such a time is background: it does not set the narrative time."""
    seg = text[lo:s]
    rel = None
    for m in _REL_PRONOUN.finditer(seg):
        rel = m
    if rel is not None and not re.search(r"[,;:()]", seg[rel.end():]):
        if rel.group(0).lower() != "that" or not re.match(r"\s*$", seg[rel.end():]):
            return True
    if _PARTICIPLE_APPOSITIVE.search(seg) and re.match(r"\s*[,)–—]", text[e:e + 3]):
        return True
    return False



def _tense(text: str, s: int, e: int) -> int:
    """+1 when the tense marker nearest to text[s:e] is a future one, -1 for
    past, 0 when the sentence has neither."""
    a, b = _sentence_bounds(text, s, e)
    best: tuple[int, int, int] | None = None  # (distance, after?, sign)
    prev_tok = ""
    for m in re.finditer(r"[A-Za-z]+(?:['’][a-z]+)?", text[a:b]):
        ts, te = a + m.start(), a + m.end()
        w = m.group(0)
        lw = w.lower().replace("’", "'")
        sign = 0
        if s <= ts < e:
            prev_tok = lw
            continue
        if lw in ("won't", "wont", "'ll") or lw.endswith("'ll"):
            sign = 1
        elif lw == "may" and w == "may":
            sign = 1
        elif lw in _FUTURE_WORDS and not (w[0].isupper() and lw == "will" and ts > a):
            sign = 1
            if lw in ("set", "plans", "plan", "hopes", "wants", "aims", "going") and not re.match(r"\s+to\b", text[te:te + 4]):
                sign = 0
            if lw == "due" and not re.match(r"\s+(?:to|on|in|by|for|next)\b", text[te:te + 6]):
                sign = 0
            if lw == "later" and not re.match(r"\s+(?:this|today|in\s+the\s+year)\b", text[te:te + 16]):
                sign = 0
        elif lw == "be" and prev_tok == "to":
            sign = 1
        elif lw in _PAST_WORDS and not (prev_tok in _BE_FORMS and lw not in ("was", "were", "had", "did")):
            sign = -1
        elif len(lw) > 4 and lw.endswith("ed") and w.islower() and lw not in _NOT_PAST_ED and prev_tok not in _BE_FORMS:
            sign = -1
        if not (lw.endswith("ly") and len(lw) > 4):  # "is officially reported": look past adverbs
            prev_tok = lw
        if not sign:
            continue
        if te <= s:
            gap = text[te:s]
            dist, after = len(gap), 0
        else:
            gap = text[e:ts]
            dist, after = len(gap), 1
        if _CLAUSE_BREAK.search(gap) or dist > 100:
            continue
        key = (dist, after, sign)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else 0


# words that make a following 4-digit number a name or quantity, not a year
_BLOCK_BEFORE = {
    "route", "highway", "flight", "room", "no", "nos", "number", "resolution", "resolutions", "article",
    "section", "rule", "model", "interstate", "gate", "terminal", "platform", "bus", "line", "unit",
    "hill", "height", "heights", "point", "page", "pp", "p", "chapter", "code", "form", "order", "bill",
    "hr", "iso", "boeing", "airbus", "us$", "usd", "eur", "rs", "inr", "rmb", "gbp", "jpy", "cny",
    "about", "around", "some", "nearly", "almost", "over", "than", "approximately", "roughly",
    "estimated", "additional", "another", "extra", "least", "only", "just", "total", "totalling",
    "totaling", "killing", "killed", "exactly", "precisely", "flights", "version", "vol", "volume",
    "issue", "item", "paragraph", "clause", "annex", "plus", "minus", "times",
}
_COUNT_NOUNS = set(
    """
    troops soldiers people persons men women children kids refugees migrants police policemen officers
    workers jobs employees staff members residents civilians fighters militants rebels insurgents
    protesters protestors demonstrators students prisoners detainees hostages casualties deaths dead
    wounded injured victims tourists pilgrims voters votes seats delegates candidates families
    households homes houses buildings villages tonnes tons barrels cars vehicles trucks tanks aircraft
    planes jets helicopters ships boats vessels rockets missiles shells bombs mines weapons guns rifles
    rounds units copies shares dollars euros pounds yen yuan rupees rubles roubles francs pesos dinars
    riyals won km kms kilometres kilometers miles metres meters feet ft m mm cm kg kgs kilograms
    grams hectares acres sq square points pts percent per pc cases patients doctors nurses teachers
    troopers marines sailors airmen personnel staffers scientists experts observers monitors inspectors
    visitors guests participants athletes players fans spectators sites locations projects companies
    firms banks schools hospitals trees animals cattle sheep birds flights passengers crew mph kmh
    billion million thousand trillion bn mn cr crore lakh lakhs hours minutes seconds days weeks
    months years calories words pages articles items pieces messages emails letters signatures
    cubic litres liters gallons megawatts mw gw kw watts volts bytes gb mb tb characters lines
    """.split()
)
_EVENT_PLURALS = set(
    """
    elections polls talks protests riots games olympics attacks bombings negotiations agreements accords
    hearings sanctions tests clashes floods reforms wars crises summits meetings discussions results
    figures earnings sales profits losses census budgets campaigns primaries championships playoffs
    finals series levels standards rules regulations guidelines laws accords treaties protocols
    amendments talks exercises drills manoeuvres maneuvers operations events celebrations
    commemorations visits negotiations resolutions records estimates forecasts numbers data rates
    prices models editions issues season seasons midterms nominations
    """.split()
)
_DETERMINERS = {"the", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those", "whose"}
_TEMPORAL_PREP = {"in", "since", "during", "until", "till", "before", "after", "from", "through", "by", "of", "circa", "c"}
_YEAR_UNITS_AFTER = re.compile(
    r"\s*(?:%|per\s*cent|percent|pc\b|gmt\b|utc\b|hrs\b|hours\b|h\b|local\s+time|bn\b|mn\b|m\b|km\b|kg\b)",
    re.I,
)


# ---------------------------------------------------------------------------
# calendar helpers

def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _add_months(d: date, n: int) -> date:
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    m += 1
    return date(y, m, min(d.day, _last_day(y, m)))


def _shift(d: date, n: int | float, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    if unit == "fortnight":
        return d + timedelta(days=14 * n)
    if unit == "month":
        return _add_months(d, int(n))
    if unit == "quarter":
        return _add_months(d, int(3 * n))
    if unit == "year":
        return _add_months(d, int(12 * n))
    if unit == "decade":
        return _add_months(d, int(120 * n))
    if unit == "century":
        return _add_months(d, int(1200 * n))
    return d  # hours, minutes, seconds: same day


def _rng(s: date, e: date, p: str, text: str = "") -> DateRange:
    if e < s:
        s, e = e, s
    return DateRange(s, e, p, text)


def _day(d: date, text: str = "") -> DateRange:
    return DateRange(d, d, "day", text)


def _month(y: int, m: int, mod: str | None = None, text: str = "") -> DateRange:
    last = _last_day(y, m)
    s, e = 1, last
    if mod == "early":
        e = 10
    elif mod == "mid":
        s, e = 11, 20
    elif mod == "late":
        s = 21
    return DateRange(date(y, m, s), date(y, m, e), "month", text)


def _year(y: int, mod: str | None = None, text: str = "") -> DateRange:
    s, e = date(y, 1, 1), date(y, 12, 31)
    if mod == "early":
        e = date(y, 4, 30)
    elif mod == "mid":
        s, e = date(y, 5, 1), date(y, 8, 31)
    elif mod == "late":
        s = date(y, 9, 1)
    return DateRange(s, e, "year", text)


def _quarter(y: int, q: int, text: str = "") -> DateRange:
    m = 3 * (q - 1) + 1
    return DateRange(date(y, m, 1), date(y, m + 2, _last_day(y, m + 2)), "quarter", text)


def _half(y: int, h: int, text: str = "") -> DateRange:
    return DateRange(date(y, 1, 1), date(y, 6, 30), "range", text) if h == 1 else DateRange(
        date(y, 7, 1), date(y, 12, 31), "range", text
    )


def _season(y: int, code: str, text: str = "") -> DateRange:
    if code == "WI":
        return DateRange(date(y - 1, 12, 1), date(y, 2, _last_day(y, 2)), "season", text)
    m = _SEASON_START[code]
    return DateRange(date(y, m, 1), date(y, m + 2, _last_day(y, m + 2)), "season", text)


def _decade(d0: int, mod: str | None = None, text: str = "") -> DateRange:
    s, e = d0, d0 + 9
    if mod == "early":
        e = d0 + 3
    elif mod == "mid":
        s, e = d0 + 4, d0 + 6
    elif mod == "late":
        s = d0 + 7
    return DateRange(date(s, 1, 1), date(e, 12, 31), "decade", text)


def _century(c0: int, mod: str | None = None, text: str = "") -> DateRange:
    s, e = c0, c0 + 99
    if mod == "early":
        e = c0 + 33
    elif mod == "mid":
        s, e = c0 + 34, c0 + 66
    elif mod == "late":
        s = c0 + 67
    s, e = max(s, 1), min(e, 9999)
    return DateRange(date(s, 1, 1), date(e, 12, 31), "century", text)


def _week(d: date, text: str = "") -> DateRange:
    s = d - timedelta(days=d.weekday())
    return DateRange(s, s + timedelta(days=6), "week", text)


def _weekend(d: date, text: str = "") -> DateRange:
    """The Saturday-Sunday of d's ISO week."""
    s = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return DateRange(s, s + timedelta(days=1), "day", text)  # precision fixed below


_GRAN = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5, "century": 6}


def _gran(r: DateRange) -> int:
    if r.precision in _GRAN:
        return _GRAN[r.precision]
    n = (r.end - r.start).days + 1
    for limit, g in ((1, 0), (7, 1), (31, 2), (92, 3), (366, 4), (3660, 5)):
        if n <= limit:
            return g
    return 6


def _tx_point(d: date, level: str) -> str:
    if level == "year":
        return f"{d.year:04d}"
    if level == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _tx_range(r: DateRange) -> str:
    """TimeML value derived from a range and its precision."""
    p, s, e = r.precision, r.start, r.end
    if p == "day":
        return s.isoformat() if s == e else f"{s.isoformat()}/{e.isoformat()}"
    if p == "week":
        y, w, _ = s.isocalendar()
        if (e - s).days == 1 and s.weekday() == 5:
            return f"{y}-W{w:02d}-WE"
        return f"{y}-W{w:02d}"
    if p == "month":
        return f"{s.year:04d}-{s.month:02d}"
    if p == "quarter":
        return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
    if p == "season":
        code = {12: "WI", 1: "WI", 3: "SP", 6: "SU", 9: "FA"}.get(s.month)
        if code:
            return f"{e.year if code == 'WI' else s.year:04d}-{code}"
        return f"{s.year:04d}"
    if p == "year":
        return f"{s.year:04d}" if s.year == e.year else f"{s.year:04d}/{e.year:04d}"
    if p == "decade":
        return f"{s.year // 10:03d}"
    if p == "century":
        return f"{s.year // 100:02d}"
    # range
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31:
        return f"{s.year:04d}/{e.year:04d}" if s.year != e.year else f"{s.year:04d}"
    if s.day == 1 and e.day == _last_day(e.year, e.month):
        return f"{_tx_point(s, 'month')}/{_tx_point(e, 'month')}"
    return f"{s.isoformat()}/{e.isoformat()}"


def _snap(s: date, e: date, unit: str, text: str) -> DateRange:
    """Widen [s, e] to whole units; one unit keeps that unit's precision."""
    if unit == "day":
        return _rng(s, e, "day" if s == e else "range", text)
    if unit == "week":
        a, b = _week(s), _week(e)
        return _rng(a.start, b.end, "week" if a == b else "range", text)
    if unit == "month":
        a, b = date(s.year, s.month, 1), date(e.year, e.month, _last_day(e.year, e.month))
        return _rng(a, b, "month" if (s.year, s.month) == (e.year, e.month) else "range", text)
    if unit == "quarter":
        qa, qb = (s.month - 1) // 3, (e.month - 1) // 3
        a = date(s.year, 3 * qa + 1, 1)
        b = date(e.year, 3 * qb + 3, _last_day(e.year, 3 * qb + 3))
        return _rng(a, b, "quarter" if (s.year, qa) == (e.year, qb) else "range", text)
    if unit == "year":
        return _rng(date(s.year, 1, 1), date(e.year, 12, 31), "year" if s.year == e.year else "range", text)
    if unit == "decade":
        a, b = s.year // 10 * 10, e.year // 10 * 10
        return _rng(date(a, 1, 1), date(b + 9, 12, 31), "decade" if a == b else "range", text)
    if unit == "century":
        a, b = s.year // 100 * 100, e.year // 100 * 100
        return _rng(date(max(a, 1), 1, 1), date(b + 99, 12, 31), "century" if a == b else "range", text)
    return _rng(s, e, "range", text)


_UNIT_GRAN = {"day": 0, "week": 1, "fortnight": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5, "century": 6}


def _norm_unit(u: str) -> str:
    u = u.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") else u


def _num(s: str | None) -> float | None | tuple[int, int]:
    """Number from digits or words; a (lo, hi) pair for vague quantities;
    None for 'many' / unknown."""
    if s is None:
        return 1
    t = re.sub(r"\s+", " ", s.strip().lower())
    half = 0.0
    if t.endswith(" and a half"):
        half, t = 0.5, t[: -len(" and a half")]
    if t in _VAGUE:
        return _VAGUE[t]
    try:
        return float(t) + half
    except ValueError:
        pass
    if t in _NUMWORDS:
        return _NUMWORDS[t] + half
    parts = re.split(r"[-\s]", t)
    if len(parts) == 2 and parts[0] in _NUMWORDS and parts[1] in _NUMWORDS:
        return _NUMWORDS[parts[0]] + _NUMWORDS[parts[1]] + half
    return None


_UNIT_CODE = {
    "second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1), "day": ("", "D", 1),
    "week": ("", "W", 1), "fortnight": ("", "W", 2), "month": ("", "M", 1), "quarter": ("", "Q", 1),
    "year": ("", "Y", 1), "decade": ("", "Y", 10), "century": ("", "Y", 100),
}


def _duration_tx(n: Any, unit: str) -> str:
    t, code, mult = _UNIT_CODE.get(unit, ("", "D", 1))
    if isinstance(n, (int, float)):
        v = n * mult
        vs = str(int(v)) if float(v).is_integer() else f"{v:g}"
    else:
        vs = "X"
    return f"P{t}{vs}{code}"


# ---------------------------------------------------------------------------
# candidates

@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    ttype: str
    sem: tuple
    prio: int = 5


def _mod(s: str | None) -> str | None:
    if not s:
        return None
    s = s.lower()
    if "early" in s or "beginning" in s or "start" in s:
        return "early"
    if "mid" in s:
        return "mid"
    if "late" in s or "end" in s or "close" in s:
        return "late"
    return None


def _month_num(s: str) -> int | None:
    t = s.lower().rstrip(".")
    return _MONTHS.get(t) or _MONTH_ABBR.get(t)


def _wd_num(s: str | None) -> int | None:
    if not s:
        return None
    t = s.lower().rstrip(".")
    return _WEEKDAYS[t] if t in _WEEKDAYS else _WEEKDAY_ABBR.get(t)


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([\w$’'.]+)[\s\-]*$", text[max(0, pos - 40):pos])
    return m.group(1).lower().strip(".") if m else ""


def _prev_word_raw(text: str, pos: int) -> str:
    m = re.search(r"([\w$]+)\W*$", text[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s+([A-Za-z]+)", text[pos:pos + 40])
    return m.group(1) if m else ""


def _year_prefix_ok(text: str, s: int) -> bool:
    """Does the text before a 4-digit number at s allow reading it as a year?"""
    before = text[max(0, s - 12):s]
    if re.search(r"[$€£¥#№]\s*$", before):
        return False
    if before.endswith("-"):
        if not re.search(r"\b(?:pre|post|mid|early|late)-$", before, re.I):
            return False
    elif re.search(r"[\w.,/:]$", before):
        return False
    prev = _prev_word(text, s)
    if prev in _BLOCK_BEFORE and not re.search(r"[,;:(]\s*$", before):
        return False
    return True


_NOT_PLURAL = {
    "was", "has", "as", "its", "this", "thus", "always", "perhaps", "across", "unless", "plus", "whereas",
    "towards", "afterwards", "besides", "less", "does", "remains", "marks", "sees", "comes", "goes", "seems",
    "looks", "brings", "begins", "ends", "starts", "follows", "becomes", "makes", "takes", "gives", "shows",
    "means", "sets", "gets", "holds", "keeps", "leaves", "puts", "runs", "turns", "calls", "asks", "says",
    "tells", "proves", "promises", "offers", "represents", "provides", "includes", "continues", "ushers",
}


def _year_suffix_ok(text: str, e: int, prev: str, allow_units: bool = False) -> bool:
    """Does the text after a 4-digit number ending at e allow a year?"""
    after = text[e:e + 40]
    # "In 2000 protesters stormed ...": a sentence opening "In/Since/By YEAR"
    # is a year even before a counted noun
    opening = bool(re.search(r"(?:^|[.!?\n]\s*)(?-i:In|Since|During|Until|By)\s+$", text[max(0, e - 20):e - 4]))
    if re.match(r"[\w%]|[.,]\d|:\d|/\d|-(?:\d|strong|member|man\b|men\b|seat|page|word|mile|km|kilomet|metre|meter|foot|feet|ton)", after, re.I):
        return False
    if not allow_units and _YEAR_UNITS_AFTER.match(after):
        return False
    if re.match(r"\s+(?-i:Index|index|Series|Class|Model|Edition|Version)\b", after):
        return False
    q = re.match(r"\s*(?:and|or|to|-|–)\s*[\d,.]+\s+([a-z]+)", after)
    if q and q.group(1) in _COUNT_NOUNS:
        return False
    nxt = re.match(r"\s+([a-z][a-z'-]*)", after)
    if nxt:
        w = nxt.group(1)
        if w in _COUNT_NOUNS and not opening:
            return False
        if (
            w.endswith("s") and len(w) > 3 and not w.endswith(("ss", "us", "is", "'s"))
            and w not in _EVENT_PLURALS and w not in _NOT_PLURAL
            and prev not in _DETERMINERS and not prev.endswith(("'s", "’s")) and prev not in _TEMPORAL_PREP
        ):
            return False
    return True


def _plausible_year(text: str, s: int, e: int, allow_units: bool = False) -> bool:
    """Is the 4-digit number at text[s:e] a year here?"""
    return _year_prefix_ok(text, s) and _year_suffix_ok(text, e, _prev_word(text, s), allow_units)


# pattern table ---------------------------------------------------------------

_PATTERNS: list[tuple[re.Pattern, Any, int]] = []


def _pat(regex: str, prio: int = 5, flags: int = re.I):
    def deco(fn):
        # every expression starts at a word boundary ("again last week" holds
        # "last week", not "in last week")
        _PATTERNS.append((re.compile(r"(?<!\w)(?:" + regex + ")", flags), fn, prio))
        return fn
    return deco


_YTAIL = rf"(?:\s*,\s*|\s+)(?:of\s+)?(?P<year>{YEAR4})"


@_pat(rf"(?:(?P<wd>{WD_ANY})\s*,?\s+)?(?:the\s+)?(?P<mon>{MON})\s+(?:the\s+)?(?P<day>{DAY})(?:\s+of)?{_YTAIL}", 1)
def _p_mdy(m, text):
    if not _plausible_year(text, m.start("year"), m.end("year"), allow_units=True):
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE",
                 ("day", int(m["year"]), _month_num(m["mon"]), _day_num(m["day"]), _wd_num(m["wd"])), 1)


@_pat(rf"(?:(?P<wd>{WD_ANY})\s*,?\s+)?(?<![\d.,$])(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MON})\s*,?\s*(?P<year>{YEAR4})", 1)
def _p_dmy(m, text):
    if not _plausible_year(text, m.start("year"), m.end("year"), allow_units=True):
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE",
                 ("day", int(m["year"]), _month_num(m["mon"]), _day_num(m["day"]), _wd_num(m["wd"])), 1)


@_pat(r"(?<![\w./-])(?P<year>1[89]\d\d|20\d\d)(?P<sep>[-/])(?P<mon>0?[1-9]|1[0-2])(?P=sep)(?P<day>3[01]|[12]\d|0?[1-9])(?![\w/-]|\.\d)", 1)
def _p_iso(m, text):
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("day", int(m["year"]), int(m["mon"]), int(m["day"]), None), 1)


@_pat(r"(?<![\w./-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/]|\.\d)", 1)
def _p_slash(m, text):
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    yy = int(y)
    if len(y) == 2:
        yy += 2000 if yy < 50 else 1900
    mon, day = (a, b) if a <= 12 else (b, a)
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("day", yy, mon, day, None), 1)


@_pat(rf"(?:(?P<wd>{WD_ANY})\s*,?\s+)?(?P<mon>{MON})\s+(?:the\s+)?(?P<day>{DAY})(?![,.:]\d|\s*(?:%|per\s*cent|percent))", 3)
def _p_md(m, text):
    return _Cand(m.start(), m.end(), "absolute", "DATE",
                 ("day", _year_after(text, m.end()), _month_num(m["mon"]), _day_num(m["day"]), _wd_num(m["wd"])), 3)


@_pat(rf"(?:(?P<wd>{WD_ANY})\s*,?\s+)?(?<![\d.,$])(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MON})", 3)
def _p_dm(m, text):
    return _Cand(m.start(), m.end(), "absolute", "DATE",
                 ("day", None, _month_num(m["mon"]), _day_num(m["day"]), _wd_num(m["wd"])), 3)


_DR_CONN = r"\s*(?P<conn>-|–|—|to|through|thru|until|till|and)\s*"


@_pat(rf"(?:(?P<pre>from|between)\s+)?(?P<mon>{MON})\s+(?P<d1>{DAY}){_DR_CONN}(?P<d2>{DAY})(?![,.:]\d)(?:{_YTAIL})?", 1)
def _p_md_range(m, text):
    return _day_range(m)


@_pat(rf"(?:(?P<pre>from|between)\s+)?(?<![\d.,$])(?P<d1>{DAY}){_DR_CONN}(?P<d2>{DAY})(?:\s+of)?\s+(?P<mon>{MON})(?:\s*,?\s*(?P<year>{YEAR4}))?", 1)
def _p_dm_range(m, text):
    return _day_range(m)


def _day_range(m):
    """"April 6-7" / "5–6 April" / "between April 5 and 7": one day range."""
    if m["conn"].lower() == "and" and not (m["pre"] and m["pre"].lower() == "between"):
        return None
    d1, d2 = _day_num(m["d1"]), _day_num(m["d2"])
    if d2 <= d1:
        return None
    y = int(m["year"]) if m["year"] else None
    mon = _month_num(m["mon"])
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("range", ("day", y, mon, d1, None), ("day", y, mon, d2, None)), 1)


@_pat(rf"{MOD}(?P<mon>{MON})(?:\s+of)?\s*,?\s+(?P<year>{YEAR4})", 2)
def _p_my(m, text):
    if not _plausible_year(text, m.start("year"), m.end("year"), allow_units=True):
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("month", int(m["year"]), _month_num(m["mon"]), _mod(m["mod"])), 2)


_REL_YEAR_AFTER = re.compile(
    r"\s+(?:of\s+)?(?P<yrel>this|last|next|that|the\s+same|the\s+previous|the\s+following|the\s+current)\s+year\b", re.I
)


def _year_after(text: str, pos: int) -> Any:
    """Year spec of a following "(of) next year" / "this year" / "that year"
    ("October of next year"): both parts stay separate mentions, as in TimeML."""
    m = _REL_YEAR_AFTER.match(text, pos)
    return _yspec(m) if m else None


_MONTH_CUES = {
    "in", "since", "until", "till", "during", "early", "mid", "late", "last", "next", "this", "of", "from",
    "through", "before", "after", "between", "by", "on", "and", "or", "to", "each", "every", "until",
    "throughout", "around", "for", "past", "coming", "that", "same", "the", "their", "its", "his", "her",
    "our", "late", "early",
}


@_pat(rf"{MOD}(?P<mon>{MON_FULL})(?!\s*-\s*\d)", 4)
def _p_month(m, text):
    mon = _month_num(m["mon"])
    if not m["mod"]:
        prev = _prev_word(text, m.start())
        cues = _MONTH_CUES - ({"to", "and", "or", "on", "for", "that", "the", "his", "her"} if mon == 5 else set())
        if prev not in cues and not (prev.endswith(("'s", "’s")) and mon != 5):
            return None
        if prev in ("and", "or", "to") and not re.search(
            rf"(?:{MON_FULL}|\d)\s*,?\s*(?:and|or|to)\s+$", text[max(0, m.start() - 30):m.start()]
        ):
            return None
        nxt = _next_word(text, m.end())
        if mon == 5 and nxt.lower() in {"be", "have", "not", "also", "well", "still", "never", "need", "take", "say"}:
            return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("month", _year_after(text, m.end()), mon, _mod(m["mod"])), 4)


@_pat(rf"(?:the\s+year\s+)?{MOD}(?<![\w$€£¥#])(?P<year>{YEAR4})", 6)
def _p_year(m, text):
    y = m.start("year")
    if not m["mod"] and not m.group(0).lower().startswith("the year") and not _plausible_year(text, y, m.end("year")):
        return None
    if m["mod"] and not _plausible_year(text, y, m.end("year"), allow_units=True):
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("year", int(m["year"]), _mod(m["mod"])), 6)


@_pat(r"(?<![\w-])(?:(?P<pre>from|between)\s+)?(?P<y1>1[89]\d\d|20\d\d)\s*(?:-|–|—|/)\s*(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\w%]|[.,]\d)", 2)
def _p_short_range(m, text):
    if not _year_prefix_ok(text, m.start("y1")) or not _year_suffix_ok(text, m.end("y2"), _prev_word(text, m.start("y1"))):
        return None
    y1 = int(m["y1"])
    if len(m["y2"]) == 4:
        y2 = int(m["y2"])
    else:
        y2 = y1 // 100 * 100 + int(m["y2"])
        if y2 <= y1:
            y2 += 100
    if y2 <= y1 or (len(m["y2"]) == 2 and y2 - y1 > 20):
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("range", ("year", y1, None), ("year", y2, None)), 2)


@_pat(r"['’](?P<yy>\d\d)(?![\w'’%]|[.,]\d)", 6)
def _p_apos_year(m, text):
    if m.start() > 0 and re.match(r"\w", text[m.start() - 1]):
        return None
    pr = _prev_word_raw(text, m.start())
    if any(ch.isupper() for ch in pr) and pr.lower() not in _MONTHS and pr.lower() not in _TEMPORAL_PREP and pr.lower() not in {"summer", "spring", "autumn", "fall", "winter", "early", "late", "mid", "class"}:
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("year2", int(m["yy"])), 6)


@_pat(r"(?:fiscal(?:\s+year)?|financial\s+year|(?-i:FY))\s*['’]?(?P<y>\d{4}|\d{2})(?![\w%])", 2)
def _p_fy(m, text):
    y = int(m["y"])
    if len(m["y"]) == 2:
        y += 2000 if y < 50 else 1900
    if not 1800 <= y <= 2100:
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("fy", y), 2)


@_pat(rf"(?:the\s+)?{MOD}(?P<dec>1[0-9]\d0|20\d0)['’]?s\b", 2)
def _p_decade(m, text):
    d0 = int(m["dec"])
    if d0 < 1000:
        return None
    if d0 % 100 == 0 and d0 < 2000:
        return _Cand(m.start(), m.end(), "absolute", "DATE", ("century", d0, _mod(m["mod"])), 2)
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("decade", d0, _mod(m["mod"])), 2)


@_pat(rf"(?:(?P<the>the)\s+)?{MOD}(?P<apo>['’])?(?P<dd>[0-9]0)['’]?s\b", 3)
def _p_decade2(m, text):
    if m.start("dd") > 0 and re.match(r"[\w.,$]", text[m.start("dd") - 1]) and not m["apo"]:
        return None
    prev = _prev_word(text, m.start())
    if prev in {"his", "her", "their", "my", "your", "our", "its", "mid", "early", "late", "aged", "age"} and not m["the"]:
        return None
    if not (m["the"] or m["apo"] or (m["mod"] and "the" in m["mod"].lower())):
        if prev not in {"and", "or", "to", "through", "until"}:
            return None
    dd = int(m["dd"])
    d0 = 2000 + dd if dd <= 20 else 1900 + dd
    if d0 == 2020 and dd == 20 and not m["apo"]:
        d0 = 1920
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("decade", d0, _mod(m["mod"])), 3)


@_pat(rf"the\s+{MOD}(?P<w>{'|'.join(_DECADE_WORDS)})\b", 3)
def _p_decade_word(m, text):
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("decade", _DECADE_WORDS[m["w"].lower()], _mod(m["mod"])), 3)


_ORD_RE = r"\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True))


@_pat(rf"(?:the\s+)?{MOD}(?P<ord>{_ORD_RE})[-\s]+century\b", 2)
def _p_century(m, text):
    o = m["ord"].lower()
    n = int(re.match(r"\d+", o).group()) if o[0].isdigit() else _ORDINALS[o]
    if not 1 <= n <= 22:
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("century", (n - 1) * 100, _mod(m["mod"])), 2)


_YEAR_REF = (
    rf"(?P<year>{YEAR4})|(?P<yrel>this|last|next|that|the\s+same|the\s+previous|the\s+following|the\s+current|the)"
    r"(?:\s+(?:fiscal|financial|calendar))?\s+year"
)


@_pat(rf"{MOD}(?:the\s+)?(?P<season>{_SEASON_RE})(?:\s+of)?\s*,?\s+(?:{_YEAR_REF})", 2)
def _p_season_year(m, text):
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("season", _yspec(m), _SEASONS[m["season"].lower()], None), 2)


def _yspec(m) -> Any:
    if "year" in m.re.groupindex and m["year"]:
        return int(m["year"])
    r = re.sub(r"\s+", " ", (m["yrel"] or "").lower())
    return {
        "this": ("dei", 0), "the current": ("dei", 0), "last": ("dei", -1), "next": ("dei", 1),
        "that": ("nar", 0), "the same": ("nar", 0), "the previous": ("nar", -1), "the following": ("nar", 1),
        "the": ("nar", 0),
    }.get(r)


@_pat(rf"(?P<which>this\s+past|this\s+coming|this|last|next|past|coming)\s+(?P<season>{_SEASON_RE})\b", 3)
def _p_season_dei(m, text):
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("dei_season", _SEASONS[m["season"].lower()], m["which"].lower()), 3)


@_pat(rf"{MOD}(?:the\s+)?(?P<season>{_SEASON_RE})\b(?!\s+of\b)", 5)
def _p_season(m, text):
    word = m["season"]
    if word.lower() == "fall" and not re.search(r"(?:the|this|last|next)\s+$", text[max(0, m.start("season") - 6):m.start("season")], re.I):
        return None
    if word[0].isupper() and m.start() > 0:
        pr = _prev_word_raw(text, m.start())
        if pr[:1].isupper() and not re.search(r"[.!?\n]\s*$", text[max(0, m.start() - 30):m.start() - len(pr) if pr else m.start()]):
            if pr.lower() not in {"in", "the", "during", "by", "since", "until", "this", "last", "next", "early", "late"}:
                return None
    if not m["mod"] and not re.search(r"(?:the|in|during|by|since|until|over|through|this|last|next|their|its|our)\s+$", text[max(0, m.start() - 10):m.start("season")], re.I):
        if not _season_subject(text, m.start("season"), m.end("season")):
            return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("season", None, _SEASONS[word.lower()], _mod(m["mod"])), 5)


_SEASON_VERBS = {
    "is", "was", "will", "would", "could", "may", "might", "has", "had", "brings", "brought", "arrives", "arrived",
    "comes", "came", "shows", "showed", "returns", "returned", "begins", "began", "starts", "started", "ends",
    "ended", "looks", "looked", "seems", "seemed", "promises", "promised", "offers", "offered", "saw", "sees",
    "remains", "remained", "approaches", "approached", "lasts", "lasted", "gives", "gave",
}


def _season_subject(text: str, s: int, e: int) -> bool:
    """A bare season as the subject of a clause ("but spring shows signs of
    hope", "Winter arrived early"): the season of the reference year.  Only
    the unambiguous nouns (not "fall"), at the start of a clause and
    followed by a finite verb, so "spring up", "summer camp", "winter
    storms" stay out."""
    word = text[s:e]
    if word.lower() == "fall" or (word[0].isupper() and not re.search(r"(?:^|[.!?\n]\s*|[\"“'‘(]\s*)$", text[:s][-4:] or "")):
        return False
    if not re.search(r"(?:^|[.!?;:,\n\"“'‘(]|\b(?:but|and|as|when|once|until|before|after|while|because|if|though|although))\s*$",
                     text[max(0, s - 12):s], re.I):
        return False
    nxt = re.match(r"\s+([a-z]+)\b", text[e:e + 20])
    return bool(nxt and nxt.group(1) in _SEASON_VERBS)


_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


@_pat(
    r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[-\s]+(?:(?:fiscal|financial|calendar)[-\s]+)?"
    rf"quarter(?:\s+of(?:\s+(?:the\s+)?(?:fiscal\s+|financial\s+|calendar\s+)?(?:year\s+)?)?\s*(?:{_YEAR_REF}))?",
    2,
)
def _p_quarter(m, text):
    o = m["ord"].lower()
    if o == "last" and not (m["year"] or m["yrel"]):
        return _Cand(m.start(), m.end(), "deictic", "DATE", ("dei_unit", "quarter", -1, None), 2)
    q = _QORD.get(o, 4)
    if m.group(0).lower().rstrip().endswith("quarter") and re.match(r"\s*(?:century|mile|of\s+(?:a|an|the|its|their)\b)", text[m.end():m.end() + 20], re.I):
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("quarter", _yspec(m) if (m["year"] or m["yrel"]) else None, q), 2)


@_pat(r"(?<![\w-])(?-i:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s+of)?(?:\s*|-|['’])(?P<y>(?:1[89]|20)\d\d|['’]?\d\d)?(?![\w%])", 2)
def _p_q_short(m, text):
    q = int(m["q"] or m["q2"])
    y = m["y"]
    if y:
        y = y.lstrip("'’")
        yy = int(y)
        if len(y) == 2:
            yy += 2000 if yy < 50 else 1900
        return _Cand(m.start(), m.end(), "absolute", "DATE", ("quarter", yy, q), 2)
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("quarter", None, q), 2)


@_pat(rf"(?:the\s+)?(?P<ord>first|second|1st|2nd|latter)[-\s]+half(?:\s+of\s+(?:{_YEAR_REF}))?", 3)
def _p_half(m, text):
    if not (m["year"] or m["yrel"]):
        if not re.match(r"\s*(?:results?|profits?|earnings|sales|revenues?|loss|losses|figures)\b", text[m.end():m.end() + 30], re.I):
            return None
    h = 1 if m["ord"].lower() in ("first", "1st") else 2
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("half", _yspec(m) if (m["year"] or m["yrel"]) else None, h), 3)


@_pat(rf"the\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+(?P<mon>{MON_FULL})(?:\s*,?\s*(?P<year>{YEAR4}))?", 2)
def _p_week_of(m, text):
    o = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}[m["ord"].lower()]
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("week_of", int(m["year"]) if m["year"] else None, _month_num(m["mon"]), o), 2)


_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year's eve": (12, 31),
             "boxing day": (12, 26), "valentine's day": (2, 14), "halloween": (10, 31)}


@_pat(rf"(?-i:Christmas\s+(?:Day|Eve)|New\s+Year['’]s\s+(?:Day|Eve)|Boxing\s+Day|Valentine['’]s\s+Day|Halloween)(?:\s*,?\s*(?P<year>{YEAR4}))?", 2)
def _p_holiday(m, text):
    name = re.sub(r"\s+", " ", text[m.start():m.end("year") if m["year"] else m.end()].split(",")[0]).lower().replace("’", "'")
    name = re.sub(r"\s*\d{4}$", "", name)
    md = _HOLIDAYS.get(name)
    if not md:
        return None
    return _Cand(m.start(), m.end(), "absolute", "DATE", ("day", int(m["year"]) if m["year"] else None, md[0], md[1], None), 2)


# --- deictic

@_pat(r"\b(?:the\s+day\s+(?P<dba>before\s+yesterday|after\s+tomorrow)|(?:(?P<pre>earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>morning|afternoon|evening|night))?)\b", 2)
def _p_today(m, text):
    if m["dba"]:
        off = -2 if m["dba"].lower().startswith("before") else 2
        return _Cand(m.start(), m.end(), "deictic", "DATE", ("today", off, None), 2)
    w = m["w"].lower()
    if m["w"][0].isupper() and m.start() > 0:
        pr = _prev_word_raw(text, m.start())
        if pr[:1].isupper() and pr.isalpha() and pr.lower() not in {"on", "and", "but", "as", "until", "by", "since", "for", "from", "so", "yet", "even", "only", "then", "though"}:
            if not re.search(r"[.!?:\n]\s*$", text[max(0, m.start() - 40):m.start() - len(pr) - 1] if len(pr) < m.start() else ""):
                return None
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    part = m["part"].lower() if m["part"] else ("night" if w == "tonight" else None)
    return _Cand(m.start(), m.end(), "deictic", "TIME" if part else "DATE", ("today", off, part), 2)


@_pat(r"\b(?:this\s+(?P<part>morning|afternoon|evening)|last\s+night)\b", 2)
def _p_this_part(m, text):
    if m["part"]:
        return _Cand(m.start(), m.end(), "deictic", "TIME", ("today", 0, m["part"].lower()), 2)
    return _Cand(m.start(), m.end(), "deictic", "TIME", ("today", -1, "night"), 2)


_NAMED_DAYS = {"black", "good", "bloody", "super", "ash", "easter", "holy", "cyber", "maundy", "palm", "shrove",
               "fat", "giving", "blue", "mad", "whit", "low", "plough", "independent", "mail"}


@_pat(rf"(?:(?P<which>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?(?P<wd>{WD_FULL})(?:\s+(?P<part>morning|afternoon|evening|night))?", 4)
def _p_weekday(m, text):
    prev = _prev_word_raw(text, m.start())
    if prev.lower() in _NAMED_DAYS and prev[:1].isupper():
        return None
    if re.match(r"\s+(?-i:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Sport|Star|Tribune|Night\s+Live|School|Service|Sermon)\b", text[m.end():m.end() + 20]):
        return None
    which = re.sub(r"\s+", " ", m["which"].lower()) if m["which"] else None
    part = m["part"].lower() if m["part"] else None
    return _Cand(m.start(), m.end(), "deictic", "TIME" if part else "DATE", ("weekday", _wd_num(m["wd"]), which, part), 4)


@_pat(r"(?:(?P<which>this\s+past|this\s+coming|this|last|next|the|over\s+the|that)\s+)weekend\b", 3)
def _p_weekend(m, text):
    w = re.sub(r"\s+", " ", m["which"].lower())
    if w == "that":
        return _Cand(m.start(), m.end(), "narrative", "DATE", ("shift", 0, "weekend", True), 3)
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("weekend", w), 3)


@_pat(rf"{MOD}(?:(?P<pre>earlier|later)\s+)?(?:in\s+)?(?P<which>last|this|next|the\s+current|the\s+coming)\s+(?:(?:fiscal|financial|calendar)\s+)?(?P<unit>week|month|year|quarter|decade|century)\b(?!\s*['’]s\s+(?:end|close|start|beginning))", 3)
def _p_dei_unit(m, text):
    which = re.sub(r"\s+", " ", m["which"].lower())
    unit = m["unit"].lower()
    if which == "the coming":
        return _Cand(m.start(), m.end(), "deictic", "DATE", ("span", 1, unit, 1, None), 3)
    k = {"last": -1, "this": 0, "next": 1, "the current": 0}[which]
    mod = _mod(m["mod"]) or (("early" if m["pre"].lower() == "earlier" else "late") if m["pre"] else None)
    part = m["pre"].lower() if m["pre"] else None
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("dei_unit", unit, k, mod, part), 3)


@_pat(rf"(?P<which>last|next|this\s+past|this\s+coming|this)\s+(?P<mon>{MON_FULL})", 2)
def _p_dei_month(m, text):
    which = re.sub(r"\s+", " ", m["which"].lower())
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("dei_month", _month_num(m["mon"]), which), 2)


@_pat(rf"(?P<num>{NUM})[-\s]+(?P<unit>{UNIT})\s+(?:ago|back)\b", 2)
def _p_ago(m, text):
    n = _num(m["num"])
    if m["num"].strip().lower() in ("a", "an") and re.search(r"\b(?:once|twice|times)\s+$", text[max(0, m.start() - 12):m.start()], re.I):
        return None
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("ago", n, _norm_unit(m["unit"])), 2)


@_pat(r"\b(?P<unit>years|decades|months|weeks|days|centuries)\s+ago\b", 3)
def _p_ago_vague(m, text):
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("past_ref",), 3)


# a reported result "for" a period ("posted a profit for the last year",
# "results for the last year"): the period is the previous accounting year
_RESULTS_FOR = re.compile(
    r"\b(?:profits?|loss(?:es)?|revenues?|earnings|sales|results|income|deficits?|surplus(?:es)?|turnover|dividends?)"
    r"(?:\s+(?:of\s+)?[\w$.,]+){0,3}?\s+for\s+$", re.I)

_SPAN_ADJ = r"(?:(?:full|straight|consecutive|trading|calendar|fiscal|business|working|whole)\s+)?"


@_pat(rf"the\s+(?P<which>past|last|previous|preceding|prior|next|coming|following|ensuing|subsequent)\s+(?:(?P<num>{NUM})\s+)?{_SPAN_ADJ}(?P<unit>{UNIT})\b", 2)
def _p_span(m, text):
    which = m["which"].lower()
    unit = _norm_unit(m["unit"])
    n = _num(m["num"]) if m["num"] else 1
    plural = m["unit"].lower().endswith("s") and unit != "century" or m["unit"].lower() == "centuries"
    if not m["num"] and plural:
        n = (2, 4)  # "the past years": a few
    if which in ("past", "last"):
        if unit == "quarter" and not m["num"]:
            return _Cand(m.start(), m.end(), "deictic", "DATE", ("dei_unit", "quarter", -1, None), 2)
        if unit == "week" and not m["num"] and re.match(r"\s+(?:of|in)\b", text[m.end():m.end() + 5], re.I):
            return None
        if unit == "year" and not m["num"] and not plural and which == "last" and _RESULTS_FOR.search(text[max(0, m.start() - 60):m.start()]):
            # "an annual profit for the last year": the accounting year, i.e. last year
            return _Cand(m.start(), m.end(), "deictic", "DATE", ("dei_unit", "year", -1, None, None), 2)
        return _Cand(m.start(), m.end(), "deictic", "DATE", ("span", -1, unit, n, None), 2)
    if which in ("coming",) or (which == "next" and m["num"]):
        return _Cand(m.start(), m.end(), "deictic", "DATE", ("span", 1, unit, n, None), 2)
    if not m["num"] and not plural:
        k = -1 if which in ("previous", "preceding", "prior") else 1
        return _Cand(m.start(), m.end(), "narrative", "DATE", ("shift", k, unit, True), 2)
    direction = -1 if which in ("previous", "preceding", "prior") else 1
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("nar_span", direction, unit, n), 2)


@_pat(
    r"\b(?:(?:more|most|very|only|until|as|fairly|quite|relatively)\s+)?recently\b|\blately\b"
    r"|\b(?:in\s+)?(?:the\s+)?recent\s+(?:(?P<unit>days|weeks|months|years|times|decades|history|past)\b"
    r"|(?-i:[A-Z][A-Za-z.]*[A-Za-z.])\s+(?P<hist>history)\b)", 3)
def _p_recent(m, text):
    # "in recent years", "in recent history", and with a proper adjective
    # between: "in recent U.S. history", "in recent Russian history"
    u = (m["unit"] or m["hist"] or "").lower()
    days = {"days": 14, "weeks": 60, "months": 180, "years": 5 * 365, "decades": 20 * 365, "times": 5 * 365,
            "history": 10 * 365, "past": 365}.get(u, 90)
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("recent", days, u or None), 3)


_RECENT_ADJ_STOP = {
    "days", "weeks", "months", "years", "times", "decades", "history", "past", "and", "or", "to", "than", "as",
    "enough", "one", "ones", "of",
}


@_pat(r"\brecent\b(?=\s+(?P<next>[A-Za-z][\w-]*))", 6)
def _p_recent_adj(m, text):
    """Attributive "recent" ("the recent downturn", "recent government
    moves"): PAST_REF, the same recent past as "recently".  Not the
    superlative / comparative ("the most recent model", "more recent
    data": the latest of a series, not a time) and not a predicate ("is
    recent")."""
    if m["next"].lower() in _RECENT_ADJ_STOP:
        return None
    if re.search(r"\b(?:most|more|less|least|very|fairly|relatively|quite|so|too)\s+$", text[max(0, m.start() - 12):m.start()], re.I):
        return None
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("recent", 90, "adj"), 6)


@_pat(r"\b(?:currently|presently|nowadays|at\s+present|at\s+the\s+(?:present\s+)?moment|to\s+date|as\s+of\s+(?:now|today|this\s+writing)|(?:right\s+|until\s+|till\s+|up\s+to\s+|by\s+|for\s+)?now|at\s+this\s+(?:time|point|stage)|so\s+far|thus\s+far|the\s+present\s+day|the\s+time\s+being)\b", 4)
def _p_present(m, text):
    g = m.group(0).lower()
    if g in ("so far", "thus far") and re.match(r"\s+(?:as|from|away|behind|ahead|apart|removed|out)\b", text[m.end():m.end() + 10], re.I):
        return None
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("present",), 4)


@_pat(r"\b(?:in\s+)?the\s+(?:distant\s+|recent\s+)?past\b(?!\s+(?:\d|few|several|many|couple|decade|years?|months?|weeks?|days?|centur|quarter))", 5)
def _p_past_ref(m, text):
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("past_ref",), 5)


@_pat(r"\b(?:(?:in\s+)?the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|in\s+future|(?:very\s+)?soon|shortly|(?:in\s+)?the\s+(?:near|short|long|medium)\s+(?:term|run))\b", 5)
def _p_future_ref(m, text):
    g = m.group(0).lower()
    if g == "shortly" and re.match(r"\s+(?:after|before)\b", text[m.end():m.end() + 8], re.I):
        return None
    if g.endswith("soon") and re.match(r"\s+(?:after|as)\b", text[m.end():m.end() + 6], re.I):
        return None
    return _Cand(m.start(), m.end(), "deictic", "DATE", ("future_ref",), 5)


# --- narrative

_LATER_DIR = (
    r"(?P<dir>later(?!\s+than)|earlier(?!\s+than)|afterwards?|thereafter|previously|on(?=\s*[,.;:)]|\s*$|\s+from\b)"
    r"|before(?=\s*[,.;:)]|\s*$)|after(?=\s*[,.;:)]|\s*$|\s+that\b)|prior(?=\s*[,.;:)]|\s*$)|into)"
)


@_pat(rf"(?P<num>{NUM})[-\s]+{_SPAN_ADJ}(?P<unit>{UNIT})\s+{_LATER_DIR}", 2)
def _p_later(m, text):
    d = m["dir"].lower()
    if d == "into":
        return None
    n = _num(m["num"])
    sign = -1 if d in ("earlier", "previously", "before", "prior") else 1
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("nshift", sign, n, _norm_unit(m["unit"])), 2)


@_pat(r"\b(?:(?P<pre>earlier|later)\s+(?:(?:in|on)\s+)?)?(?P<det>the\s+same|that\s+same|that\s+very|that)\s+(?P<unit>day|week|month|year|quarter|decade|season|summer|spring|autumn|winter|morning|afternoon|evening|night)\b", 3)
def _p_nar_unit(m, text):
    unit = m["unit"].lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        return _Cand(m.start(), m.end(), "narrative", "TIME", ("shift", 0, "day", True), 3)
    if unit in _SEASONS:
        return _Cand(m.start(), m.end(), "absolute", "DATE", ("season", ("nar", 0), _SEASONS[unit], None), 3)
    if unit == "season":
        return None
    if m["pre"]:
        return _Cand(m.start(), m.end(), "narrative", "DATE", ("nar_part", unit, m["pre"].lower()), 3)
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("shift", 0, unit, True), 3)


_STREAK_ORD = ("second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
             r"\d{1,2}(?:st|nd|rd|th)")


@_pat(rf"(?:(?:a|the)\s+)?(?P<ord>{_STREAK_ORD})\s+(?:(?P<adj>consecutive|straight|successive)\s+)?"
      r"(?P<unit>day|session|week|month|quarter|year)\b(?P<row>\s+in\s+a\s+row\b)?", 3)
def _p_nth_straight(m, text):
    """"for a second consecutive day", "the third straight session", "for
    the fourth week in a row": the latest unit of a streak, i.e. the unit
    of the narrative time (the publication's when there is none)."""
    if not (m["adj"] or m["row"]):
        return None
    unit = m["unit"].lower()
    unit = "day" if unit == "session" else unit
    end = m.end() if m["adj"] else m.end("unit")
    return _Cand(m.start(), end, "narrative", "DATE", ("streak", unit), 3)


@_pat(r"\bthe\s+same\s+(?P<unit>period|month|quarter|week|day|time|season)\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+|in\s+)?(?:the\s+)?(?:last|previous|prior|preceding)\s+year|of\s+(?:the\s+)?year\s+(?:before|earlier))\b", 2)
def _p_same_period(m, text):
    unit = m["unit"].lower()
    unit = {"period": "period", "time": "period", "season": "period"}.get(unit, unit)
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("year_before", unit), 2)


@_pat(r"\b(?P<pre>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year|decade)\b", 3)
def _p_nar_in_the(m, text):
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("nar_part", m["unit"].lower(), m["pre"].lower()), 3)


@_pat(r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|earlier|later|previous|prior|following)(?=\s*[,.;:)]|\s*$)", 3)
def _p_the_unit_before(m, text):
    k = -1 if m["dir"].lower() in ("before", "earlier", "previous", "prior") else 1
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("shift", k, m["unit"].lower(), True), 3)


@_pat(r"\b(?:on|for)\s+(?P<the>the\s+day)\b(?!\s+(?:of|before|after|when|that|in|on|they|he|she|it|we)\b)", 4)
def _p_the_day(m, text):
    return _Cand(m.start("the"), m.end("the"), "narrative", "DATE", ("shift", 0, "day", True), 4)


@_pat(r"\b(?:end|ends|ended|ending|finish|finishes|finished|finishing|close|closes|closed|closing|start|starts|started|starting|begin|begins|began|beginning|open|opens|opened|opening)\s+(?P<the>the\s+(?:trading\s+)?day)\b|\b(?:late|early|later|earlier)\s+in\s+the\s+(?:trading\s+)?day\b|\bthe\s+(?:entire|whole|full)\s+(?P<unit>day|week|month|year)\b", 3)
def _p_the_day_idiom(m, text):
    if m["the"]:
        return _Cand(m.start("the"), m.end("the"), "narrative", "DATE", ("shift", 0, "day", True), 3)
    unit = (m["unit"] or "day").lower()
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("shift", 0, unit, True), 3)


@_pat(rf"{MOD}the\s+(?P<unit>year|month|decade|day)\b(?!\s*['’])", 4)
def _p_mod_the_unit(m, text):
    if not m["mod"]:
        return None
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("nar_mod", m["unit"].lower(), _mod(m["mod"])), 4)


@_pat(r"\b(?:subsequently|afterwards?|thereafter|later(?:\s+on)?|then|at\s+the\s+(?:same\s+)?time|at\s+that\s+(?:time|point|stage|moment)|by\s+then|by\s+that\s+time|until\s+then|till\s+then|up\s+to\s+then)\b", 6)
def _p_nar_adv(m, text):
    g = m.group(0).lower()
    before = text[max(0, m.start() - 12):m.start()].lower()
    after = text[m.end():m.end() + 12]
    if g == "then":
        if re.search(r"\b(?:the|and|since|but|even|only|just|back|until|till|by)\s+$", before) and not before.rstrip().endswith("and"):
            return None
        if re.search(r"\bthe\s+$", before) or re.match(r"\s*-", after):
            return None
        if re.search(r"\bif\b[^.]*$", text[max(0, m.start() - 120):m.start()], re.I):
            return None
        if re.match(r"\s+[A-Z][a-z]", after) and re.match(r"\s+(?:President|Prime|Minister|Secretary|Chancellor|Premier|King|Queen|Chief|General|Governor|Mayor|Senator|Head|Leader|Foreign|Defen[cs]e)", after):
            return None
    if g.startswith("later"):
        if re.search(r"\b(?:a|the|no|much|far|even|any|some|at)\s+$", before):
            return None
        if re.match(r"\s+(?:than|date|stage|time|point|years|life|model|version|on\s+in)\b", after, re.I):
            return None
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("nar",), 6)


@_pat(r"\b(?:ever\s+)?since\s+then\b|\bever\s+since\b(?!\s+\w)", 2)
def _p_since_then(m, text):
    return _Cand(m.start(), m.end(), "open", "DATE", ("since_then",), 2)


@_pat(rf"\bwithin\s+(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})\b", 3)
def _p_within(m, text):
    unit = _norm_unit(m["unit"])
    n = _num(m["num"]) if m["num"] else None
    return _Cand(m.start(), m.end(), "narrative", "DATE", ("within", n, unit), 3)


# --- durations, sets, clock times

@_pat(rf"(?P<num>{NUM})(?:[-\s]+(?:straight|consecutive|full|whole|long|trading|calendar|business|working))?[-\s]+(?P<unit>{UNIT})(?:-long)?\b(?![-\s]+old\b)", 7)
def _p_duration(m, text):
    n = _num(m["num"])
    unit = _norm_unit(m["unit"])
    ns = m["num"].strip().lower()
    if unit == "second" and not m["unit"].lower().endswith("s"):
        return None  # "a second summit", "one second round": an ordinal
    if ns in ("a", "an") and re.search(r"(?:\d|\bonce|\btwice|\btimes|\bbillion|\bmillion|\bper)\W*\s*$", text[max(0, m.start() - 15):m.start()], re.I):
        return _Cand(m.start(), m.end(), "absolute", "SET", ("set", _duration_tx(1, unit)), 7)
    return _Cand(m.start(), m.end(), "absolute", "DURATION", ("dur", _duration_tx(n if isinstance(n, (int, float)) else None, unit)), 7)


@_pat(r"\b(?:for|over|in)\s+(?P<w>years|decades|months|weeks|days|hours|centuries|ages)\b|\bover\s+the\s+(?P<w2>years|decades|centuries|months)\b|\b(?P<w3>decades|years)[-\s]long\b", 7)
def _p_duration_vague(m, text):
    w = (m["w"] or m["w2"] or m["w3"]).lower()
    unit = {"ages": "year"}.get(w, _norm_unit(w))
    return _Cand(m.start(), m.end(), "absolute", "DURATION", ("dur", _duration_tx(None, unit)), 7)


@_pat(rf"\b(?:every|each|per)\s+(?:(?P<num>{NUM})\s+|other\s+)?(?P<unit>{UNIT}|{WD_FULL}|{MON_FULL})\b|\b(?:annually|yearly|monthly|weekly|daily|hourly|quarterly|biannually|biennially|annual|biennial)\b|\b(?:once|twice|\d+\s+times)\s+(?:a|per|each|every)\s+(?P<unit2>{UNIT})\b", 6)
def _p_set(m, text):
    g = m.group(0).lower()
    unit = m["unit"] or m["unit2"]
    if unit:
        u = unit.lower()
        if u in _WEEKDAYS:
            tx = f"XXXX-WXX-{_WEEKDAYS[u] + 1}"
        elif u in _MONTHS:
            tx = f"XXXX-{_MONTHS[u]:02d}"
        else:
            tx = _duration_tx(1, _norm_unit(u))
    else:
        base = {"annu": "year", "year": "year", "mont": "month", "week": "week", "dail": "day", "hour": "hour",
                "quar": "quarter", "bian": "year", "bien": "year"}.get(g[:4], "year")
        tx = _duration_tx(2 if g.startswith("bienn") else 1, base)
    return _Cand(m.start(), m.end(), "absolute", "SET", ("set", tx), 6)


_ZONE = r"(?-i:UTC|GMT|EST|EDT|CST|CDT|CET|CEST|PST|PDT|BST|IST|JST|AEST|MSK|Z)|local\s+time"


@_pat(rf"(?<![\d:.])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<mi>[0-5]\d))?(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?(?:\s*\(?\s*(?P<zone>{_ZONE})(?:\s*[+-]\s*\d{{1,2}})?\s*\)?)?(?![\d])", 3)
def _p_clock(m, text):
    if not (m["ampm"] or (m["sep"] == ":" and m["mi"]) or (m["mi"] and m["zone"])):
        return None
    if m["sep"] == ":" and not m["ampm"] and not m["zone"] and re.match(r"\d", text[m.end():m.end() + 1]):
        return None
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    if m["ampm"]:
        if h > 12 or h == 0:
            return None
        if m["ampm"].lower().startswith("p") and h != 12:
            h += 12
        elif m["ampm"].lower().startswith("a") and h == 12:
            h = 0
    end = m.end()
    while end > m.start() and text[end - 1].isspace():
        end -= 1
    return _Cand(m.start(), end, "absolute", "TIME", ("clock", h, mi), 3)


@_pat(rf"(?<![\d:.])(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hours|hrs|h\b|{_ZONE})", 2)
def _p_clock_mil(m, text):
    return _Cand(m.start(), m.end(), "absolute", "TIME", ("clock", int(m["hh"]), int(m["mm"])), 2)


@_pat(r"\b(?:noon|midday|midnight)\b", 5)
def _p_noon(m, text):
    h = 0 if m.group(0).lower() == "midnight" else 12
    return _Cand(m.start(), m.end(), "absolute", "TIME", ("clock", h, 0), 5)


# ---------------------------------------------------------------------------
# candidate selection and merging

# Every time expression holds a digit or one of these word starts (month,
# weekday, unit, season, deictic and narrative words ...).  A sentence with
# none is not scanned by the 58 patterns: most sentences of a crawled page.
_GATE = re.compile(
    r"\d|(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|spring|summer|autumn|fall"
    r"|winter|season|centur|half|christmas|new\s+year|boxing|valentine|halloween|today|tonight|yesterday|tomorrow|morning"
    r"|afternoon|evening|night|noon|midday|midnight|weekend|last|next|this|past|coming|previous|preced|prior|follow|ensu"
    r"|subsequent|ago|recent|lately|current|present|nowaday|moment|now|date|as\s+of|future|soon|short|long|same|earl|late"
    r"|mid|second|minute|hour|day|week|fortnight|month|quarter|year|decade|end|finish|clos|start|began|begin|open|after"
    r"|thereafter|then|time|point|stage|far|since|ever|within|every|each|per|annual|daily|hourly|fiscal|financial|fy|q[1-4]"
    r"|\w+ties\b|first|third|fourth|final|before|meanwhile|eventual|initial|formerly|once|term|near|ages)",
    re.I,
)


_NEEDS: list[prefilter.Need | None] = []  # per pattern: the words any match holds


def _pattern_needs() -> list[prefilter.Need | None]:
    """What each pattern of the table needs (see ``accord.prefilter``),
    derived once, on first use, from the patterns themselves."""
    if len(_NEEDS) != len(_PATTERNS):
        _NEEDS[:] = [prefilter.required(rx) for rx, _fn, _prio in _PATTERNS]
    return _NEEDS


def _candidates(text: str) -> list[_Cand]:
    if not _GATE.search(text):
        return []
    out: list[_Cand] = []
    # A pattern whose literal words are not all in the sentence cannot match
    # it: skip its scan (most of the table, for most sentences).
    checked = prefilter.Text(text)
    for (rx, fn, prio), need in zip(_PATTERNS, _pattern_needs(), strict=True):
        if need is not None and not need.met(checked):
            continue
        for m in rx.finditer(text):
            if m.end() <= m.start():
                continue
            try:
                c = fn(m, text)
            except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                c = None
            if c is not None and c.end > c.start:
                out.append(c)
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest match first (then pattern priority), no overlaps."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    starts: list[int] = []   # sorted starts of the taken, non-overlapping spans
    ends: list[int] = []
    taken: list[_Cand] = []
    for c in cands:
        i = bisect.bisect_left(starts, c.start)
        if i < len(starts) and starts[i] < c.end:
            continue
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken


_RANGEABLE = {"day", "month", "year", "year2", "season", "quarter", "decade", "century", "fy", "half"}
_CONN_RX = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and|/)\s*", re.I)


def _merge(text: str, ms: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        if i + 1 < len(ms):
            b = ms[i + 1]
            gap = text[a.end:b.start]
            cm = _CONN_RX.fullmatch(gap)
            if (
                cm and a.ttype == "DATE" and b.ttype == "DATE" and a.sem[0] in _RANGEABLE and b.sem[0] in _RANGEABLE
                and a.kind == b.kind == "absolute"
            ):
                conn = gap.strip().lower()
                pre = re.search(r"\b(from|between)\s+$", text[max(0, a.start - 10):a.start], re.I)
                ok = True
                if conn == "and":
                    ok = bool(pre and pre.group(1).lower() == "between") or (
                        a.sem[0] in ("decade", "century") and b.sem[0] in ("decade", "century")
                    )
                if conn == "/":
                    ok = a.sem[0] == b.sem[0] == "year"
                if conn in ("-", "–", "—") and a.sem[0] == "day" and b.sem[0] == "year":
                    ok = False
                if ok:
                    start = pre.start(1) + max(0, a.start - 10) if pre else a.start
                    out.append(_Cand(start, b.end, "absolute", "DATE", ("range", a.sem, b.sem), 1))
                    i += 2
                    continue
        if a.ttype == "TIME" and a.sem[0] == "clock" and i + 1 < len(ms):
            b = ms[i + 1]
            gap = text[a.end:b.start]
            if b.ttype == "DATE" and re.fullmatch(r"\s*(?:on|of)?\s*", gap, re.I) and b.sem[0] in ("day", "weekday", "today"):
                out.append(_Cand(a.start, b.end, b.kind, "TIME", ("clock_on", a.sem, b.sem), 1))
                i += 2
                continue
        if a.ttype == "DATE" and a.sem[0] in ("day", "weekday", "today") and i + 1 < len(ms):
            b = ms[i + 1]
            gap = text[a.end:b.start]
            if b.ttype == "TIME" and b.sem[0] == "clock" and re.fullmatch(r"\s*(?:at|from)?\s*", gap, re.I):
                out.append(_Cand(a.start, b.end, a.kind, "TIME", ("clock_on", b.sem, a.sem), 1))
                i += 2
                continue
        out.append(a)
        i += 1
    # "since X" -> open;  "from X onwards" -> open
    final: list[_Cand] = []
    for c in out:
        if c.ttype == "DATE" and c.kind in ("absolute", "deictic", "narrative") and c.sem[0] not in ("range", "present", "past_ref", "future_ref", "recent", "span", "nar_span", "within", "nar"):
            sm = re.search(r"\b(?:ever\s+)?since\s+$", text[max(0, c.start - 12):c.start], re.I)
            if sm:
                final.append(_Cand(max(0, c.start - 12) + sm.start(), c.end, "open", "DATE", ("since", c.kind, c.sem), c.prio))
                continue
            om = re.match(r"\s+(?:on(?:wards?)?|onward)\b", text[c.end:c.end + 10], re.I)
            fm = re.search(r"\bfrom\s+$", text[max(0, c.start - 6):c.start], re.I)
            if om and fm:
                final.append(_Cand(max(0, c.start - 6) + fm.start(), c.end + om.end(), "open", "DATE", ("since", c.kind, c.sem), c.prio))
                continue
        final.append(c)
    return final


# ---------------------------------------------------------------------------
# resolution

@dataclass(slots=True)
class _Ctx:
    text: str
    published: date | None
    nar: DateRange | None
    max_year: int
    future: bool = False
    tense: int = 0
    nar_day: DateRange | None = None   # the last day-level narrative time


def _sentence_bounds(text: str, s: int, e: int, window: int = 400) -> tuple[int, int]:
    """The sentence around text[s:e], looking at most ``window`` characters
    either side."""
    lo, hi = max(0, s - window), min(len(text), e + window)
    a = max(lo - 1, text.rfind("\n", lo, s), *(text.rfind(p, lo, s) for p in (". ", "! ", "? ")))
    ends = [x for x in (text.find("\n", e, hi), text.find(". ", e, hi), text.find("! ", e, hi), text.find("? ", e, hi)) if x >= 0]
    return a + 1, (min(ends) if ends else hi)


def _ref(ctx: _Ctx) -> DateRange | None:
    if ctx.nar is not None:
        return ctx.nar
    if ctx.published is not None:
        return _day(ctx.published)
    return None


def _ref_infer(ctx: _Ctx) -> DateRange | None:
    """Reference time for year inference: the narrative time when it is
    historical (ended more than a year before publication) or when there is
    no publication date; otherwise the publication date."""
    if ctx.nar is not None and (ctx.published is None or ctx.nar.end < ctx.published - timedelta(days=365)):
        return ctx.nar
    if ctx.published is not None:
        return _day(ctx.published)
    return ctx.nar


def _nearest(make, ref: DateRange, tense: int, years: list[int] | None = None) -> tuple[DateRange | None, bool]:
    """Pick the year for a year-less expression (see module doc).

    tense -1: the latest candidate starting no later than ref + 1 day;
    tense +1: the earliest candidate ending no earlier than ref - 1 day;
    tense 0: the nearest, a later date counting at double distance.
    Returns (range, ambiguous) -- ambiguous when several candidates fall
    inside a reference spanning several years."""
    ys = years or list(range(ref.start.year - 1, ref.end.year + 2))
    cands: list[tuple[int, DateRange]] = []
    for y in ys:
        try:
            r = make(y)
        except ValueError:
            continue
        if r is not None:
            cands.append((y, r))
    if not cands:
        return None, False
    inside = [r for _y, r in cands if ref.start <= r.start and r.end <= ref.end]
    if len(inside) > 1:
        return inside[0], True
    one_day = timedelta(days=1)
    if tense < 0:
        ok = [r for _y, r in cands if r.start <= ref.end + one_day]
        if ok:
            return max(ok, key=lambda r: r.start), False
    elif tense > 0:
        ok = [r for _y, r in cands if r.end >= ref.start - one_day]
        if ok:
            return min(ok, key=lambda r: r.start), False
    best: list[tuple[float, int, DateRange]] = []
    for y, r in cands:
        if r.end < ref.start:
            d = float((ref.start - r.end).days)
        elif r.start > ref.end:
            d = (r.start - ref.end).days * 2.0
        else:
            d = 0.0
        best.append((d, y, r))
    best.sort(key=lambda t: (t[0], t[1]))
    return best[0][2], False


def _infer(make, ctx: _Ctx, text: str, unknown_tx: str, wd: int | None = None) -> tuple[DateRange | None, str | None, bool]:
    """Resolve a year-less expression; returns (range, override timex or None, ok)."""
    ref = _ref_infer(ctx)
    if ref is None:
        return None, unknown_tx, False
    if ref is ctx.nar and ctx.published is not None and _gran(ref) < 4:
        # a historical narrative at month/day level ("He was arrested in
        # October 2016. In August ..."): the expression stays in the
        # narrative's year only when that moves the story forward; otherwise
        # it is read against the publication date
        try:
            same = make(ref.start.year)
        except ValueError:
            same = None
        if same is not None and same.start >= ref.start and (wd is None or same.start.weekday() == wd):
            return DateRange(same.start, same.end, same.precision, text), None, True
        ref = _day(ctx.published)
    years = None
    if wd is not None:
        ys = range(ref.start.year - 1, ref.end.year + 2)
        match = []
        for y in ys:
            try:
                r = make(y)
            except ValueError:
                continue
            if r is not None and r.start.weekday() == wd:
                match.append(y)
        years = match or None
    r, ambiguous = _nearest(make, ref, ctx.tense, years)
    if r is None:
        return None, None, False
    if ambiguous and ref.start.year != ref.end.year:
        return DateRange(ref.start, ref.end, ref.precision, text), unknown_tx, True
    return DateRange(r.start, r.end, r.precision, text), None, True


def _year_of(spec: Any, ctx: _Ctx) -> int | None | str:
    """Year from a spec: int, ('dei', k), ('nar', k); 'infer' when None."""
    if spec is None:
        return "infer"
    if isinstance(spec, int):
        return spec
    kind, k = spec
    if kind == "dei":
        return ctx.published.year + k if ctx.published else None
    anchor = _ref(ctx)
    if anchor is None or anchor.start.year != anchor.end.year:
        return None
    return anchor.start.year + k


def _resolve_abs(sem: tuple, ctx: _Ctx, text: str) -> tuple[DateRange | None, str | None]:
    k = sem[0]
    if k == "day":
        _, y, mo, d, wd = sem
        if mo is None:
            return None, None
        if y is None:
            if not 1 <= d <= 31 or (mo != 2 and d > _last_day(2001, mo)) or (mo == 2 and d > 29):
                return None, None
            r, tx, ok = _infer(lambda yy: _day(date(yy, mo, d)), ctx, text, f"XXXX-{mo:02d}-{d:02d}", wd)
            return (r, tx or (_tx_range(r) if r else f"XXXX-{mo:02d}-{d:02d}"))
        r = _day(date(y, mo, d), text)
        return r, r.start.isoformat()
    if k == "month":
        _, y, mo, mod = sem
        yy = _year_of(y, ctx)
        if yy == "infer":
            r, tx, ok = _infer(lambda z: _month(z, mo, mod), ctx, text, f"XXXX-{mo:02d}")
            return r, tx or (_tx_range(r) if r else f"XXXX-{mo:02d}")
        if yy is None:
            return None, None
        return _month(yy, mo, mod, text), f"{yy:04d}-{mo:02d}"
    if k == "year":
        _, y, mod = sem
        return _year(y, mod, text), f"{y:04d}"
    if k == "year2":
        yy = sem[1]
        pub = ctx.published.year if ctx.published else 2025
        y = 2000 + yy if 2000 + yy <= pub + 10 else 1900 + yy
        return _year(y, None, text), f"{y:04d}"
    if k == "fy":
        y = sem[1]
        return _year(y, None, text), f"FY{y:04d}"
    if k == "decade":
        _, d0, mod = sem
        return _decade(d0, mod, text), f"{d0 // 10:03d}"
    if k == "century":
        _, c0, mod = sem
        return _century(c0, mod, text), f"{c0 // 100:02d}"
    if k == "season":
        _, y, code, mod = sem
        yy = _year_of(y, ctx)
        if yy == "infer":
            r, tx, ok = _infer(lambda z: _season(z, code), ctx, text, f"XXXX-{code}")
            return r, tx or (_tx_range(r) if r else None)
        if yy is None:
            return None, None
        return _season(yy, code, text), f"{yy:04d}-{code}"
    if k == "quarter":
        _, y, q = sem
        yy = _year_of(y, ctx)
        if yy == "infer":
            r, tx, ok = _infer(lambda z: _quarter(z, q), ctx, text, f"XXXX-Q{q}")
            return r, tx or (_tx_range(r) if r else None)
        if yy is None:
            return None, None
        return _quarter(yy, q, text), f"{yy:04d}-Q{q}"
    if k == "half":
        _, y, h = sem
        yy = _year_of(y, ctx)
        if yy == "infer":
            r, tx, ok = _infer(lambda z: _half(z, h), ctx, text, f"XXXX-H{h}")
            if r is None:
                return None, tx
            return r, tx or f"{r.start.year:04d}-H{h}"
        if yy is None:
            return None, None
        return _half(yy, h, text), f"{yy:04d}-H{h}"
    if k == "week_of":
        _, y, mo, o = sem

        def mk(z: int) -> DateRange:
            last = _last_day(z, mo)
            if o == -1:
                s = date(z, mo, last - 6)
            else:
                s = date(z, mo, min(1 + 7 * (o - 1), last - 6))
            return DateRange(s, s + timedelta(days=6), "week", text)

        if y is None:
            r, tx, ok = _infer(mk, ctx, text, f"XXXX-{mo:02d}")
        else:
            r, tx = mk(y), None
        if r is None:
            return None, tx
        y_, w_, _ = (r.start + timedelta(days=3)).isocalendar()
        return r, tx or f"{y_}-W{w_:02d}"
    if k == "range":
        return _resolve_range(sem, ctx, text)
    return None, None


def _explicit_year(sem: tuple) -> int | None:
    k = sem[0]
    if k in ("day", "month", "season", "quarter", "half") and isinstance(sem[1], int):
        return sem[1]
    if k in ("year", "fy"):
        return sem[1]
    return None


def _with_year(sem: tuple, y: int) -> tuple:
    return (sem[0], y) + tuple(sem[2:])


def _resolve_range(sem: tuple, ctx: _Ctx, text: str) -> tuple[DateRange | None, str | None]:
    _, a, b = sem
    ya, yb = _explicit_year(a), _explicit_year(b)
    if ya is None and yb is not None and a[0] in ("day", "month", "season", "quarter", "half") and a[1] is None:
        a = _with_year(a, yb)
        ra, _ = _resolve_abs(a, ctx, text)
        rb, _ = _resolve_abs(b, ctx, text)
        if ra and rb and ra.start > rb.end:
            a = _with_year(a, yb - 1)
    elif yb is None and ya is not None and b[0] in ("day", "month", "season", "quarter", "half") and b[1] is None:
        b = _with_year(b, ya)
        ra, _ = _resolve_abs(a, ctx, text)
        rb, _ = _resolve_abs(b, ctx, text)
        if ra and rb and rb.end < ra.start:
            b = _with_year(b, ya + 1)
    elif ya is None and yb is None and a[0] == "day" and b[0] == "day" and a[1] is None and b[1] is None:
        ra, _ = _resolve_abs(a, ctx, text)
        if ra is None:
            return None, None
        y = ra.start.year
        b = _with_year(b, y)
        a = _with_year(a, y)
        rb, _ = _resolve_abs(b, ctx, text)
        if rb and rb.end < ra.start:
            b = _with_year(b, y + 1)
    ra, ta = _resolve_abs(a, ctx, text)
    rb, tb = _resolve_abs(b, ctx, text)
    if ra is None or rb is None or rb.end < ra.start:
        return None, None
    r = DateRange(ra.start, rb.end, "range", text)
    return r, f"{ta}/{tb}"


def _resolve_dei(sem: tuple, ctx: _Ctx, text: str) -> tuple[DateRange | None, str | None]:
    k = sem[0]
    p = ctx.published
    if k == "present":
        return (_day(p, text) if p else None), "PRESENT_REF"
    if k == "past_ref":
        return None, "PAST_REF"
    if k == "future_ref":
        return None, "FUTURE_REF"
    if k == "recent":
        if not p or (len(sem) > 2 and sem[2] == "adj"):
            # attributive "the recent downturn" describes its noun; it does
            # not date the clause's event (no range, just the TimeML value)
            return None, "PAST_REF"
        return DateRange(p - timedelta(days=sem[1]), p, "range", text), "PAST_REF"
    if p is None:
        tx = None
        if k == "span":
            tx = _duration_tx(sem[3] if isinstance(sem[3], (int, float)) else None, sem[2])
        return None, tx
    if k == "today":
        _, off, part = sem
        d = p + timedelta(days=off)
        tx = d.isoformat()
        if part:
            tx += "T" + {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[part]
        return _day(d, text), tx
    if k == "weekday":
        _, wd, which, part = sem
        delta_back = (p.weekday() - wd) % 7
        if which in ("last", "this past", "past"):
            d = p - timedelta(days=delta_back or 7)
        elif which in ("next", "this coming", "coming"):
            fwd = (wd - p.weekday()) % 7
            d = p + timedelta(days=fwd or 7)
        elif which == "this":
            d = p - timedelta(days=p.weekday()) + timedelta(days=wd)
        elif ctx.future:
            d = p + timedelta(days=(wd - p.weekday()) % 7)
        else:
            d = p - timedelta(days=delta_back)
        tx = d.isoformat()
        if part:
            tx += "T" + {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[part]
        return _day(d, text), tx
    if k == "weekend":
        w = sem[1]
        if w in ("last", "this past"):
            r = _weekend(p - timedelta(days=7))
        elif w == "next":
            r = _weekend(p + timedelta(days=7))
        elif w in ("this", "this coming"):
            r = _weekend(p)
        elif p.weekday() >= 5 or ctx.future:  # "the weekend": the current one on a weekend or in the future tense
            r = _weekend(p)
        else:  # otherwise the one just past
            r = _weekend(p - timedelta(days=7))
        r = DateRange(r.start, r.end, "week", text)
        return r, _tx_range(r)
    if k == "dei_unit":
        unit, kk, mod = sem[1], sem[2], sem[3]
        part = sem[4] if len(sem) > 4 else None
        if unit == "week":
            r = _week(p + timedelta(days=7 * kk), text)
        elif unit == "month":
            d = _add_months(date(p.year, p.month, 1), kk)
            r = _month(d.year, d.month, mod, text)
        elif unit == "quarter":
            d = _add_months(date(p.year, p.month, 1), 3 * kk)
            r = _quarter(d.year, (d.month - 1) // 3 + 1, text)
        elif unit == "year":
            r = _year(p.year + kk, mod, text)
        elif unit == "decade":
            r = _decade(p.year // 10 * 10 + 10 * kk, mod, text)
        else:
            r = _century(p.year // 100 * 100 + 100 * kk, mod, text)
        tx = _tx_range(r)
        if part and kk == 0:
            if part == "earlier":
                r = DateRange(r.start, max(r.start, p), "range", text)
            else:
                r = DateRange(min(p, r.end), r.end, "range", text)
        return r, tx
    if k == "dei_month":
        _, mo, which = sem
        if which in ("last", "this past"):
            y = p.year if mo < p.month else p.year - 1
        elif which in ("next", "this coming"):
            y = p.year if mo > p.month else p.year + 1
        else:
            y = p.year
        r = _month(y, mo, None, text)
        return r, _tx_range(r)
    if k == "dei_season":
        _, code, which = sem
        cands = [_season(y, code) for y in (p.year - 1, p.year, p.year + 1, p.year + 2)]
        if which in ("last", "this past", "past"):
            past = [r for r in cands if r.end < p]
            r = past[-1]
        elif which in ("next", "coming", "this coming"):
            fut = [r for r in cands if r.start > p]
            r = fut[0]
        else:  # this: the one containing p, else the next one this year, else the last one
            inside = [r for r in cands if r.start <= p <= r.end]
            if inside:
                r = inside[0]
            else:
                same = [r for r in cands if (r.end.year if code == "WI" else r.start.year) == p.year]
                r = same[0] if same else cands[1]
        r = DateRange(r.start, r.end, "season", text)
        return r, _tx_range(r)
    if k == "ago":
        _, n, unit = sem
        if n is None:
            return None, "PAST_REF"
        if isinstance(n, tuple):
            lo, hi = n
            s, e = _shift(p, -hi, unit), _shift(p, -lo, unit)
            return DateRange(s, e, "range", text), "PAST_REF"
        d = _shift(p, -n, unit) if float(n).is_integer() else p - timedelta(days=round(n * {"day": 1, "week": 7, "month": 30.4, "year": 365.25}.get(unit, 1)))
        lvl = {"day": "day", "week": "day", "fortnight": "day", "month": "month", "quarter": "month", "year": "year",
               "decade": "year", "century": "year"}.get(unit, "day")
        r = _snap(d, d, lvl, text)
        return r, _tx_range(r)
    if k == "span":
        _, direction, unit, n, _x = sem
        if isinstance(n, tuple):
            nn = n[1]
            tx = _duration_tx(None, unit)
        elif n is None:
            return None, "PAST_REF" if direction < 0 else "FUTURE_REF"
        else:
            nn = n
            tx = _duration_tx(n, unit)
        if not float(nn).is_integer():
            nn = int(nn) + 1
        if direction < 0:
            r = DateRange(_shift(p, -int(nn), unit), p, "range", text)
        else:
            r = DateRange(p, _shift(p, int(nn), unit), "range", text)
        return r, tx
    return None, None


def _day_anchor(ctx: _Ctx) -> DateRange | None:
    """Anchor of a day-level anaphor ("the day", "that day", "later in the
    day"): the last day-level time of the narrative, unless the narrative
    has since moved to a coarser time more than 400 days away from it."""
    a = _ref(ctx)
    d = ctx.nar_day
    if d is None or a is None or _gran(a) == 0:
        return a
    if a.start <= d.start <= a.end:
        return d
    gap = (a.start - d.end).days if a.start > d.end else (d.start - a.end).days
    return d if gap <= 400 else a


def _is_day_level(sem: tuple) -> bool:
    k = sem[0]
    return (k == "shift" and sem[2] == "day") or (k in ("nar_part", "nar_mod") and sem[1] == "day")


def _resolve_nar(sem: tuple, ctx: _Ctx, text: str) -> tuple[DateRange | None, str | None, bool]:
    """Narrative-relative: (range, timex, anchored_in_narrative)."""
    anchored = ctx.nar is not None
    a = _day_anchor(ctx) if _is_day_level(sem) else _ref(ctx)
    k = sem[0]
    if a is None:
        return None, None, False
    if k == "nar":
        r = DateRange(a.start, a.end, a.precision, text)
        return r, _tx_range(r), anchored
    if k == "shift":
        _, n, unit, cal = sem
        if unit == "weekend":
            base = _weekend(_shift(a.start, n, "week"))
            r = DateRange(base.start, base.end, "week", text)
            return r, _tx_range(r), anchored
        if _UNIT_GRAN.get(unit, 0) < _gran(a) and n == 0:
            r = DateRange(a.start, a.end, a.precision, text)
            return r, _tx_range(r), anchored
        s, e = _shift(a.start, n, unit), _shift(a.end, n, unit)
        if _UNIT_GRAN.get(unit, 0) < _gran(a):
            r = DateRange(s, e, a.precision if n == 0 else "range", text)
            return r, _tx_range(r), anchored
        r = _snap(s, e, unit, text)
        return r, _tx_range(r), anchored
    if k == "nshift":
        _, sign, n, unit = sem
        if n is None or isinstance(n, tuple):
            if isinstance(n, tuple):
                lo, hi = n
                s = _shift(a.start, sign * (lo if sign > 0 else hi), unit)
                e = _shift(a.end, sign * (hi if sign > 0 else lo), unit)
                r = _snap(min(s, e), max(s, e), {"day": "day", "week": "day"}.get(unit, "month" if unit == "month" else "year"), text)
                r = DateRange(r.start, r.end, "range", text)
                return r, _tx_range(r), anchored
            return None, None, anchored
        if not float(n).is_integer():
            n = round(n * {"year": 12, "decade": 120, "month": 1, "quarter": 3}.get(unit, 1))
            unit = "month" if unit in ("year", "decade", "month", "quarter") else unit
        n = int(n) * sign
        lvl = {"day": "day", "week": "day", "fortnight": "day", "month": "month", "quarter": "month",
               "year": "year", "decade": "year", "century": "year"}.get(unit)
        if lvl is None:  # hours, minutes
            r = DateRange(a.start, a.end, a.precision, text)
            return r, _tx_range(r), anchored
        s, e = _shift(a.start, n, unit), _shift(a.end, n, unit)
        if _UNIT_GRAN.get(lvl, 0) < _gran(a):
            # finer shift of a coarse anchor ("2012 ... three months later"):
            # the whole anchor shifted, in the shift's unit (April 2012 - March 2013)
            r = _snap(s, e, lvl, text)
            return DateRange(r.start, r.end, "range", text), _tx_range(DateRange(r.start, r.end, "range")), anchored
        r = _snap(s, e, lvl, text)
        return r, _tx_range(r), anchored
    if k == "nar_part":
        _, unit, which = sem
        base = _snap(a.start, a.end, unit if unit in _UNIT_GRAN else "year", text)
        if _gran(a) >= _UNIT_GRAN.get(unit, 4):
            r = DateRange(a.start, a.end, a.precision, text)
            return r, _tx_range(r), anchored
        tx = _tx_range(base)
        if which == "earlier":
            r = DateRange(base.start, max(base.start, a.start), "range", text)
        else:
            r = DateRange(min(a.end, base.end), base.end, "range", text)
        return r, tx, anchored
    if k == "nar_mod":
        _, unit, mod = sem
        if unit == "day":
            r = DateRange(a.start, a.end, a.precision, text)
            return r, _tx_range(r), anchored
        if unit == "year":
            if a.start.year != a.end.year:
                return None, None, anchored
            return _year(a.start.year, mod, text), f"{a.start.year:04d}", anchored
        if unit == "month":
            if (a.start.year, a.start.month) != (a.end.year, a.end.month):
                return None, None, anchored
            r = _month(a.start.year, a.start.month, mod, text)
            return r, _tx_range(r), anchored
        d0 = a.start.year // 10 * 10
        if a.end.year // 10 * 10 != d0:
            return None, None, anchored
        return _decade(d0, mod, text), f"{d0 // 10:03d}", anchored
    if k == "nar_span":
        _, direction, unit, n = sem
        nn = n[1] if isinstance(n, tuple) else n
        if nn is None:
            return None, None, anchored
        nn = int(nn) if float(nn).is_integer() else int(nn) + 1
        if direction < 0:
            r = DateRange(_shift(a.start, -nn, unit), a.start, "range", text)
        else:
            r = DateRange(a.end, _shift(a.end, nn, unit), "range", text)
        return r, _duration_tx(n if not isinstance(n, tuple) else None, unit), anchored
    if k == "year_before":
        unit = sem[1]
        base = a if unit == "period" else (_snap(a.start, a.end, unit, text) if _UNIT_GRAN.get(unit, 0) >= _gran(a) else a)
        s_, e_ = _shift(base.start, -1, "year"), _shift(base.end, -1, "year")
        if base.precision in ("month", "quarter", "year"):
            r = _snap(s_, e_, base.precision, text)
        else:
            r = DateRange(s_, e_, base.precision, text)
        return r, _tx_range(r), anchored
    if k == "within":
        _, n, unit = sem
        if n is None or isinstance(n, tuple):
            extra = {"day": (14, "day"), "week": (8, "week"), "month": (6, "month"), "year": (3, "year"),
                     "decade": (2, "decade")}.get(unit, (0, "day"))
        else:
            extra = (n if float(n).is_integer() else int(n) + 1, unit)
        e = _shift(a.end, int(extra[0]), extra[1])
        r = DateRange(a.start, max(a.end, e), "range", text)
        return r, _tx_range(r), anchored
    return None, None, anchored


def _clock_tx(day_tx: str | None, h: int, mi: int) -> str | None:
    if day_tx is None:
        return f"XXXX-XX-XXT{h:02d}:{mi:02d}"
    return f"{day_tx}T{h:02d}:{mi:02d}"


def _resolve(c: _Cand, ctx: _Ctx, text: str) -> tuple[DateRange | None, str | None, bool]:
    """(value, timex_value, sets_narrative)"""
    k = c.sem[0]
    if k == "dur":
        return None, c.sem[1], False
    if k == "set":
        return None, c.sem[1], False
    if k == "clock":
        a = ctx.nar if (ctx.nar is not None and ctx.nar.precision == "day") else (_day(ctx.published) if ctx.published else None)
        if a is None:
            return None, _clock_tx(None, c.sem[1], c.sem[2]), False
        return DateRange(a.start, a.start, "day", text), _clock_tx(a.start.isoformat(), c.sem[1], c.sem[2]), False
    if k == "clock_on":
        clock, daysem = c.sem[1], c.sem[2]
        sub = _Cand(c.start, c.end, c.kind, "DATE", daysem)
        r, tx, sets = _resolve(sub, ctx, text)
        if r is None:
            return None, _clock_tx(None, clock[1], clock[2]), False
        return r, _clock_tx(r.start.isoformat() if r.precision == "day" else tx, clock[1], clock[2]), sets
    if k == "since":
        inner_kind, inner = c.sem[1], c.sem[2]
        sub = _Cand(c.start, c.end, inner_kind, "DATE", inner)
        r, tx, _ = _resolve(sub, ctx, text)
        if r is None:
            return None, tx, False
        p = ctx.published
        if p is not None and p >= r.start:
            return DateRange(r.start, max(p, r.start), "range", text), tx, True
        return DateRange(r.start, r.end, "range", text), tx, True
    if k == "since_then":
        a = ctx.nar
        if a is None:
            return None, None, False
        p = ctx.published
        end = p if (p is not None and p >= a.start) else a.end
        return DateRange(a.start, end, "range", text), _tx_range(DateRange(a.start, a.end, a.precision)), True
    if c.kind == "narrative":
        r, tx, anchored = _resolve_nar(c.sem, ctx, text)
        # a comparison base ("the same month a year ago") is not the story's time
        return r, tx, anchored and r is not None and k != "year_before"
    if c.kind == "deictic":
        r, tx = _resolve_dei(c.sem, ctx, text)
        return r, tx, r is not None and c.ttype == "DATE" and not _framing_span(c.sem, r)
    r, tx = _resolve_abs(c.sem, ctx, text)
    return r, tx, r is not None


def _resolve_streak(c: _Cand, nxt: _Cand | None, ctx: _Ctx, text: str) -> tuple[DateRange | None, str | None, bool]:
    """"fell for a third straight day": the unit of the narrative time; when
    the streak is dated right after it ("for a second consecutive month in
    March", "... session on Tuesday"), the unit of that time."""
    sub = _Cand(c.start, c.end, "narrative", "DATE", ("shift", 0, c.sem[1], True), c.prio)
    surface = text[c.start:c.end]
    if nxt is not None and nxt.ttype == "DATE" and nxt.kind in ("absolute", "deictic") \
            and re.fullmatch(r"\s*,?\s*(?:in|on|during)\s+", text[c.end:nxt.start], re.I):
        saved = (ctx.nar, ctx.tense, ctx.future)
        ctx.tense = _tense(text, nxt.start, nxt.end)
        ctx.future = ctx.tense > 0
        anchor, _tx, _s = _resolve(nxt, ctx, text[nxt.start:nxt.end])
        ctx.tense, ctx.future = saved[1], saved[2]
        if anchor is not None:
            ctx.nar = anchor
            try:
                return _resolve(sub, ctx, surface)
            finally:
                ctx.nar = saved[0]
    return _resolve(sub, ctx, surface)


def _framing_span(sem: tuple, r: DateRange) -> bool:
    """A vague stretch reaching back (or ahead) from publication -- "in the
    past decade", "in recent years", "over the next six months", "the
    recent downturn" -- frames the story but is not when its events happen:
    it dates its own sentence and does not become the running narrative
    time.  Short spans ("the past three days") and plain "recently" still
    set it, as do explicit dates and units ("last year", "in 2015")."""
    k = sem[0]
    if k == "recent":
        return len(sem) > 2 and sem[2] is not None and (sem[2] == "adj" or (r.end - r.start).days > 31)
    if k == "span":
        return (r.end - r.start).days > 31
    return False


def _scan(
    text: str, published: date | None, narrative: DateRange | None, nar_day: DateRange | None = None
) -> tuple[list[TimeMention], DateRange | None, DateRange | None]:
    max_year = (published.year + 50) if published else 2100
    if nar_day is None and narrative is not None and narrative.precision == "day":
        nar_day = narrative
    ctx = _Ctx(text, published, narrative, max_year, nar_day=nar_day)
    cands = _merge(text, _select(_candidates(text)))
    out: list[TimeMention] = []
    sets: list[tuple[DateRange, str, bool]] = []
    last_set_end = 0
    for i, c in enumerate(cands):
        surface = text[c.start:c.end]
        ctx.tense = _tense(text, c.start, c.end)
        ctx.future = ctx.tense > 0
        try:
            if c.sem[0] == "streak":
                value, tx, sets_nar = _resolve_streak(c, cands[i + 1] if i + 1 < len(cands) else None, ctx, text)
            else:
                value, tx, sets_nar = _resolve(c, ctx, surface)
        except (ValueError, OverflowError, TypeError, KeyError, IndexError, AttributeError):
            value, tx, sets_nar = None, None, False
        if _explicit_out_of_range(c.sem, max_year):
            continue
        if value is not None:
            if value.end.year > max_year + 100 or value.start.year < 1:
                value, sets_nar = None, False
        out.append(TimeMention(c.start, c.end, surface, c.kind, c.ttype, value, tx))
        if sets_nar and value is not None and (c.ttype == "DATE" or (c.sem[0] == "clock_on" and value.precision == "day")):
            a, _b = _sentence_bounds(text, c.start, c.end)
            lo = max(a, last_set_end)
            if sets and last_set_end > a and re.fullmatch(r"\s*(?:of\s+)?", text[last_set_end:c.start]):
                sub = sets[-1][2]  # "June last year": one time in two mentions
            else:
                sub = _subordinate(text, lo, c.start, c.end) or _names_an_event(text, c.start, c.end)
            if background_time(text, c.start, c.kind):
                continue  # "the first visit since Grechko in 1969": not the narrative's time
            sets.append((value, c.kind, sub))
            last_set_end = c.end
            ctx.nar = value
            if value.precision == "day" and value.start == value.end:
                ctx.nar_day = value
    # the state the text leaves behind: the last time set, where a time in a
    # main clause beats background times in relative clauses or asides of the
    # same text, and an 'open' span ("since 2001") counts only when nothing
    # else set a time
    final = narrative
    main = [(v, k) for v, k, sub in sets if not sub] or [(v, k) for v, k, _sub in sets]
    non_open = [v for v, k in main if k != "open"]
    if non_open:
        final = non_open[-1]
    elif main:
        final = main[-1][0]
    day_final = ctx.nar_day if final is not narrative or final is None else nar_day
    if final is not None and final.precision == "day" and final.start == final.end:
        day_final = final
    return out, final, day_final


def _explicit_out_of_range(sem: tuple, max_year: int) -> bool:
    k = sem[0]
    if k in ("since",):
        return _explicit_out_of_range(sem[2], max_year)
    if k == "range":
        return _explicit_out_of_range(sem[1], max_year) or _explicit_out_of_range(sem[2], max_year)
    if k in ("clock_on",):
        return _explicit_out_of_range(sem[2], max_year)
    y = None
    if k in ("day", "month", "season", "quarter", "half", "week_of") and isinstance(sem[1], int):
        y = sem[1]
    elif k in ("year", "fy"):
        y = sem[1]
    elif k == "decade":
        y = sem[1]
    elif k == "century":
        return sem[1] > max_year
    if y is None:
        return False
    return not (1800 <= y <= max_year)


def _as_date(d: Any) -> date | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    return None


def _as_range(n: Any) -> DateRange | None:
    if n is None:
        return None
    if isinstance(n, DateRange):
        return n
    d = _as_date(n)
    return _day(d) if d else None


def find_times(text: str, published: date | None = None, narrative: date | DateRange | None = None) -> list[TimeMention]:
    """All time expressions in text, resolved.

    Narrative-relative expressions resolve against ``narrative`` (the
    running narrative time), which is advanced left to right by the
    expressions found in ``text`` itself; deictic ones resolve against
    ``published``.  Never raises on string input.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        return _scan(text, _as_date(published), _as_range(narrative))[0]
    except Exception:  # pragma: no cover - last line of defence: never raise on text
        return []


_BACKGROUND_RE = re.compile(
    r"(?:\b(?:since|than|compared (?:with|to))\b[^,.;:!?()]{1,60}"
    r"|\bthe (?:last|previous|only other)\b[^,.;:!?()]{1,80})$",
    re.I,
)


_EVENT_YEAR_RE = re.compile(r"(?:\bthe|['’]s)\s+$")
_AFTER_EVENT_YEAR_RE = re.compile(r"\s+(?!(?:and|or|to|through|until|when|after|before|in|on|at|for|with|as|by|,)\b)[A-Za-z]")


def _names_an_event(text: str, start: int, end: int) -> bool:
    """A bare year used as part of a name ("the 1971 war", "the 1980
    Summer Olympics", "Russia's 2014 annexation"): it dates that event, and
    weighs less than a time of the main clause for the running narrative."""
    if not re.fullmatch(r"\d{4}", text[start:end]):
        return False
    return _EVENT_YEAR_RE.search(text[max(0, start - 6) : start]) is not None and _AFTER_EVENT_YEAR_RE.match(text, end) is not None


def background_time(text: str, start: int, kind: str) -> bool:
    """A time inside a comparison phrase ("the first visit since Grechko in
    1969", "more than in 2019", "the last Soviet premier to visit was
    Kosygin in 1969") is background: it is not when the story's events
    happen and does not move the narrative."""
    return kind != "open" and _BACKGROUND_RE.search(text[max(0, start - 80) : start]) is not None



# A non-restrictive relative clause: ", which signed a treaty in November,".
_ASIDE_RE = re.compile(r",\s*(?:which|who|whose)\b[^,;:()]*")


def _in_aside(sentence: str, mentions: list[TimeMention], final: DateRange) -> bool:
    """True when the time that would become current is told in an aside
    about someone else's act ("Moscow, which signed a treaty with Hanoi in
    November, demanded ..."): it dates that act, not the story."""
    setter = next((m for m in reversed(mentions) if m.value is final), None)
    if setter is None:
        return False
    return any(a.start() <= setter.start and setter.end <= a.end() for a in _ASIDE_RE.finditer(sentence))


class Narrative:
    """Running narrative time of a document.

    Feed it sentences in order.  ``read`` resolves the sentence's time
    expressions against the current state, then updates it: the last time
    the sentence sets becomes current (absolute times, narrative-relative
    times resolved against an actual narrative time, and deictic times --
    "Recently X ... It was the first such visit" continues in the recent
    past), except vague framing spans longer than a month ("in the past
    decade", "in recent years", "over the next six months"), which date
    only their own sentence.  A main-clause time beats background times of relative clauses
    in the same sentence, and a "since X" span becomes current only when
    the sentence sets nothing else.  Bare clock times and durations never move
    it.  Sentences without a time leave it unchanged, so a paragraph about
    the 1980s stays in the 1980s.

    ``current`` is None until the text itself names a time; callers that
    need a date then fall back to the publication date themselves.

    Paragraphs: the narrative time carries across paragraph breaks
    (``reset_paragraph`` only records the break, see ``carried``); a
    paragraph with its own explicit time overrides it as any sentence does.
    ``reset`` forgets everything (new document).
    """

    def __init__(self, published: date | None):
        self.published = _as_date(published)
        self._current: DateRange | None = None
        self._last_day: DateRange | None = None
        self._set_in_paragraph = False

    def read(self, sentence: str) -> list[TimeMention]:
        if not isinstance(sentence, str) or not sentence:
            return []
        try:
            mentions, final, self._last_day = _scan(sentence, self.published, self._current, self._last_day)
        except Exception:  # pragma: no cover
            return []
        if final is not self._current and final is not None and not (self._current is not None and _in_aside(sentence, mentions, final)):
            self._current = final
            self._set_in_paragraph = True
        return mentions

    @property
    def current(self) -> DateRange | None:
        return self._current

    @property
    def carried(self) -> bool:
        """True when the current time was set in an earlier paragraph."""
        return self._current is not None and not self._set_in_paragraph

    def reset_paragraph(self) -> None:
        """Mark a paragraph break: the narrative time carries over."""
        self._set_in_paragraph = False

    def reset(self) -> None:
        """Forget the narrative time (start of a new document)."""
        self._current = None
        self._last_day = None
        self._set_in_paragraph = False
