"""Table-driven tests of accord.time.find_times.

Every sentence here was written for these tests.  Unless a case says
otherwise it is read as published on Monday 2021-04-12 with no narrative
time.  Each case names the DATE value expected from the sentence as
(start, end, precision); ``NO_DATE`` means no DATE mention with a value may
be found; ``("DURATION", "P38Y")`` means the sentence holds that duration
and no dated mention.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from accord.records import DateRange
from accord.time import Narrative, TimeMention, find_times

PUB = date(2021, 4, 12)  # a Monday
NO_DATE = "no-date"


def D(s: str) -> date:
    return date.fromisoformat(s)


def R(start: str, end: str, precision: str) -> DateRange:
    return DateRange(D(start), D(end), precision)


def Y(year: int, precision: str = "year") -> tuple[str, str, str]:
    return (f"{year}-01-01", f"{year}-12-31", precision)


def nar(start: str, end: str, precision: str) -> DateRange:
    return R(start, end, precision)


# (id, sentence, published, narrative, expected)
CASES: list[tuple[str, str, date | None, DateRange | None, object]] = [
    # ---- full dates, numeric dates
    ("mdy", "The accord was signed on May 1, 2018 in the capital.", PUB, None, ("2018-05-01", "2018-05-01", "day")),
    ("dmy", "The accord was signed on 1 May 2018 in the capital.", PUB, None, ("2018-05-01", "2018-05-01", "day")),
    ("wd-mdy", "Envoys met again on Tuesday, March 3, 2015, in a hotel.", PUB, None, ("2015-03-03", "2015-03-03", "day")),
    ("iso", "The cable is dated 2018-05-01 in the archive.", PUB, None, ("2018-05-01", "2018-05-01", "day")),
    ("ymd-slash", "The file carries the stamp 2018/05/01.", PUB, None, ("2018-05-01", "2018-05-01", "day")),
    ("us-slash", "The note is dated 01/05/2018.", PUB, None, ("2018-01-05", "2018-01-05", "day")),
    ("dm-slash", "The note is dated 25/05/2018.", PUB, None, ("2018-05-25", "2018-05-25", "day")),
    ("short-slash", "An order dated 7/8/07 was leaked to reporters.", PUB, None, ("2007-07-08", "2007-07-08", "day")),
    ("ordinal-of", "He landed on the 6th of April, 2019, unannounced.", PUB, None, ("2019-04-06", "2019-04-06", "day")),
    ("abbr-dot", "On Sept. 14, 2001 the council sat late.", PUB, None, ("2001-09-14", "2001-09-14", "day")),
    ("no-comma", "On Dec 25 2004 the wave struck the coast.", PUB, None, ("2004-12-25", "2004-12-25", "day")),
    ("ordinal-suffix", "A statement followed on April 2nd, 2008.", PUB, None, ("2008-04-02", "2008-04-02", "day")),
    ("all-caps", "DATELINE FEBRUARY 3, 2009 -- markets slid.", PUB, None, ("2009-02-03", "2009-02-03", "day")),
    ("day-of-month-year", "The vote of 12 March, 2011 was annulled.", PUB, None, ("2011-03-12", "2011-03-12", "day")),
    # ---- month + year
    ("month-year", "In July 2015 the minister flew to Kabul.", PUB, None, ("2015-07-01", "2015-07-31", "month")),
    ("month-of-year", "The pact lapsed by March of 2014.", PUB, None, ("2014-03-01", "2014-03-31", "month")),
    ("mid-month", "Fighting flared in mid-July 2015 near the pass.", PUB, None, ("2015-07-11", "2015-07-20", "month")),
    ("early-month", "Aid arrived in early June 2009.", PUB, None, ("2009-06-01", "2009-06-10", "month")),
    ("late-month", "The siege ended in late March 2003.", PUB, None, ("2003-03-21", "2003-03-31", "month")),
    ("end-of-month", "Troops left by the end of June 2012.", PUB, None, ("2012-06-21", "2012-06-30", "month")),
    ("abbr-month-year", "Sanctions were eased in Jan. 2010.", PUB, None, ("2010-01-01", "2010-01-31", "month")),
    # ---- bare years, plausible contexts
    ("in-year", "The border was redrawn in 1996.", PUB, None, Y(1996)),
    ("year-modifier", "Veterans of the 1971 war gathered.", PUB, None, Y(1971)),
    ("exercise-name", "Friendship 2016 was a joint naval drill.", PUB, None, Y(2016)),
    ("year-comma", "In 1999, shelling resumed along the ridge.", PUB, None, Y(1999)),
    ("the-year", "Planners feared the year 2000 would bring chaos.", PUB, None, Y(2000)),
    ("year-plural-event", "Observers criticised the 2008 elections.", PUB, None, Y(2008)),
    ("fiscal", "Defence spending rose in fiscal 2009.", PUB, None, Y(2009)),
    ("year-after-quantity-word", "The 70th anniversary of the 1948 war was marked.", PUB, None, Y(1948)),
    ("year-with-model", "Mi-35 helicopters were delivered in 2019.", PUB, None, Y(2019)),
    ("year-apostrophe", "Nothing like it had happened in '82.", PUB, None, Y(1982)),
    ("year-start-sentence", "2014 was a turning point for the alliance.", PUB, None, Y(2014)),
    ("post-year", "The post-2001 order is fraying.", PUB, None, Y(2001)),
    ("in-year-before-noun", "In 2000 protesters stormed the parliament.", PUB, None, Y(2000)),
    ("as-of-month", "As of March 2021, talks were continuing.", PUB, None, ("2021-03-01", "2021-03-31", "month")),
    ("crisis-years", "The 2008-09 financial crisis hit exporters.", PUB, None, ("2008-01-01", "2009-12-31", "range")),
    # ---- numbers that are not years
    ("neg-deaths", "The clashes resulted in 2000 deaths.", PUB, None, NO_DATE),
    ("neg-military-time", "The curfew starts at 1800 hours.", PUB, None, NO_DATE),
    ("neg-vague-past", "The feud has festered for the past many decades.", PUB, None, NO_DATE),
    ("neg-troops-comma", "Some 4,000 troops crossed the river.", PUB, None, NO_DATE),
    ("neg-troops", "About 2000 troops were deployed to the valley.", PUB, None, NO_DATE),
    ("neg-mi35", "The Mi-35 gunships circled overhead.", PUB, None, NO_DATE),
    ("neg-f16", "A squadron of F-16 jets took off.", PUB, None, NO_DATE),
    ("neg-route", "Route 1996 was closed by landslides.", PUB, None, NO_DATE),
    ("neg-dollar", "He was fined $1998 for the breach.", PUB, None, NO_DATE),
    ("neg-resolution", "Resolution 1973 authorised a no-fly zone.", PUB, None, NO_DATE),
    ("neg-flight", "Flight 1862 was diverted to Tehran.", PUB, None, NO_DATE),
    ("neg-km", "The fence runs for 2000 km along the frontier.", PUB, None, NO_DATE),
    ("neg-people", "1850 people were displaced by the floods.", PUB, None, NO_DATE),
    ("neg-airbus", "The A380 superjumbo landed safely.", PUB, None, NO_DATE),
    ("neg-anniversary", "Both navies celebrated the 70th anniversary.", PUB, None, NO_DATE),
    ("neg-2plus2", "The 2+2 dialogue brought four ministers together.", PUB, None, NO_DATE),
    ("neg-far-future", "The treaty runs until 2150 on paper.", PUB, None, NO_DATE),
    ("neg-too-old", "The fort was built in 1750.", PUB, None, NO_DATE),
    ("neg-percent", "Prices rose by 1998 percent over the period.", PUB, None, NO_DATE),
    ("neg-room", "They met in Room 1901 of the ministry.", PUB, None, NO_DATE),
    ("neg-number", "Decree No. 1999 was withdrawn.", PUB, None, NO_DATE),
    ("neg-index", "The Russell 2000 Index fell sharply.", PUB, None, NO_DATE),
    ("neg-age", "A man in his 70s was arrested.", PUB, None, NO_DATE),
    ("neg-age-hyphen", "A 51-year-old officer was detained.", PUB, None, NO_DATE),
    ("neg-fall-of", "The fall of Kabul shocked the allies.", PUB, None, NO_DATE),
    ("neg-may-modal", "The talks may collapse without a deal.", PUB, None, NO_DATE),
    ("neg-march-verb", "Protesters plan to march on the palace.", PUB, None, NO_DATE),
    ("neg-theresa-may", "Officials met Theresa May in London.", PUB, None, NO_DATE),
    ("neg-black-friday", "Shops opened early for Black Friday sales.", PUB, None, NO_DATE),
    ("neg-usa-today", "The report appeared in USA Today.", PUB, None, NO_DATE),
    ("neg-then-title", "The then prime minister denied it.", PUB, None, NO_DATE),
    ("neg-score", "The motion passed 1,950 to 12.", PUB, None, NO_DATE),
    # ---- ranges
    ("md-hyphen", "Ministers met on April 6-7 in Dushanbe.", PUB, None, ("2021-04-06", "2021-04-07", "range")),
    ("dm-endash", "Ministers met on 5–6 April in Dushanbe.", PUB, None, ("2021-04-05", "2021-04-06", "range")),
    ("md-to", "Ministers met from April 5 to 7 in Dushanbe.", PUB, None, ("2021-04-05", "2021-04-07", "range")),
    ("md-between", "Ministers met between April 5 and 7 in Dushanbe.", PUB, None, ("2021-04-05", "2021-04-07", "range")),
    ("md-range-year", "Ministers met on April 6-7, 2019 in Dushanbe.", PUB, None, ("2019-04-06", "2019-04-06", None)),
    ("cross-month", "The drills ran from April 30 to May 2, 2019.", PUB, None, ("2019-04-30", "2019-05-02", "range")),
    ("between-years", "Between 2003 and 2005 the talks stalled.", PUB, None, ("2003-01-01", "2005-12-31", "range")),
    ("from-to-years", "From 1979 to 1989 the war dragged on.", PUB, None, ("1979-01-01", "1989-12-31", "range")),
    ("short-years", "The 1979-89 occupation left deep scars.", PUB, None, ("1979-01-01", "1989-12-31", "range")),
    ("endash-years", "The 1979–1989 occupation left deep scars.", PUB, None, ("1979-01-01", "1989-12-31", "range")),
    ("years-to", "Trade doubled 2014 to 2016.", PUB, None, ("2014-01-01", "2016-12-31", "range")),
    ("months-shared-year", "From March to May 2015 the border stayed shut.", PUB, None, ("2015-03-01", "2015-05-31", "range")),
    ("month-years", "Between March 2003 and May 2005 the mission grew.", PUB, None, ("2003-03-01", "2005-05-31", "range")),
    ("across-new-year", "The blockade lasted December 2019 to February 2020.", PUB, None, ("2019-12-01", "2020-02-29", "range")),
    ("wrap-year", "From November to January 2016 talks were frozen.", PUB, None, ("2015-11-01", "2016-01-31", "range")),
    ("season-range", "The 2014-15 season of talks achieved little.", PUB, None, ("2014-01-01", "2015-12-31", "range")),
    ("and-not-range", "Strikes hit on April 5 and 7.", PUB, None, ("2021-04-05", "2021-04-05", "day")),
    ("between-days-month-year", "Between 2 and 5 March 2015, envoys shuttled.", PUB, None, ("2015-03-02", "2015-03-05", "range")),
    # ---- month-day without a year (published 2021-04-12)
    ("md-recent", "The foreign minister arrived on April 6.", PUB, None, ("2021-04-06", "2021-04-06", "day")),
    ("md-last-december", "The convoy was attacked on December 20.", PUB, None, ("2020-12-20", "2020-12-20", "day")),
    ("md-near-future-no-tense", "The deadline is April 20.", PUB, None, ("2021-04-20", "2021-04-20", "day")),
    ("md-future-tense", "The vote will be held on June 1.", PUB, None, ("2021-06-01", "2021-06-01", "day")),
    ("md-past-tense", "Elections were held on October 3.", PUB, None, ("2020-10-03", "2020-10-03", "day")),
    ("md-future-past-date", "Talks will resume on March 15.", PUB, None, ("2022-03-15", "2022-03-15", "day")),
    ("md-past-tense-later-date", "Elections were held on May 3.", PUB, None, ("2020-05-03", "2020-05-03", "day")),
    ("md-weekday", "The summit opened on Tuesday, April 6.", PUB, None, ("2021-04-06", "2021-04-06", "day")),
    ("holiday", "The ceasefire broke down on Christmas Day.", PUB, None, ("2020-12-25", "2020-12-25", "day")),
    ("dm-no-year", "Envoys signed the text on 11 December.", PUB, None, ("2020-12-11", "2020-12-11", "day")),
    ("month-future", "The plant will close in October.", PUB, None, ("2021-10-01", "2021-10-31", "month")),
    ("month-past", "Protests erupted in January.", PUB, None, ("2021-01-01", "2021-01-31", "month")),
    ("month-no-tense", "The deadline is in June.", PUB, None, ("2021-06-01", "2021-06-30", "month")),
    ("month-next-year", "Leases expire in October of next year.", PUB, None, ("2022-10-01", "2022-10-31", "month")),
    ("md-historical-narrative", "On December 25 he made a surprise stop.", PUB, nar("2015-01-01", "2015-12-31", "year"), ("2015-12-25", "2015-12-25", "day")),
    ("md-decade-narrative", "On April 6 the talks collapsed.", PUB, nar("1980-01-01", "1989-12-31", "decade"), ("1980-01-01", "1989-12-31", "decade")),
    # ---- decades and centuries
    ("decade", "Relations were frozen in the 1980s.", PUB, None, ("1980-01-01", "1989-12-31", "decade")),
    ("late-decade", "Unrest spread in the late 1970s.", PUB, None, ("1977-01-01", "1979-12-31", "decade")),
    ("early-decade", "Trade boomed in the early 2000s.", PUB, None, ("2000-01-01", "2003-12-31", "decade")),
    ("mid-decade", "The mid-1990s brought a thaw.", PUB, None, ("1994-01-01", "1996-12-31", "decade")),
    ("late-decade-and", "Through the late 1970s and 1980s the rivalry deepened.", PUB, None, ("1977-01-01", "1989-12-31", "range")),
    ("decades-apostrophe", "In the 1970s and '80s the rivalry deepened.", PUB, None, ("1970-01-01", "1989-12-31", "range")),
    ("two-digit-decade", "Back in the '90s the port was busy.", PUB, None, ("1990-01-01", "1999-12-31", "decade")),
    ("decade-word", "Alliances shifted in the sixties.", PUB, None, ("1960-01-01", "1969-12-31", "decade")),
    ("late-decade-word", "The late nineties were turbulent.", PUB, None, ("1997-01-01", "1999-12-31", "decade")),
    ("decade-2010s", "The 2010s saw three coups.", PUB, None, ("2010-01-01", "2019-12-31", "decade")),
    ("century", "The border dates from the 19th century.", PUB, None, ("1800-01-01", "1899-12-31", "century")),
    ("early-century", "Railways came in the early 20th century.", PUB, None, ("1900-01-01", "1933-12-31", "century")),
    ("century-word", "It was the bloodiest war of the twentieth century.", PUB, None, ("1900-01-01", "1999-12-31", "century")),
    ("hundreds", "Traders settled there in the 1800s.", PUB, None, ("1800-01-01", "1899-12-31", "century")),
    # ---- seasons, quarters, parts of years
    ("season-year", "The offensive began in summer 2015.", PUB, None, ("2015-06-01", "2015-08-31", "season")),
    ("winter-of", "The winter of 2015 was brutal for refugees.", PUB, None, ("2014-12-01", "2015-02-28", "season")),
    ("spring-year", "Talks resumed in spring 2019.", PUB, None, ("2019-03-01", "2019-05-31", "season")),
    ("autumn-year", "The autumn 2008 crash hit exports.", PUB, None, ("2008-09-01", "2008-11-30", "season")),
    ("fall-of-year", "The cabinet fell in the fall of 2016.", PUB, None, ("2016-09-01", "2016-11-30", "season")),
    ("quarter-of", "Exports fell in the third quarter of 2019.", PUB, None, ("2019-07-01", "2019-09-30", "quarter")),
    ("q-short", "Exports fell in Q3 2019.", PUB, None, ("2019-07-01", "2019-09-30", "quarter")),
    ("quarter-last-year", "Imports peaked in the first quarter of last year.", PUB, None, ("2020-01-01", "2020-03-31", "quarter")),
    ("quarter-no-year", "Profits rose in the fourth quarter.", PUB, None, ("2020-10-01", "2020-12-31", "quarter")),
    ("early-year", "Elections are due in early 2016.", PUB, None, ("2016-01-01", "2016-04-30", "year")),
    ("late-year", "The pact was sealed in late 2016.", PUB, None, ("2016-09-01", "2016-12-31", "year")),
    ("mid-year", "The envoy was recalled in mid-2016.", PUB, None, ("2016-05-01", "2016-08-31", "year")),
    ("end-of-year", "The base closed at the end of 2016.", PUB, None, ("2016-09-01", "2016-12-31", "year")),
    ("beginning-of-year", "Talks restarted at the beginning of 2017.", PUB, None, ("2017-01-01", "2017-04-30", "year")),
    ("half", "Growth slowed in the first half of 2019.", PUB, None, ("2019-01-01", "2019-06-30", "range")),
    ("this-summer", "The withdrawal is planned for this summer.", PUB, None, ("2021-06-01", "2021-08-31", "season")),
    ("last-summer", "Floods struck last summer.", PUB, None, ("2020-06-01", "2020-08-31", "season")),
    ("last-winter", "Gas supplies ran short last winter.", PUB, None, ("2020-12-01", "2021-02-28", "season")),
    # a bare season as the subject of a clause; the verb "spring" and noun modifiers are no season
    ("season-subject", "The thaw came late, but summer brought record harvests.", PUB, None, ("2020-06-01", "2020-08-31", "season")),
    ("season-subject-initial", "Winter arrived early and the mountain passes closed.", PUB, None, ("2020-12-01", "2021-02-28", "season")),
    ("spring-verb", "Militias spring up in every valley.", PUB, None, NO_DATE),
    ("season-modifier", "Summer Olympics tickets sold out in minutes.", PUB, None, NO_DATE),
    ("season-in-the", "The ferry resumes service in the spring.", PUB, None, ("2021-03-01", "2021-05-31", "season")),
    ("q1", "Arms sales grew in Q1 2020.", PUB, None, ("2020-01-01", "2020-03-31", "quarter")),
    # ---- relative to the narrative time
    ("months-later", "Three months later the deal collapsed.", PUB, nar("2015-07-01", "2015-07-31", "month"), ("2015-10-01", "2015-10-31", "month")),
    ("year-later", "A year later he returned to Delhi.", PUB, nar("2015-01-01", "2015-12-31", "year"), Y(2016)),
    ("years-on", "Two years on, little had changed.", PUB, nar("2010-01-01", "2010-12-31", "year"), Y(2012)),
    ("following-year", "The following year, elections were held.", PUB, nar("2015-01-01", "2015-12-31", "year"), Y(2016)),
    ("next-month", "The next month, talks resumed.", PUB, nar("2015-07-01", "2015-07-31", "month"), ("2015-08-01", "2015-08-31", "month")),
    ("same-year", "The same year, the embassy reopened.", PUB, nar("2003-01-01", "2003-12-31", "year"), Y(2003)),
    ("that-year", "That year the embassy reopened.", PUB, nar("2003-01-01", "2003-12-31", "year"), Y(2003)),
    ("subsequently", "Subsequently, the envoy resigned.", PUB, nar("2015-07-10", "2015-07-10", "day"), ("2015-07-10", "2015-07-10", "day")),
    ("decade-later", "A decade later, the troops withdrew.", PUB, nar("1979-01-01", "1979-12-31", "year"), Y(1989)),
    ("earlier-that-year", "Earlier that year, talks had failed.", PUB, nar("2015-07-10", "2015-07-10", "day"), ("2015-01-01", "2015-07-10", "range")),
    ("within-weeks", "Within weeks, the ceasefire broke down.", PUB, nar("2015-07-10", "2015-07-10", "day"), ("2015-07-10", "2015-09-04", "range")),
    ("same-month", "In the same month, a second summit took place.", PUB, nar("2015-07-01", "2015-07-31", "month"), ("2015-07-01", "2015-07-31", "month")),
    ("days-later", "Two days later the envoy left.", PUB, nar("2015-07-10", "2015-07-10", "day"), ("2015-07-12", "2015-07-12", "day")),
    ("next-day", "The next day the envoy left.", PUB, nar("2015-07-10", "2015-07-10", "day"), ("2015-07-11", "2015-07-11", "day")),
    ("week-earlier", "A week earlier, the envoy had arrived.", PUB, nar("2015-07-10", "2015-07-10", "day"), ("2015-07-03", "2015-07-03", "day")),
    ("then", "Then the army moved in.", PUB, nar("2012-01-01", "2012-12-31", "year"), Y(2012)),
    ("previous-year", "The previous year, sanctions had been imposed.", PUB, nar("2012-01-01", "2012-12-31", "year"), Y(2011)),
    ("later-that-year-coarse", "Later that year the talks resumed.", PUB, nar("2012-01-01", "2012-12-31", "year"), Y(2012)),
    ("later-that-year-fine", "Later that year the talks resumed.", PUB, nar("2015-03-10", "2015-03-10", "day"), ("2015-03-10", "2015-12-31", "range")),
    ("following-day-fallback", "The following day the minister resigned.", PUB, None, ("2021-04-13", "2021-04-13", "day")),
    ("since-then", "Since then, relations have improved.", PUB, nar("2001-01-01", "2001-12-31", "year"), ("2001-01-01", "2021-04-12", "range")),
    ("chain-in-sentence", "The deal, which was signed in 2012, collapsed three months later.", PUB, None, ("2012-04-01", "2013-03-31", "range")),
    ("year-earlier", "A year earlier the same envoy had been expelled.", PUB, nar("2009-01-01", "2009-12-31", "year"), Y(2008)),
    # ---- relative to publication
    ("recently", "The two ministers recently met in Doha.", PUB, None, ("2021-01-12", "2021-04-12", "range")),
    ("last-week", "The envoy flew home last week.", PUB, None, ("2021-04-05", "2021-04-11", "week")),
    ("last-month", "The envoy flew home last month.", PUB, None, ("2021-03-01", "2021-03-31", "month")),
    ("last-year", "The envoy flew home last year.", PUB, None, Y(2020)),
    ("this-year", "Trade has grown this year.", PUB, None, Y(2021)),
    ("this-month", "Trade has grown this month.", PUB, None, ("2021-04-01", "2021-04-30", "month")),
    ("earlier-this-year", "Earlier this year the two sides clashed.", PUB, None, ("2021-01-01", "2021-04-12", "range")),
    ("on-tuesday", "The sides signed a memorandum on Tuesday.", PUB, None, ("2021-04-06", "2021-04-06", "day")),
    ("on-monday-same-day", "The sides signed a memorandum on Monday.", PUB, None, ("2021-04-12", "2021-04-12", "day")),
    ("yesterday", "Yesterday the ministry issued a protest.", PUB, None, ("2021-04-11", "2021-04-11", "day")),
    ("today", "The ministry issued a protest today.", PUB, None, ("2021-04-12", "2021-04-12", "day")),
    ("currently", "Both navies are currently at sea.", PUB, None, ("2021-04-12", "2021-04-12", "day")),
    ("now", "The border is now closed.", PUB, None, ("2021-04-12", "2021-04-12", "day")),
    ("to-date", "No arrests have been made to date.", PUB, None, ("2021-04-12", "2021-04-12", "day")),
    ("recent-years", "In recent years the strait has been tense.", PUB, None, ("2016-04-13", "2021-04-12", "range")),
    ("next-week", "The envoy returns next week.", PUB, None, ("2021-04-19", "2021-04-25", "week")),
    ("next-month-deictic", "The envoy returns next month.", PUB, None, ("2021-05-01", "2021-05-31", "month")),
    ("next-year", "The envoy returns next year.", PUB, None, Y(2022)),
    ("past-decade", "In the past decade the alliance expanded.", PUB, None, ("2011-04-12", "2021-04-12", "range")),
    ("past-20-years", "Over the past 20 years trade tripled.", PUB, None, ("2001-04-12", "2021-04-12", "range")),
    # "the last year": the accounting year after a reported result, otherwise the past 12 months
    ("last-year-result", "The insurer posted a net loss for the last year of $1.2 billion.", PUB, None, Y(2020)),
    ("last-year-sales", "Sales for the last year rose by a fifth.", PUB, None, Y(2020)),
    ("last-year-span", "She has chaired the commission for the last year.", PUB, None, ("2020-04-12", "2021-04-12", "range")),
    ("last-year-over", "Over the last year the currency lost half its value.", PUB, None, ("2020-04-12", "2021-04-12", "range")),
    # streaks: the latest unit of the streak
    ("streak-session", "Shares in the port operator fell for a third straight session.", PUB, None, ("2021-04-12", "2021-04-12", "day")),
    ("streak-week-row", "Exports shrank for the fifth week in a row.", PUB, None, ("2021-04-12", "2021-04-18", "week")),
    ("streak-dated", "Consumer confidence fell for a second consecutive month in March.", PUB, None, ("2021-03-01", "2021-03-31", "month")),
    ("streak-narrative", "Output rose for a sixth successive year.", PUB, nar("2019-01-01", "2019-12-31", "year"), Y(2019)),
    ("ordinal-not-streak", "The fourth day of talks opened in a lakeside hotel.", PUB, None, NO_DATE),
    ("streak-cardinal-duration", "Prices rose for three consecutive days.", PUB, None, ("DURATION", "P3D")),
    # "recent": in recent <proper adjective> history; attributive "recent" dates nothing
    ("recent-proper-history", "It was the deadliest flood in recent Pakistani history.", PUB, None, ("2011-04-15", "2021-04-12", "range")),
    ("recent-attributive", "The recent border clashes have strained ties.", PUB, None, NO_DATE),
    ("most-recent", "The most recent census counted nine million people.", PUB, None, NO_DATE),
    ("years-ago", "Two years ago the accord was signed.", PUB, None, Y(2019)),
    ("week-ago", "A week ago the accord was signed.", PUB, None, ("2021-04-05", "2021-04-05", "day")),
    ("months-ago", "Three months ago the accord was signed.", PUB, None, ("2021-01-01", "2021-01-31", "month")),
    ("last-tuesday", "Troops withdrew last Tuesday.", PUB, None, ("2021-04-06", "2021-04-06", "day")),
    ("next-friday", "Troops withdraw next Friday.", PUB, None, ("2021-04-16", "2021-04-16", "day")),
    ("future-weekday", "The minister will visit Seoul on Friday.", PUB, None, ("2021-04-16", "2021-04-16", "day")),
    ("last-september", "Relations soured last September.", PUB, None, ("2020-09-01", "2020-09-30", "month")),
    ("this-weekend", "Rallies are planned this weekend.", PUB, None, ("2021-04-17", "2021-04-18", "week")),
    ("later-this-year", "A summit is expected later this year.", PUB, None, ("2021-04-12", "2021-12-31", "range")),
    ("late-last-year", "Late last year, the alliance split.", PUB, None, ("2020-09-01", "2020-12-31", "year")),
    ("mid-month-bare", "Mid-March saw fresh protests.", PUB, None, ("2021-03-11", "2021-03-20", "month")),
    ("tomorrow", "The cabinet meets tomorrow.", PUB, None, ("2021-04-13", "2021-04-13", "day")),
    ("coming-months", "Tension may rise in the coming months.", PUB, None, ("2021-04-12", "2021-08-12", "range")),
    # ---- open spans
    ("since-year", "Since 2016 the two navies have held joint drills.", PUB, None, ("2016-01-01", "2021-04-12", "range")),
    ("since-month", "Since March 2019 the crossing has stayed shut.", PUB, None, ("2019-03-01", "2021-04-12", "range")),
    ("since-apostrophe", "Nothing similar has happened since '82.", PUB, None, ("1982-01-01", "2021-04-12", "range")),
    ("since-no-pub", "Since 2016 the two navies have held joint drills.", None, None, ("2016-01-01", "2016-12-31", "range")),
    ("ever-since-decade", "Ever since the 1990s the dispute has simmered.", PUB, None, ("1990-01-01", "2021-04-12", "range")),
    # ---- durations never become dates
    ("dur-in-years", "It was the first such visit in 38 years.", PUB, None, ("DURATION", "P38Y")),
    ("dur-hyphen-days", "The minister began a 3-day visit.", PUB, None, ("DURATION", "P3D")),
    ("dur-decades", "The feud has lasted for two decades.", PUB, None, ("DURATION", "P20Y")),
    ("dur-months", "Six months of talks produced nothing.", PUB, None, ("DURATION", "P6M")),
    ("dur-half", "The case dragged on for nearly two and a half years.", PUB, None, ("DURATION", "P2.5Y")),
    ("dur-word-year", "He ended a 27-year rule.", PUB, None, ("DURATION", "P27Y")),
    ("dur-decade", "Almost a decade of war followed.", PUB, None, ("DURATION", "P10Y")),
    ("dur-hours", "The ceasefire held for 72 hours.", PUB, None, ("DURATION", "P72H".replace("P72H", "PT72H"))),
    # ---- impossible dates: a mention, never a value, never an error
    ("impossible-feb30", "The decree is dated February 30, 2020.", PUB, None, NO_DATE),
    ("impossible-apr31", "The decree is dated April 31.", PUB, None, NO_DATE),
    ("impossible-slash", "The code 13/45/2020 is not a date.", PUB, None, NO_DATE),
    # ---- deictic with no publication date cannot be resolved
    ("no-pub-yesterday", "Yesterday the ministry issued a protest.", None, None, NO_DATE),
    ("no-pub-last-week", "The envoy flew home last week.", None, None, NO_DATE),
]


def _dated(ms: list[TimeMention]) -> list[TimeMention]:
    return [m for m in ms if m.timex_type == "DATE" and m.value is not None]


@pytest.mark.parametrize("case_id,text,published,narrative,expected", CASES, ids=[c[0] for c in CASES])
def test_expression(case_id, text, published, narrative, expected):
    ms = find_times(text, published, narrative)
    for m in ms:
        assert text[m.start:m.end] == m.text
        assert m.kind in ("absolute", "narrative", "deictic", "open")
        assert m.timex_type in ("DATE", "DURATION", "SET", "TIME")
    dated = _dated(ms)
    got = [(m.value.start.isoformat(), m.value.end.isoformat(), m.value.precision) for m in dated]
    if expected == NO_DATE:
        assert got == [], f"{text!r}: expected no dated mention, got {got}"
        return
    if isinstance(expected, tuple) and expected[0] in ("DURATION", "SET"):
        assert got == [], f"{text!r}: a {expected[0]} must not date anything, got {got}"
        found = [(m.timex_type, m.timex_value) for m in ms]
        assert expected in found, f"{text!r}: expected {expected}, got {found}"
        assert all(m.value is None for m in ms if m.timex_type == "DURATION")
        return
    start, end, precision = expected
    if precision is None:  # only the start matters
        assert any(g[0] == start for g in got), f"{text!r}: expected start {start}, got {got}"
        return
    assert (start, end, precision) in got, f"{text!r}: expected {(start, end, precision)}, got {got}"


def test_table_size():
    assert len(CASES) >= 150


# ---- a few properties beyond the table

def test_kinds():
    kinds = {m.text: m.kind for m in find_times("Since 2016, and recently, and three months later, in July 2015.", PUB)}
    assert kinds["Since 2016"] == "open"
    assert kinds["recently"] == "deictic"
    assert kinds["three months later"] == "narrative"
    assert kinds["July 2015"] == "absolute"


@pytest.mark.parametrize(
    "text,value",
    [
        ("in July 2015", "2015-07"),
        ("in 2015", "2015"),
        ("the 1980s", "198"),
        ("the 19th century", "18"),
        ("on April 6, 2021", "2021-04-06"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("in the near future", "FUTURE_REF"),
        ("last week", "2021-W14"),
        ("the third quarter of 2015", "2015-Q3"),
        ("summer 2015", "2015-SU"),
        ("for three months", "P3M"),
        ("between 2003 and 2005", "2003/2005"),
        ("fiscal 2009", "FY2009"),
        ("this weekend", "2021-W15-WE"),
        ("in the past decade", "P10Y"),
        ("this week", "2021-W15"),  # ISO 8601: Monday 2021-04-12 opens week 15
        ("but autumn brought rain", "2020-FA"),
        ("for a second consecutive day", "2021-04-12"),
        ("for the fourth month in a row", "2021-04"),
        ("a loss for the last year", "2020"),
        ("for the last year", "P1Y"),
        ("the recent border clashes", "PAST_REF"),
        ("in recent Turkish history", "PAST_REF"),
    ],
)
def test_timex_values(text, value):
    ms = find_times(text, PUB)
    assert [m.timex_value for m in ms] == [value]


@pytest.mark.parametrize(
    "published,text,value",
    [
        (date(2006, 3, 28), "this week", "2006-W13"),   # a Tuesday in ISO week 13
        (date(2008, 10, 9), "this week", "2008-W41"),
        (date(2010, 1, 3), "this week", "2009-W53"),    # a Sunday that closes ISO 2009's week 53
        (date(2008, 12, 29), "this week", "2009-W01"),  # a Monday that opens ISO 2009
        (date(2008, 10, 13), "the weekend", "2008-W41-WE"),  # on a Monday: the weekend just past
    ],
)
def test_iso_weeks(published, text, value):
    assert [m.timex_value for m in find_times(text, published)] == [value]


@pytest.mark.parametrize("text", ["the most recent census", "a more recent survey", "the data is recent."])
def test_recent_not_a_time(text):
    assert find_times(text, PUB) == []


def test_offsets_and_text():
    text = "After talks on May 1, 2018, and again last week, the sides agreed."
    ms = find_times(text, PUB)
    assert [m.text for m in ms] == ["May 1, 2018", "last week"]
    for m in ms:
        assert text[m.start:m.end] == m.text


def test_duration_is_not_event_date_in_context():
    ms = find_times("It was the first visit by an Indian premier in 38 years.", PUB)
    assert [(m.timex_type, m.value) for m in ms] == [("DURATION", None)]


def test_impossible_date_is_a_mention_without_value():
    ms = find_times("The decree is dated February 30, 2020.", PUB)
    assert len(ms) == 1 and ms[0].value is None and ms[0].timex_value is None


def test_published_as_datetime_and_narrative_as_date():
    from datetime import datetime

    ms = find_times("Two days later the envoy left, and yesterday he returned.", datetime(2021, 4, 12, 9, 30), date(2015, 7, 10))
    assert [(m.value.start, m.value.precision) for m in ms] == [(date(2015, 7, 12), "day"), (date(2021, 4, 11), "day")]


def test_never_raises_on_random_text():
    rng = random.Random(20210412)
    alphabet = (
        "0123456789 -–/.,:;'’$%()"
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        "\u00e9\u00fc\u0416\u4e2d\u0627\u200b\u2028\U0001F600\n\t"
    )
    words = ["May", "June", "since", "the", "1980s", "2016", "Q3", "later", "ago", "Tuesday", "of", "between", "and",
             "30", "February", "'82", "mid-", "early", "late", "century", "19th", "years", "within", "weeks", "FY"]
    for i in range(400):
        if i % 2:
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        else:
            s = " ".join(rng.choice(words + [str(rng.randint(0, 3000))]) for _ in range(rng.randint(0, 15)))
        for pub in (None, PUB, date(1, 1, 1), date(9999, 12, 31)):
            ms = find_times(s, pub, None)
            assert isinstance(ms, list)
            Narrative(pub).read(s)
    for s in ("", "\x00", "\ud800", "9" * 5000, "May " * 2000, "- " * 3000):
        assert isinstance(find_times(s, PUB), list)
    assert find_times(None, PUB) == []  # type: ignore[arg-type]


# ------------------------------------------------- the pre-scan gate
@pytest.mark.parametrize("text", [
    "Prospects in the near term appear good.", "They met three years ago.", "Talks resumed thereafter.",
    "So far no one has claimed it.", "The deal was signed in the seventies.", "He left for ages.",
])
def test_the_gate_lets_time_words_through(text):
    from accord.time import _GATE

    assert _GATE.search(text), text


def test_a_sentence_with_no_time_word_is_not_scanned():
    from accord.time import _GATE, _candidates

    text = "Kenya and Uganda signed a border agreement."
    assert not _GATE.search(text) and _candidates(text) == []
    # The gate only skips work: with it, the same expressions are found.
    assert [m.text for m in find_times("Kenya signed it on 4 May 2021.", None)] == ["4 May 2021"]
