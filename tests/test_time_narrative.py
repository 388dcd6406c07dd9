"""Narrative time: paragraphs written for these tests, read sentence by
sentence, with the date each sentence's events get (Narrative.current after
reading it)."""

from __future__ import annotations

from datetime import date

import pytest

from accord.records import DateRange
from accord.time import Narrative, find_times


def span(n: Narrative) -> tuple[str, str, str] | None:
    c = n.current
    return (c.start.isoformat(), c.end.isoformat(), c.precision) if c else None


def read_all(published: date | None, sentences: list[str]) -> list[tuple[str, str, str] | None]:
    n = Narrative(published)
    out = []
    for s in sentences:
        n.read(s)
        out.append(span(n))
    return out


OCT_2015 = ("2015-10-01", "2015-10-31", "month")
EIGHTIES = ("1980-01-01", "1989-12-31", "decade")


def test_months_later_moves_the_narrative():
    got = read_all(date(2021, 4, 12), [
        "In July 2015 the Indian prime minister paid a call on Dushanbe.",
        "Three months later, the two governments signed a defence pact.",
        "The pact was hailed in both capitals as a breakthrough.",
    ])
    assert got == [("2015-07-01", "2015-07-31", "month"), OCT_2015, OCT_2015]


def test_history_paragraph_never_falls_back_to_publication():
    got = read_all(date(2021, 4, 12), [
        "In the 1980s the two neighbours fought a grinding border war.",
        "Both armies lost thousands of conscripts in the mountains.",
        "A ceasefire was eventually brokered by a regional power.",
        "It held, although skirmishes broke out every winter.",
    ])
    assert got == [EIGHTIES] * 4
    assert all(g[0][:4] != "2021" for g in got)


def test_since_is_open_to_publication():
    n = Narrative(date(2021, 4, 12))
    ms = n.read("Since 2016 the two navies have staged joint drills in the gulf.")
    assert [m.kind for m in ms if m.timex_type == "DATE"] == ["open"]
    assert span(n) == ("2016-01-01", "2021-04-12", "range")


def test_recently_then_explicit_days():
    n = Narrative(date(2021, 4, 12))
    n.read("Recently, the foreign ministers of the two states met in Tashkent (April 6-7).")
    assert span(n) == ("2021-04-06", "2021-04-07", "range")
    ms = n.read("It was the first such ministerial visit in 38 years.")
    assert [(m.timex_type, m.value) for m in ms] == [("DURATION", None)]
    assert span(n) == ("2021-04-06", "2021-04-07", "range")  # the duration does not move it


def test_recently_alone_dates_the_following_sentences():
    got = read_all(date(2021, 4, 12), [
        "Recently, the defence chiefs held talks in the capital.",
        "It was the first such meeting since the coup.",
    ])
    assert got == [("2021-01-12", "2021-04-12", "range")] * 2


def test_a_history_of_relations():
    got = read_all(date(2021, 4, 12), [
        "Relations were established in 1992.",
        "The following year an embassy opened in the capital.",
        "Ties frayed in the late 1990s over a pipeline dispute.",
        "In 2001 the presidents met on the sidelines of a summit.",
        "Two years later they signed a friendship treaty.",
        "That year trade also doubled.",
    ])
    assert got == [
        ("1992-01-01", "1992-12-31", "year"),
        ("1993-01-01", "1993-12-31", "year"),
        ("1997-01-01", "1999-12-31", "decade"),
        ("2001-01-01", "2001-12-31", "year"),
        ("2003-01-01", "2003-12-31", "year"),
        ("2003-01-01", "2003-12-31", "year"),
    ]


def test_explicit_day_in_historical_year():
    got = read_all(date(2021, 4, 12), [
        "In 2015 the prime minister toured Central Asia.",
        "On December 25 he made an unscheduled stop in Lahore.",
        "The visit lasted barely two hours.",
    ])
    assert got == [("2015-01-01", "2015-12-31", "year"), ("2015-12-25", "2015-12-25", "day"), ("2015-12-25", "2015-12-25", "day")]


