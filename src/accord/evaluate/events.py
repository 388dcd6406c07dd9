"""Score event coding and event time on the dev gold format.

A predicted asserted event matches a gold event when its source and target
countries are among the gold's (either direction when the gold is mutual or
a consultation, CAMEO root 04), its quad class is among the gold's and its
date overlaps the gold's years (a gold event with no year accepts any
date).  Matching is one-to-one and maximal (the most prediction–gold pairs
that fit); a prediction left over that fits some gold event (optional, or
already matched) is ignored (counted as ``ignored``); every other
prediction is a false positive.  Recall is over
required gold events.  A not-event is "coded" when a false positive matches
its dyad, quad and years.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..ingest import parse_date_arg
from ..records import Event


def _countries(actor_codes: list[str]) -> set[str]:
    return set(actor_codes or [])


def fits(pred: Event, gold: dict) -> bool:
    """Does a prediction fit a gold event (or not-event) by dyad, quad, years?"""
    src, tgt = pred.source.country, pred.target.country
    g_src, g_tgt = _countries(gold.get("source")), _countries(gold.get("target"))
    either = gold.get("mutual") or str(gold.get("cameo", "")).startswith("04") or "04" in (gold.get("cameo_root") or [])
    dyad = (src in g_src and tgt in g_tgt) or (either and src in g_tgt and tgt in g_src)
    if not dyad:
        return False
    quads = gold.get("quad") or []
    if quads and pred.quad_class not in quads:
        return False
    return years_overlap(pred, gold.get("year"))


def years_overlap(pred: Event, years) -> bool:
    if not years:
        return True
    if pred.date is None:
        return False
    return pred.date.start.year <= years[1] and pred.date.end.year >= years[0]


def years_right(pred: Event, years) -> bool:
    """The predicted year range lies within the gold's."""
    if not years:
        return True
    if pred.date is None:
        return False
    return pred.date.start.year >= years[0] and pred.date.end.year <= years[1]


def score_document(preds: list[Event], gold_doc: dict) -> dict:
    gold = gold_doc.get("events", [])
    not_events = gold_doc.get("not_events", [])
    required = [i for i, g in enumerate(gold) if g.get("required", True)]
    fits_of = [[i for i in required if fits(p, gold[i])] for p in preds]
    matched = _max_matching(preds, fits_of)
    fps: list[Event] = []
    ignored = 0
    used = {id(p) for p in matched.values()}
    for p in preds:
        if id(p) in used:
            continue
        if any(fits(p, g) for g in gold):
            ignored += 1
        else:
            fps.append(p)
    coded_not = [n for n in not_events if any(fits(p, n) for p in fps)]
    roots_ok = sum(1 for i, p in matched.items() if p.root in (gold[i].get("cameo_root") or [str(gold[i].get("cameo", ""))[:2]]))
    years_ok = sum(1 for i, p in matched.items() if years_right(p, gold[i].get("year")))
    return {
        "tp": len(matched), "fp": len(fps), "fn": len(required) - len(matched), "ignored": ignored,
        "required": len(required), "roots_ok": roots_ok, "years_ok": years_ok,
        "not_events": len(not_events), "not_events_coded": len(coded_not),
        "misses": [gold[i] for i in required if i not in matched],
        "false_positives": fps, "coded_not_events": coded_not, "matched": matched,
    }


def _max_matching(preds: list[Event], fits_of: list[list[int]]) -> dict[int, Event]:
    """One-to-one matching of predictions to required gold events with the
    most pairs (augmenting paths; documents are small)."""
    owner: dict[int, int] = {}  # gold index -> prediction index

    def augment(p: int, seen: set[int]) -> bool:
        for g in fits_of[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(preds)):
        augment(p, set())
    return {g: preds[p] for g, p in owner.items()}


def evaluate_events(data: Path, code: Callable[[str, str, date | None], list[Event]], modality: str = "asserted", min_confidence: float = 0.0, details: bool = False) -> dict:
    """Score ``code(text, doc_id, published)`` on a dev gold JSONL file."""
    docs = [json.loads(line) for line in Path(data).read_text(encoding="utf-8").splitlines() if line.strip()]
    totals = {"tp": 0, "fp": 0, "fn": 0, "ignored": 0, "required": 0, "roots_ok": 0, "years_ok": 0, "not_events": 0, "not_events_coded": 0}
    report: list[dict] = []
    for gold_doc in docs:
        published = parse_date_arg(gold_doc.get("published"), gold_doc.get("id", "?")) if gold_doc.get("published") else None
        events = code(gold_doc["text"], gold_doc.get("id", "doc"), published)
        preds = [e for e in events if (modality == "all" or e.modality == modality) and e.confidence >= min_confidence]
        result = score_document(preds, gold_doc)
        for key in totals:
            totals[key] += result[key]
        if details:
            report.append({
                "id": gold_doc.get("id"),
                "misses": [{"evidence": g.get("evidence"), "source": g.get("source"), "target": g.get("target"), "cameo": g.get("cameo"), "year": g.get("year")} for g in result["misses"]],
                "false_positives": [{"sentence": e.sentence[:160], "source": e.source.code, "target": e.target.code, "cameo": e.cameo, "date": e.date.to_json() if e.date else None, "trigger": e.extra.get("trigger")} for e in result["false_positives"]],
                "coded_not_events": [n.get("evidence") for n in result["coded_not_events"]],
                "wrong_years": [{"evidence": gold_doc["events"][i].get("evidence"), "gold": gold_doc["events"][i].get("year"), "pred": e.date.to_json() if e.date else None} for i, e in result["matched"].items() if not years_right(e, gold_doc["events"][i].get("year"))],
            })
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    out = {
        "documents": len(docs),
        "gold_events_required": totals["required"],
        "predicted_scored": tp + fp,
        "true_positives": tp, "false_positives": fp, "false_negatives": fn, "ignored": totals["ignored"],
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "root_accuracy": totals["roots_ok"] / tp if tp else 0.0,
        "year_accuracy": totals["years_ok"] / tp if tp else 0.0,
        "not_events": totals["not_events"], "not_events_coded": totals["not_events_coded"],
        "not_events_coded_rate": totals["not_events_coded"] / totals["not_events"] if totals["not_events"] else 0.0,
    }
    if details:
        out["documents_detail"] = report
    return out
