"""Score PLOVER event types and actors on the PLOVER gold standard records.

Each record is one document with one gold event.  An output event matches
when its source country is among the record's source codes (``IGO`` matches
any international organisation; ``JAP`` is Japan), its target among the
target codes (any target when the record has none: reciprocal events), and
its PLOVER type equals the record's, older type names mapped to the 2021
ones.  Unmatched output events are false positives; precision is over
output events, recall over records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..records import Event

OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CODE_ALIASES = {"JAP": "JPN"}
# The placeholder date of every record; not scored.
PLACEHOLDER = date(2000, 1, 1)


def _codes(field) -> set[str]:
    if not field:
        return set()
    items = field if isinstance(field, list) else [field]
    out = set()
    for item in items:
        code = item.get("code") if isinstance(item, dict) else str(item)
        if code:
            code = code.strip().upper()[:3] if code.strip().upper()[:3] != "IGO" else "IGO"
            out.add(CODE_ALIASES.get(code, code))
    return out


def _actor_ok(country: str | None, sector: str | None, allowed: set[str], orgs: set[str]) -> bool:
    if not allowed:
        return True
    if country in allowed:
        return True
    return "IGO" in allowed and (country in orgs or sector == "IGO")


def evaluate_plover(data: Path, code: Callable[[str, str, date | None], list[Event]], orgs: set[str], modality: str = "asserted", details: bool = False) -> dict:
    records = [r for r in json.loads(Path(data).read_text(encoding="utf-8")) if r.get("event") and r.get("event") != "DOCUMENT" and r.get("text")]
    tp = fp = 0
    matched_records = 0
    per_type: Counter[str] = Counter()
    per_type_hit: Counter[str] = Counter()
    misses = []
    wrong = []  # false positives, for --details
    for rec in records:
        gold_type = OLD_TYPES.get(rec["event"].upper(), rec["event"].upper())
        sources, targets = _codes(rec.get("source")), _codes(rec.get("target"))
        per_type[gold_type] += 1
        events = [e for e in code(rec["text"], rec["id"], PLACEHOLDER) if modality == "all" or e.modality == modality]
        hit = False
        for e in events:
            ok = e.plover_type == gold_type and _actor_ok(e.source.country, e.source.sector, sources, orgs) and _actor_ok(e.target.country, e.target.sector, targets, orgs)
            if not ok and e.mutual and e.plover_type == gold_type:
                ok = _actor_ok(e.target.country, e.target.sector, sources, orgs) and _actor_ok(e.source.country, e.source.sector, targets, orgs)
            if ok:
                tp += 1
                hit = True
            else:
                fp += 1
                if details:
                    wrong.append({"id": rec["id"], "type": gold_type, "source": sorted(sources), "target": sorted(targets), "text": rec["text"][:200],
                                  "predicted": (e.source.code, e.target.code, e.cameo, e.plover_type, e.extra.get("trigger"))})
        if hit:
            matched_records += 1
            per_type_hit[gold_type] += 1
        elif details:
            misses.append({"id": rec["id"], "type": gold_type, "source": sorted(sources), "target": sorted(targets), "text": rec["text"][:200],
                           "predicted": [(e.source.code, e.target.code, e.cameo, e.plover_type, e.modality) for e in events]})
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = matched_records / len(records) if records else 0.0
    out = {
        "records": len(records), "predicted": tp + fp, "true_positives": tp, "false_positives": fp,
        "records_matched": matched_records, "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "recall_by_type": {t: round(per_type_hit[t] / n, 3) for t, n in sorted(per_type.items())},
    }
    if details:
        out["misses"] = misses
        out["false_positives_list"] = wrong
    return out