def test_year_less_date_near_publication_ignores_a_planned_future():
    # a plan for next year must not pull a near date into that year
    got = read_all(date(2005, 11, 5), [
        "The carrier will launch scheduled service in November 2006.",
        "The demonstrator aircraft arrives on November 11.",
    ])
    assert got == [("2006-11-01", "2006-11-30", "month"), ("2005-11-11", "2005-11-11", "day")]


def test_since_does_not_override_the_main_time():
    n = Narrative(date(2021, 4, 12))
    ms = n.read("In July 2015 the premier visited Lahore, his first trip there since 2001.")
    assert [m.kind for m in ms] == ["absolute", "open"]
    assert span(n) == ("2015-07-01", "2015-07-31", "month")


def test_deictic_times_set_the_narrative():
    got = read_all(date(2021, 4, 12), [
        "Last week the two defence ministers spoke by phone.",
        "They agreed to reopen a hotline.",
    ])
    assert got == [("2021-04-05", "2021-04-11", "week")] * 2


def test_paragraphs_carry_and_override():
    n = Narrative(date(2021, 4, 12))
    n.read("In March 2019 the border crossing was closed after a shooting.")
    assert not n.carried
    n.reset_paragraph()
    n.read("Traders on both sides suffered heavy losses.")
    assert span(n) == ("2019-03-01", "2019-03-31", "month")
    assert n.carried
    n.reset_paragraph()
    n.read("In 2020 a new agreement reopened it to trucks.")
    assert span(n) == ("2020-01-01", "2020-12-31", "year")
    assert not n.carried
    n.reset()
    assert n.current is None


def test_nothing_said_nothing_set():
    n = Narrative(date(2021, 4, 12))
    n.read("The two governments have long disagreed over water rights.")
    assert n.current is None


def test_relative_without_narrative_uses_publication_but_does_not_set():
    n = Narrative(date(2021, 4, 12))
    ms = n.read("The following day, the minister resigned.")
    assert ms[0].kind == "narrative"
    assert ms[0].value == DateRange(date(2021, 4, 13), date(2021, 4, 13), "day", "The following day")
    assert n.current is None


def test_relative_without_anything():
    n = Narrative(None)
    ms = n.read("Three months later the accord collapsed, and yesterday talks resumed.")
    assert [m.value for m in ms] == [None, None]
    assert n.current is None


def test_chaining_inside_a_sentence():
    n = Narrative(date(2021, 4, 12))
    ms = n.read("The accord, signed in 2012, collapsed three months later.")
    assert ms[1].value.start == date(2012, 4, 1) and ms[1].value.end == date(2013, 3, 31)
    assert span(n) == ("2012-04-01", "2013-03-31", "range")


def test_day_anaphora_goes_back_to_the_last_day():
    got = read_all(date(2010, 3, 3), [
        "The carmaker said on Tuesday that its February sales rose 43%.",
        "Its shares slipped later in the day.",
    ])
    assert got[1] == ("2010-03-02", "2010-03-02", "day")


def test_day_anaphora_in_old_history_stays_in_history():
    got = read_all(date(2021, 4, 12), [
        "On Monday the minister recalled the events of 1989.",
        "That day, crowds tore down the wall.",
    ])
    assert got[1] == ("1989-01-01", "1989-12-31", "year")


def test_find_times_with_narrative_argument():
    ms = find_times("A decade later the troops withdrew.", date(2021, 4, 12), DateRange(date(1979, 1, 1), date(1979, 12, 31), "year"))
    assert ms[0].value.start == date(1989, 1, 1) and ms[0].value.precision == "year"
    ms = find_times("A decade later the troops withdrew.", date(2021, 4, 12), date(1979, 12, 27))
    assert ms[0].value.start == date(1989, 1, 1)


@pytest.mark.parametrize("sentence", ["", "   ", "\n", "no time here at all"])
def test_empty_sentences(sentence):
    n = Narrative(date(2021, 4, 12))
    assert n.read(sentence) == []
    assert n.current is None


def test_background_time_in_relative_clause_does_not_take_over():
    got = read_all(date(2018, 5, 26), [
        "Investigators concluded on Thursday that the missile which downed the airliner in July 2014 came from a brigade across the border.",
        "A day later two governments demanded compensation.",
    ])
    assert got == [("2018-05-24", "2018-05-24", "day"), ("2018-05-25", "2018-05-25", "day")]


