"""Tests of accord.analysis and accord.plots on hand-built event tables.

Every expected number below is worked out by hand from the rows built here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from accord import analysis as an
from accord.analysis import (
    ChangePoint,
    TiltResult,
    actor_name,
    assign_periods,
    changepoints,
    dyad_events,
    relation_score,
    series,
)
from accord.analysis import tilt as _tilt
from accord.errors import UsageError
from accord.plots import plot_series, plot_tilt


def tilt(*args, **kwargs):
    """The hand tables below pin the per-period arithmetic with one-sided
    periods left out (``missing="skip"``); the default, neutral handling of
    one-sided periods has its own tests."""
    kwargs.setdefault("missing", "skip")
    return _tilt(*args, **kwargs)

COLUMNS = [
    "event_id", "doc_id", "source_code", "source_country", "source_sector", "source_text",
    "target_code", "target_country", "target_sector", "target_text", "cameo", "root",
    "quad_class", "goldstein", "plover_type", "plover_mode", "mutual", "modality",
    "date_start", "date_end", "date_precision", "date_text", "sentence", "start", "end",
    "confidence",
]  # fmt: skip

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_counter = iter(range(1, 1_000_000))


def ev(
    src: str,
    tgt: str,
    goldstein: float,
    start: str | None,
    end: str | None = None,
    *,
    quad: int | None = None,
    mutual: bool = False,
    modality: str = "asserted",
    event_id: str | None = None,
    cameo: str = "042",
) -> dict:
    """One event row as the store would produce it."""
    n = next(_counter)
    if quad is None:
        quad = 1 if goldstein >= 0 else 3
    return {
        "event_id": event_id or f"ev{n:04d}",
        "doc_id": f"doc{n % 7}",
        "source_code": f"{src}GOV",
        "source_country": src,
        "source_sector": "GOV",
        "source_text": src,
        "target_code": f"{tgt}GOV",
        "target_country": tgt,
        "target_sector": "GOV",
        "target_text": tgt,
        "cameo": cameo,
        "root": cameo[:2],
        "quad_class": quad,
        "goldstein": float(goldstein),
        "plover_type": None,
        "plover_mode": None,
        "mutual": mutual,
        "modality": modality,
        "date_start": pd.Timestamp(start) if start else None,
        "date_end": pd.Timestamp(end) if end else (pd.Timestamp(start) if start else None),
        "date_precision": "day",
        "date_text": start or "",
        "sentence": f"{src} did something to {tgt} ({n}).",
        "start": 0,
        "end": 10,
        "confidence": 0.9,
    }


def table(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["date_start"] = pd.to_datetime(df["date_start"])
    df["date_end"] = pd.to_datetime(df["date_end"])
    return df


def row_of(df: pd.DataFrame, period: str) -> pd.Series:
    hit = df[df["period"].astype(str) == period]
    assert len(hit) == 1, f"no single row for {period}"
    return hit.iloc[0]


# --------------------------------------------------------------------------
# periods and weights
# --------------------------------------------------------------------------


def test_multi_year_event_spreads_over_six_years():
    df = table([ev("RUS", "PAK", 4, "2016-03-01", "2021-10-31", event_id="span")])
    per = assign_periods(df, "year")
    assert [str(p) for p in per["period"]] == ["2016", "2017", "2018", "2019", "2020", "2021"]
    assert per["weight"].tolist() == pytest.approx([1 / 6] * 6)
    assert per["weight"].sum() == pytest.approx(1.0)
    assert per.iloc[0]["period_start"] == pd.Timestamp("2016-01-01")
    assert per.iloc[0]["period_end"] == pd.Timestamp("2016-12-31")
    assert per.attrs["undated"] == 0


def test_decade_range_spreads_over_ten_years_and_quarters():
    df = table([ev("USA", "RUS", -2, "1980-01-01", "1989-12-31")])
    per = assign_periods(df, "year")
    assert len(per) == 10
    assert per["weight"].tolist() == pytest.approx([0.1] * 10)
    q = assign_periods(table([ev("USA", "RUS", -2, "2015-08-15", "2016-02-01")]), "quarter")
    assert [str(p) for p in q["period"]] == ["2015Q3", "2015Q4", "2016Q1"]
    assert q["weight"].tolist() == pytest.approx([1 / 3] * 3)
    m = assign_periods(table([ev("USA", "RUS", -2, "2015-07-30", "2015-08-02")]), "month")
    assert [str(p) for p in m["period"]] == ["2015-07", "2015-08"]


def test_undated_events_are_left_out_and_counted():
    df = table([ev("RUS", "PAK", 1, "2015-01-01"), ev("RUS", "PAK", 1, None), ev("RUS", "PAK", 2, None)])
    per = assign_periods(df, "year")
    assert len(per) == 1
    assert per.attrs["undated"] == 2
    s = series(df, "RUS", "PAK")
    assert s.attrs["undated"] == 2


def test_missing_end_means_single_day():
    df = table([ev("RUS", "PAK", 1, "2015-12-31")])
    df["date_end"] = pd.NaT
    per = assign_periods(df, "month")
    assert [str(p) for p in per["period"]] == ["2015-12"]
    assert per["weight"].tolist() == [1.0]


# --------------------------------------------------------------------------
# series
# --------------------------------------------------------------------------


def test_series_counts_by_quad_per_year():
    df = table(
        [
            ev("RUS", "PAK", 3, "2015-01-10", quad=1),
            ev("PAK", "RUS", 7, "2015-05-01", quad=2),
            ev("RUS", "PAK", -2, "2015-09-01", quad=3),
            ev("RUS", "PAK", 4, "2016-02-01", quad=1),
            ev("RUS", "PAK", -10, "2016-06-01", quad=4),
            ev("RUS", "IND", 9, "2016-06-01", quad=2),  # another dyad: ignored
        ]
    )
    s = series(df, "RUS", "PAK")
    assert [str(p) for p in s["period"]] == ["2015", "2016"]
    y15, y16 = row_of(s, "2015"), row_of(s, "2016")
    assert (y15["q1"], y15["q2"], y15["q3"], y15["q4"]) == (1.0, 1.0, 1.0, 0.0)
    assert (y16["q1"], y16["q2"], y16["q3"], y16["q4"]) == (1.0, 0.0, 0.0, 1.0)
    assert y15["events"] == 3.0 and y15["n_events"] == 3
    assert y15["goldstein_sum"] == pytest.approx(8.0)
    assert y15["goldstein_mean"] == pytest.approx(8 / 3)
    assert y15["net_coop"] == pytest.approx((2 - 1) / 3)
    assert y16["goldstein_mean"] == pytest.approx(-3.0)
    assert y16["net_coop"] == pytest.approx(0.0)
    assert len(y15["event_ids"]) == 3


def test_series_weights_a_multi_year_event():
    df = table(
        [
            ev("RUS", "PAK", 6, "2016-01-01", "2021-12-31", quad=2, event_id="long"),
            ev("RUS", "PAK", -3, "2018-05-05", quad=3, event_id="short"),
        ]
    )
    s = series(df, "RUS", "PAK")
    assert [str(p) for p in s["period"]] == [str(y) for y in range(2016, 2022)]
    assert s["q2"].tolist() == pytest.approx([1 / 6] * 6)
    assert s["q2"].sum() == pytest.approx(1.0)
    y18 = row_of(s, "2018")
    assert y18["events"] == pytest.approx(1 + 1 / 6)
    assert y18["n_events"] == 2
    # weighted mean: (6 * 1/6 - 3 * 1) / (1/6 + 1)
    assert y18["goldstein_mean"] == pytest.approx((1 - 3) / (7 / 6))
    assert y18["goldstein_sum"] == pytest.approx(-2.0)
    assert row_of(s, "2017")["goldstein_mean"] == pytest.approx(6.0)
    assert y18["event_ids"] == ["long", "short"]


def test_series_empty_periods_are_nan_rows():
    df = table([ev("RUS", "PAK", 2, "2010-06-01"), ev("RUS", "PAK", 4, "2013-06-01")])
    s = series(df, "RUS", "PAK")
    assert [str(p) for p in s["period"]] == ["2010", "2011", "2012", "2013"]
    for gap in ("2011", "2012"):
        r = row_of(s, gap)
        assert r["n_events"] == 0
        assert r["event_ids"] == []
        for col in ("events", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "net_coop"):
            assert math.isnan(r[col]), col
    assert row_of(s, "2010")["q2"] == 0.0  # inside a non-empty period, zero is zero


def test_series_with_no_dyad_events_is_empty_frame():
    df = table([ev("RUS", "PAK", 2, "2010-06-01")])
    s = series(df, "RUS", "USA")
    assert len(s) == 0
    assert "goldstein_mean" in s.columns


def test_directed_vs_undirected_and_mutual():
    df = table(
        [
            ev("RUS", "PAK", 5, "2015-01-01", event_id="r2p"),
            ev("PAK", "RUS", 1, "2015-02-01", event_id="p2r"),
            ev("PAK", "RUS", 8, "2015-03-01", mutual=True, event_id="mutual_p2r"),
            ev("RUS", "IND", 3, "2015-03-01", event_id="other"),
        ]
    )
    und = dyad_events(df, "RUS", "PAK")
    assert sorted(und["event_id"]) == ["mutual_p2r", "p2r", "r2p"]
    rus_to_pak = dyad_events(df, "RUS", "PAK", directed=True)
    assert sorted(rus_to_pak["event_id"]) == ["mutual_p2r", "r2p"]
    pak_to_rus = dyad_events(df, "PAK", "RUS", directed=True)
    assert sorted(pak_to_rus["event_id"]) == ["mutual_p2r", "p2r"]
    s = series(df, "RUS", "PAK", directed=True)
    assert row_of(s, "2015")["n_events"] == 2
    assert row_of(s, "2015")["goldstein_mean"] == pytest.approx(6.5)
    assert row_of(series(df, "RUS", "PAK"), "2015")["n_events"] == 3


def test_only_asserted_events_count_unless_asked():
    df = table(
        [
            ev("RUS", "PAK", 5, "2015-01-01"),
            ev("RUS", "PAK", -9, "2015-01-01", modality="hypothetical"),
            ev("RUS", "PAK", -9, "2015-01-01", modality="negated"),
        ]
    )
    assert len(dyad_events(df, "RUS", "PAK")) == 1
    assert len(dyad_events(df, "RUS", "PAK", modalities=None)) == 3
    assert len(dyad_events(df, "RUS", "PAK", modalities=["asserted", "negated"])) == 2
    assert row_of(series(df, "RUS", "PAK"), "2015")["goldstein_mean"] == 5.0


def test_events_with_an_implied_side_do_not_count():
    # "a roadside bomb near Kandahar killed two Canadian soldiers": the
    # attacker is implied (AFG UAF with no text), not a named Afghan act
    implied = ev("AFG", "CAN", -10, "2010-05-01", event_id="implied", cameo="190")
    implied["source_text"] = ""
    named = ev("AFG", "CAN", -2, "2010-05-01", event_id="named", cameo="111")
    df = table([implied, named])
    assert list(dyad_events(df, "AFG", "CAN")["event_id"]) == ["named"]
    assert row_of(series(df, "AFG", "CAN"), "2010")["goldstein_mean"] == -2.0


def test_dyad_events_does_not_modify_input():
    df = table([ev("RUS", "PAK", 5, "2015-01-01")])
    before = df.copy()
    series(df, "RUS", "PAK")
    tilt(df, "RUS", "PAK", "IND", n_boot=10)
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------
# relation score and tilt
# --------------------------------------------------------------------------


def test_relation_score_is_weighted_mean_scalar_and_rows():
    assert relation_score([8, 2], [1, 1]) == 5.0
    assert relation_score([6, -3], [1 / 6, 1]) == pytest.approx(-2 / (7 / 6))
    assert math.isnan(relation_score([], []))
    rows = relation_score(np.array([[8.0, 2.0], [2.0, 2.0]]), np.ones((2, 2)))
    assert rows.tolist() == [5.0, 2.0]


def hand_table() -> pd.DataFrame:
    """RUS–PAK 8 and 2 in 2015, RUS–IND 1.9 in 2015; 2016 only RUS–PAK."""
    return table(
        [
            ev("RUS", "PAK", 8, "2015-02-01", event_id="p1"),
            ev("PAK", "RUS", 2, "2015-07-01", event_id="p2"),
            ev("RUS", "IND", 1.9, "2015-03-01", event_id="i1"),
            ev("RUS", "PAK", 3, "2016-03-01", event_id="p3"),
            ev("RUS", "CHN", -7, "2015-03-01", event_id="c1"),
        ]
    )


def test_tilt_per_period_by_hand():
    res = tilt(hand_table(), "RUS", "PAK", "IND", n_boot=2000, seed=1)
    assert isinstance(res, TiltResult)
    assert [p.period for p in res.periods] == ["2015", "2016"]
    p15 = res.periods[0]
    assert p15.score_toward == pytest.approx(5.0)
    assert p15.score_away == pytest.approx(1.9)
    assert p15.tilt == pytest.approx(3.1)
    assert (p15.n_toward, p15.n_away) == (2, 1)
    assert sorted(p15.events) == ["i1", "p1", "p2"]
    assert (p15.start, p15.end) == ("2015-01-01", "2015-12-31")
    # resampling {8, 2}: means 8, 5, 2 with probabilities 1/4, 1/2, 1/4;
    # India's single event is always 1.9 -> tilts 6.1, 3.1, 0.1
    assert p15.low == pytest.approx(0.1)
    assert p15.high == pytest.approx(6.1)
    # overall = the only computable period
    assert res.overall is not None
    assert res.overall.tilt == pytest.approx(3.1)
    assert res.overall.periods == ["2015"]
    assert res.overall.n_events == 3


def test_nan_tilt_when_one_side_is_empty_but_row_is_shown():
    res = tilt(hand_table(), "RUS", "PAK", "IND", n_boot=200)
    p16 = res.periods[1]
    assert p16.period == "2016"
    assert p16.score_toward == pytest.approx(3.0)
    assert math.isnan(p16.score_away)
    assert math.isnan(p16.tilt) and math.isnan(p16.low) and math.isnan(p16.high)
    assert (p16.n_toward, p16.n_away) == (1, 0)
    assert p16.events == ["p3"]
    js = res.to_json()
    assert js["periods"][1]["tilt"] is None and js["periods"][1]["score_toward"] == 3.0


def test_tilt_gap_years_are_rows():
    df = table([ev("RUS", "PAK", 5, "2010-01-01"), ev("RUS", "IND", 1, "2010-01-01"),
                ev("RUS", "PAK", 5, "2013-01-01"), ev("RUS", "IND", 1, "2013-01-01")])
    res = tilt(df, "RUS", "PAK", "IND", n_boot=50)
    assert [p.period for p in res.periods] == ["2010", "2011", "2012", "2013"]
    assert res.periods[1].n_toward == 0 and res.periods[1].events == []
    assert math.isnan(res.periods[1].tilt)


def test_bootstrap_is_reproducible_and_contains_estimate():
    rng = np.random.default_rng(42)
    rows = []
    for year in range(2012, 2018):
        for g in rng.normal(3, 2.5, 6):
            rows.append(ev("RUS", "PAK", round(float(g), 1), f"{year}-06-01"))
        for g in rng.normal(1, 2.5, 5):
            rows.append(ev("IND", "RUS", round(float(g), 1), f"{year}-04-01"))
    df = table(rows)
    a = tilt(df, "RUS", "PAK", "IND", n_boot=500, seed=7)
    b = tilt(df, "RUS", "PAK", "IND", n_boot=500, seed=7)
    c = tilt(df, "RUS", "PAK", "IND", n_boot=500, seed=8)
    assert a.to_json() == b.to_json()
    assert [p.low for p in a.periods] != [p.low for p in c.periods]
    for p in a.periods:
        assert p.low <= p.tilt <= p.high
        assert p.low < p.high
    assert a.overall.low <= a.overall.tilt <= a.overall.high
    # the overall interval pools six periods: narrower than any one period's
    width = a.overall.high - a.overall.low
    assert width < min(p.high - p.low for p in a.periods)
    # a period's interval does not depend on the other periods' data
    only_2014 = df[df["date_start"].dt.year == 2014]
    d = tilt(only_2014, "RUS", "PAK", "IND", n_boot=500, seed=7)
    assert (d.periods[0].low, d.periods[0].high) == (a.periods[2].low, a.periods[2].high)


def lean_table(sign: int) -> pd.DataFrame:
    """2012–2013 lean one way, 2014–2016 clearly the other (``sign``)."""
    rows = []
    for year in (2012, 2013):
        rows += [ev("RUS", "PAK", -sign * 4, f"{year}-03-01"), ev("RUS", "IND", sign * 4, f"{year}-03-01")]
    for year in (2014, 2015, 2016):
        rows += [
            ev("RUS", "PAK", sign * 6, f"{year}-03-01"),
            ev("PAK", "RUS", sign * 7, f"{year}-05-01"),
            ev("RUS", "IND", -sign * 2, f"{year}-03-01"),
            ev("IND", "RUS", -sign * 1, f"{year}-08-01"),
        ]
    return table(rows)


def test_summary_positive_lean_since():
    res = tilt(lean_table(+1), "RUS", "PAK", "IND", n_boot=400)
    first = res.summary.split(". ")[0]
    assert first.startswith("Russia leans toward Pakistan over India since 2014: +")
    assert "(90% interval +" in first
    assert "from 12 events" in first
    assert res.recent is not None and res.recent.periods == ["2014", "2015", "2016"]
    # per-period tilt 6.5 - (-1.5) = 8.0 in each of 2014-2016
    assert res.recent.tilt == pytest.approx(8.0)
    assert "+8.0" in first
    # the whole record, 2012-2016, is reported in a second sentence
    assert "in 2012–2016 taken together" in res.summary
    assert res.overall.periods == ["2012", "2013", "2014", "2015", "2016"]


def test_summary_negative_lean_names_the_other_side_first():
    res = tilt(lean_table(-1), "RUS", "PAK", "IND", n_boot=400)
    assert res.recent.tilt == pytest.approx(-8.0)
    assert res.summary.startswith("Russia leans toward India over Pakistan since 2014: +8.0 (90% interval +")


def test_summary_unclear_lean():
    rows = []
    for year in (2018, 2019):
        rows += [ev("RUS", "PAK", 8, f"{year}-01-01"), ev("RUS", "PAK", -7, f"{year}-02-01"),
                 ev("RUS", "IND", 0.5, f"{year}-01-01"), ev("RUS", "IND", 0, f"{year}-03-01")]
    res = tilt(table(rows), "RUS", "PAK", "IND", n_boot=1000)
    assert res.overall.low < 0 < res.overall.high
    assert res.summary.startswith("Russia shows no clear lean between Pakistan and India since 2018: +0.2")
    assert "from 8 events" in res.summary


def test_summary_over_span_when_run_stops_before_the_end_and_window():
    rows = [ev("RUS", "PAK", 5, "2010-01-01"), ev("RUS", "IND", 1, "2010-01-01"),
            ev("RUS", "PAK", 5, "2011-01-01"), ev("RUS", "IND", 1, "2011-01-01"),
            ev("RUS", "PAK", 5, "2012-01-01")]  # 2012: only one side
    res = tilt(table(rows), "RUS", "PAK", "IND", n_boot=100)
    assert res.summary.startswith("Russia leans toward Pakistan over India over 2010–2011: +4.0")
    win = tilt(table(rows), "RUS", "PAK", "IND", n_boot=100, window=("2011", "2012"))
    assert win.overall.periods == ["2011"]
    assert win.summary.startswith("Russia leans toward Pakistan over India in 2011: +4.0")


def test_summary_single_period_run_is_no_trend():
    rows = [ev("RUS", "PAK", 5, "2010-01-01"), ev("RUS", "IND", 1, "2010-01-01"),
            ev("RUS", "PAK", 5, "2011-01-01"), ev("RUS", "IND", 1, "2011-01-01"),
            ev("RUS", "PAK", 1, "2012-01-01"), ev("RUS", "IND", 2, "2012-01-01")]
    res = tilt(table(rows), "RUS", "PAK", "IND", n_boot=100)
    assert [p.tilt for p in res.periods] == pytest.approx([4.0, 4.0, -1.0])
    # pooled: Pakistan (5+5+1)/3, India (1+1+2)/3 -> 11/3 - 4/3 = 7/3
    assert res.overall.tilt == pytest.approx(7 / 3)
    assert res.summary.startswith("Russia leans toward Pakistan over India over 2010–2012: +2.3")
    assert "taken together" not in res.summary
    assert res.recent == res.overall


def test_summary_when_not_computable():
    df = table([ev("RUS", "PAK", 5, "2010-01-01"), ev("RUS", "IND", 1, "2012-01-01")])
    res = tilt(df, "RUS", "PAK", "IND", n_boot=100)
    assert res.overall is None
    assert all(math.isnan(p.tilt) for p in res.periods)
    assert "cannot be compared" in res.summary
    json.dumps(res.to_json(), allow_nan=False)


def test_top_events_rank_by_goldstein_times_weight():
    df = table(
        [
            ev("RUS", "PAK", 9, "2015-01-01", "2017-12-31", event_id="spread"),  # 3 per year in window
            ev("RUS", "PAK", -6, "2015-05-01", event_id="big"),
            ev("RUS", "IND", 4, "2015-05-01", event_id="mid"),
            ev("RUS", "IND", 1, "2016-05-01", event_id="small"),
        ]
    )
    res = tilt(df, "RUS", "PAK", "IND", n_boot=50)
    # window = 2015, 2016 (2017 has no India events): spread weight 2/3 -> 6
    ids = [e["event_id"] for e in res.top_events]
    assert ids == ["big", "spread", "mid", "small"]
    spread = res.top_events[1]
    assert spread["weight"] == pytest.approx(2 / 3)
    assert spread["date"] == "2015-01-01/2017-12-31"
    assert spread["side"] == "toward" and spread["source"] == "RUSGOV" and spread["cameo"] == "042"
    assert set(res.top_events[0]) >= {"event_id", "date", "cameo", "source", "target", "sentence"}


def test_to_json_exact_keys_and_serialisable():
    res = tilt(hand_table(), "RUS", "PAK", "IND", n_boot=100)
    js = res.to_json()
    required = {"actor", "toward", "away", "periods", "summary"}
    assert required <= set(js) <= required | {"overall", "top_events"}
    for p in js["periods"]:
        assert set(p) == {"period", "start", "end", "score_toward", "score_away", "tilt", "low", "high", "events"}
    text = json.dumps(js, allow_nan=False)
    assert json.loads(text)["actor"] == "RUS"
    assert js["periods"][1]["score_away"] is None


def test_to_json_text_has_no_nan():
    res = tilt(hand_table(), "RUS", "PAK", "IND", n_boot=20)
    text = an.to_json_text(res)
    assert "NaN" not in text and json.loads(text)["toward"] == "PAK"


def test_quarterly_tilt_period_labels():
    df = table([ev("RUS", "PAK", 5, "2015-08-01"), ev("RUS", "IND", 1, "2015-09-01"),
                ev("RUS", "PAK", 5, "2016-01-05"), ev("RUS", "IND", 1, "2016-02-01")])
    res = tilt(df, "RUS", "PAK", "IND", freq="quarter", n_boot=50)
    assert [p.period for p in res.periods] == ["2015Q3", "2015Q4", "2016Q1"]
    assert res.periods[0].end == "2015-09-30"
    m = tilt(df, "RUS", "PAK", "IND", freq="month", n_boot=50)
    assert m.periods[0].period == "2015-08" and len(m.periods) == 7


def test_actor_names():
    assert actor_name("RUS") == "Russia"
    assert actor_name("PAK") == "Pakistan"
    assert actor_name("IRN") == "Iran"
    assert actor_name("NATO") == "NATO"
    assert actor_name("UNO") == "UNO"


# --------------------------------------------------------------------------
# change points
# --------------------------------------------------------------------------


def step_table(values_by_year: dict[int, list[float]]) -> pd.DataFrame:
    rows = []
    for year, values in values_by_year.items():
        for i, g in enumerate(values):
            rows.append(ev("RUS", "PAK", g, f"{year}-{i + 1:02d}-01", event_id=f"y{year}_{i}"))
    return table(rows)


def test_changepoint_found_at_the_step():
    before = {y: [4.0, 5.0, 3.0] for y in range(2008, 2014)}
    after = {y: [-3.0, -2.0, -4.0] for y in range(2014, 2020)}
    s = series(step_table(before | after), "RUS", "PAK")
    cps = changepoints(s)
    assert len(cps) == 1
    cp = cps[0]
    assert isinstance(cp, ChangePoint)
    assert cp.period == "2014" and cp.previous_period == "2013"
    assert cp.before_mean == pytest.approx(4.0)
    assert cp.after_mean == pytest.approx(-3.0)
    assert cp.delta == pytest.approx(-7.0)
    assert sorted(cp.event_ids) == sorted([f"y2013_{i}" for i in range(3)] + [f"y2014_{i}" for i in range(3)])


def test_changepoint_in_noisy_step_skipping_empty_periods():
    rng = np.random.default_rng(3)
    data = {}
    for y in range(2000, 2016):
        if y in (2004, 2011):
            continue  # empty years are gaps, not zeros
        level = 3.0 if y < 2008 else 0.0
        data[y] = [round(float(level + rng.normal(0, 0.7)), 2) for _ in range(2)]
    s = series(step_table(data), "RUS", "PAK")
    assert s["n_events"].tolist().count(0) == 2
    cps = changepoints(s)
    assert [c.period for c in cps] == ["2008"]
    assert cps[0].delta < -2


def test_two_steps_and_penalty_override():
    data = {y: [4.0] for y in range(2000, 2005)} | {y: [-3.0] for y in range(2005, 2010)} | {
        y: [2.0] for y in range(2010, 2015)
    }
    s = series(step_table(data), "RUS", "PAK")
    assert [c.period for c in changepoints(s)] == ["2005", "2010"]
    assert changepoints(s, penalty=1e6) == []


def test_no_changepoint_in_flat_noise():
    rng = np.random.default_rng(11)
    data = {y: [round(float(1 + rng.normal(0, 1)), 2)] for y in range(2000, 2020)}
    assert changepoints(series(step_table(data), "RUS", "PAK")) == []


def test_default_penalty_scales_with_noise():
    flat = np.zeros(10)
    assert an.default_penalty(flat) == pytest.approx(an.PENALTY_FACTOR * 1e-18 * math.log(10))
    x = np.array([0.0, 1.0] * 6)  # noise: sigma^2 = var(diff) / 2
    sigma2 = float(np.std(np.diff(x))) ** 2 / 2
    assert an.default_penalty(x) == pytest.approx(an.PENALTY_FACTOR * sigma2 * math.log(12))
    ramp = np.arange(12.0)  # constant differences: sigma floored at 0.1 * std(x)
    floor2 = (0.1 * float(np.std(ramp))) ** 2
    assert an.default_penalty(ramp) == pytest.approx(an.PENALTY_FACTOR * floor2 * math.log(12))
    assert an.default_penalty(2 * x) == pytest.approx(4 * an.default_penalty(x))


def test_changepoints_short_series_and_tilt_frame():
    s = series(step_table({2000: [1.0], 2001: [5.0], 2002: [5.0]}), "RUS", "PAK")
    assert changepoints(s) == []
    assert changepoints(series(step_table({2000: [1.0]}), "RUS", "PAK")) == []
    res = tilt(lean_table(+1), "RUS", "PAK", "IND", n_boot=50)
    cps = changepoints(res.to_frame(), column="tilt")
    assert [c.period for c in cps] == ["2014"]
    with pytest.raises(UsageError):
        changepoints(s, column="nope")


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------


def test_usage_errors():
    df = hand_table()
    with pytest.raises(UsageError, match="differ"):
        series(df, "RUS", "RUS")
    with pytest.raises(UsageError):
        tilt(df, "RUS", "RUS", "IND")
    with pytest.raises(UsageError, match="differ"):
        tilt(df, "RUS", "PAK", "PAK")
    with pytest.raises(UsageError, match="unknown frequency"):
        series(df, "RUS", "PAK", freq="week")
    with pytest.raises(UsageError, match="unknown frequency"):
        tilt(df, "RUS", "PAK", "IND", freq="decade")
    with pytest.raises(UsageError, match="unknown frequency"):
        assign_periods(df, "Y")
    for bad in ("rus", "RU", "RUSSIA", "R1S", None):
        with pytest.raises(UsageError):
            series(df, bad, "PAK")
    assert len(dyad_events(table([ev("NATO", "RUS", 1, "2015-01-01")]), "NATO", "RUS")) == 1
    empty = pd.DataFrame(columns=COLUMNS)
    for call in (
        lambda: series(empty, "RUS", "PAK"),
        lambda: tilt(empty, "RUS", "PAK", "IND"),
        lambda: assign_periods(empty, "year"),
        lambda: dyad_events(empty, "RUS", "PAK"),
    ):
        with pytest.raises(UsageError) as info:
            call()
        assert str(info.value) == "no events in the store; ingest some articles first"
    with pytest.raises(UsageError):
        tilt(df, "RUS", "PAK", "IND", level=1.5)
    with pytest.raises(UsageError):
        tilt(df, "RUS", "PAK", "IND", window=("2016", "2015"))
    # every message is one line
    try:
        tilt(df, "RUS", "PAK", "IND", freq="fortnight")
    except UsageError as exc:
        assert "\n" not in str(exc)


# --------------------------------------------------------------------------
# plots
# --------------------------------------------------------------------------


def plot_table() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    rows = []
    for year in range(2008, 2021):
        shift = 0 if year < 2014 else 3
        for _ in range(int(rng.integers(2, 6))):
            g = float(np.clip(rng.normal(-1 + shift, 2.5), -10, 10))
            rows.append(ev("RUS", "PAK", round(g, 1), f"{year}-{int(rng.integers(1, 13)):02d}-01",
                           quad=int(rng.integers(1, 5))))
        for _ in range(int(rng.integers(2, 6))):
            g = float(np.clip(rng.normal(3 - shift, 2.5), -10, 10))
            rows.append(ev("IND", "RUS", round(g, 1), f"{year}-{int(rng.integers(1, 13)):02d}-01",
                           quad=int(rng.integers(1, 5))))
    rows.append(ev("RUS", "PAK", 7, "2016-01-01", "2019-12-31", quad=2))
    return table(rows)


def assert_png(path: Path) -> None:
    data = Path(path).read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 10_000


def test_plot_tilt_writes_png(tmp_path):
    res = tilt(plot_table(), "RUS", "PAK", "IND", n_boot=300)
    out = plot_tilt(res, tmp_path / "sub" / "tilt.png")
    assert out == tmp_path / "sub" / "tilt.png"
    assert_png(out)


def test_plot_tilt_with_gaps_writes_png(tmp_path):
    res = tilt(hand_table(), "RUS", "PAK", "IND", n_boot=100)
    assert_png(plot_tilt(res, tmp_path / "tilt_gaps.png"))


def test_plot_series_writes_png(tmp_path):
    s = series(plot_table(), "RUS", "PAK")
    out = plot_series(s, "RUS", "PAK", tmp_path / "series.png")
    assert_png(out)


def test_one_sided_period_counts_the_silent_side_as_neutral_by_default():
    res = _tilt(hand_table(), "RUS", "PAK", "IND", n_boot=200, seed=3)
    p16 = res.periods[1]
    assert p16.period == "2016"
    assert p16.score_toward == pytest.approx(3.0)
    assert p16.score_away == pytest.approx(0.0) and p16.n_away == 0
    assert p16.tilt == pytest.approx(3.0)
    assert p16.events == ["p3"]  # only real events are listed
    assert p16.low == pytest.approx(3.0) and p16.high == pytest.approx(3.0)


def test_missing_mode_is_checked():
    with pytest.raises(UsageError, match="missing"):
        _tilt(hand_table(), "RUS", "PAK", "IND", missing="zero")
