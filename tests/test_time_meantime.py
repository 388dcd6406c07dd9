"""MEANTIME English (TimeML TIMEX3 gold): accord.time must reach its targets
on DATE expressions.  Reads /work/shared/data/time/ at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.evaluate.time_eval import evaluate_time, load_document

DATA = Path("/work/shared/data/time")


def _corpus() -> Path:
    if not DATA.is_dir() or not any(DATA.rglob("*.xml")):
        pytest.skip(f"MEANTIME not available at {DATA} (shared data directory absent)")
    return DATA


@pytest.fixture(scope="module")
def result():
    return evaluate_time(_corpus(), types=("DATE",))


def test_corpus_shape(result):
    assert result["documents"] >= 100
    assert result["gold"] >= 300


def _scores(r):
    return {k: r[k] for k in ("detection_precision", "detection_recall", "detection_f1", "value_accuracy")}


def test_date_value_accuracy_strict(result):
    # strict: a range prediction ("2009/2011") is credited for one gold at most
    strict = result["without_range_split"]
    print(f"MEANTIME DATE strict {_scores(strict)}; lenient (range convention) {_scores(result)}")
    assert strict["value_accuracy"] >= 0.85, _scores(strict)


def test_date_value_accuracy_lenient_reported(result):
    # the range convention can only add credit
    assert result["value_accuracy"] >= result["without_range_split"]["value_accuracy"]
    assert result["value_accuracy"] >= 0.85, _scores(result)


def test_date_detection_f1(result):
    assert result["detection_f1"] >= 0.85, _scores(result)
    assert result["without_range_split"]["detection_f1"] >= 0.85, _scores(result["without_range_split"])


def test_report_fields(result):
    for key in ("detection_precision", "detection_recall", "detection_f1", "value_accuracy",
                "value_precision", "value_recall", "value_f1", "errors", "excluding_creation_time"):
        assert key in result
    assert len(result["errors"]) <= 50
    for e in result["errors"]:
        assert set(e) >= {"doc", "gold_text", "gold_value", "pred_text", "pred_value"}


def test_text_rebuilt_with_offsets():
    path = next(_corpus().rglob("*.xml"))
    doc = load_document(path)
    assert doc.published is not None
    for tid, (s, e, _sent) in list(doc.tokens.items())[:200]:
        assert doc.text[s:e].strip(), tid


def test_cli_prints_scores(capsys):
    from accord.evaluate.time_eval import main

    assert main([str(_corpus()), "--errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "detection P/R/F1" in out and "value accuracy" in out


def test_strict_flag_scores_without_range_split():
    res = evaluate_time(_corpus(), types=("DATE",), max_errors=0, split_ranges=False)
    assert res["value_correct"] == res["without_range_split"]["value_correct"]
    assert res["value_accuracy"] >= 0.85