def test_only_time_in_a_clause_still_sets():
    got = read_all(date(2011, 5, 29), [
        "The company has a deal that will be closed by June 10.",
        "If no price is agreed by that time, arbitration follows.",
    ])
    assert got[1] == ("2011-06-10", "2011-06-10", "day")


def test_month_after_background_sentence_returns_to_the_present():
    got = read_all(date(2018, 10, 13), [
        "A court on Friday freed the detained aid worker.",
        "She had been arrested in October 2016 on espionage charges.",
        "In August the two governments traded sanctions over her case.",
    ])
    assert got[2] == ("2018-08-01", "2018-08-31", "month")


def test_month_moving_a_historical_story_forward_stays_in_its_year():
    got = read_all(date(2021, 4, 12), [
        "In July 2015 the premier toured the region's capitals.",
        "On August 3 he signed a gas deal in the last of them.",
    ])
    assert got[1] == ("2015-08-03", "2015-08-03", "day")


MARCH_2019 = ("2019-03-01", "2019-03-31", "month")


def test_vague_span_does_not_replace_the_story_time():
    # "in the past decade" frames the story; the farmers are still in March 2019
    got = read_all(date(2021, 4, 12), [
        "In March 2019 the two states signed a treaty on the shared river.",
        "In the past decade, the river has shrunk by a third.",
        "Farmers downstream blamed the dams.",
    ])
    assert got == [MARCH_2019] * 3


def test_vague_span_alone_sets_nothing_but_explicit_year_does():
    got = read_all(date(2021, 4, 12), [
        "In recent years the strait has been tense.",
        "Fishing boats rarely leave port.",
        "In 2019 a coast guard cutter seized a tanker.",
        "Insurers raised premiums for the route.",
    ])
    assert got == [None, None, ("2019-01-01", "2019-12-31", "year"), ("2019-01-01", "2019-12-31", "year")]


def test_vague_spans_still_date_their_own_sentence():
    n = Narrative(date(2021, 4, 12))
    ms = n.read("For the past many decades the delta flooded every spring.")
    assert [m.text for m in ms if m.timex_type == "DATE"] == ["the past many decades"]
    ms = n.read("Over the past 20 years the delta lost a fifth of its farmland.")
    assert ms[0].value == DateRange(date(2001, 4, 12), date(2021, 4, 12), "range", "the past 20 years")
    assert n.current is None


def test_forward_span_and_recent_adjective_keep_the_story_time():
    got = read_all(date(2021, 4, 12), [
        "In July 2015 the premier toured the border districts.",
        "The recent border clashes have strained ties.",
        "Over the next six months both armies will pull back.",
        "Observers said the premier was received warmly.",
    ])
    assert got == [("2015-07-01", "2015-07-31", "month")] * 4


def test_short_span_and_decade_still_set_the_story_time():
    got = read_all(date(2021, 4, 12), [
        "Over the past three days, the rebels shelled the airport.",
        "Flights were suspended.",
        "In the 1990s the airport had been a military base.",
        "Its runway was lengthened for heavy transports.",
    ])
    assert got == [("2021-04-09", "2021-04-12", "range")] * 2 + [("1990-01-01", "1999-12-31", "decade")] * 2


def test_an_earlier_instance_named_for_comparison_does_not_move_the_narrative():
    from datetime import date

    from accord.time import Narrative

    nar = Narrative(date(2009, 3, 20))
    nar.read("Brazil's president arrived in Luanda on March 17, 2009.")
    nar.read("The last Brazilian leader to visit was Ernesto Geisel in 1976.")
    mentions = nar.read("He met Angola's president on March 18.")
    assert mentions and mentions[0].value.start == date(2009, 3, 18)


def test_a_year_naming_an_event_does_not_outweigh_the_main_clause():
    from accord.time import Narrative

    nar = Narrative(date(2021, 4, 12))
    nar.read("In the late 1970s and 1980s, the premier backed the rebels in retaliation for Moscow's support to India during the 1971 war.")
    assert (nar.current.start.year, nar.current.end.year) == (1977, 1989)
    # Alone in its sentence, such a year still sets the time.
    nar = Narrative(date(2021, 4, 12))
    nar.read("Pakistan boycotted the 1980 Summer Olympics.")
    assert nar.current.start.year == 1980
