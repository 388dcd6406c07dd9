"""Score accord.time on the MEANTIME English corpus (TimeML TIMEX3 gold).

For each document: rebuild the text from its ``<token>`` elements (light
detokenisation, one line per sentence, character offsets of every token
kept), take the document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``; failing that, the first full date of
the dateline sentence) as the publication date, read the sentences in order
with :class:`accord.time.Narrative`, and compare the predicted mentions with
the gold TIMEX3 that have token anchors.

Only the annotated part of a document is scored: MEANTIME annotates the
title, the dateline and the first sentences, so predictions count up to the
last sentence that holds any gold markable (entity, event, time, value) of
that document.

* detection: a prediction of a scored type matches a gold TIMEX3 of a
  scored type when their token spans overlap (relaxed match, one-to-one,
  largest overlap first) -> precision, recall, F1;
* value: a matched pair is correct when the prediction's ``timex_value``
  equals the gold ``value`` string.  ``value_accuracy`` = correct / gold;
  value precision = correct / predictions, value recall = correct / gold.

TimeML has no range value: MEANTIME annotates "from 2009 to 2011" as two
DATE TIMEX3 ("2009", "2011") plus a DURATION.  A range prediction
("2009/2011") may therefore match the gold of both its endpoints, and its
value counts as right for each endpoint it names (``split_ranges``; the
result also holds the scores without this under ``without_range_split``).

The dateline TIMEX3 (the creation time itself) is part of the gold; the
result also reports the same scores without it under
``excluding_creation_time``.

``--strict`` makes the main scores (and the error list) those without the
range convention.

    python -m accord.evaluate.time_eval DIR [--types DATE,TIME] [--errors 50] [--strict]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from accord.time import Narrative, TimeMention, find_times

_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'S|’s|n't|'re|'ve|'ll|'d|'m)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "#"}


@dataclass
class _Doc:
    name: str
    text: str
    sentences: list[tuple[int, int]]            # (start, end) char offsets per sentence number
    tokens: dict[str, tuple[int, int, int]]       # t_id -> (start, end, sentence)
    gold: list[dict[str, Any]] = field(default_factory=list)
    published: date | None = None
    last_sentence: int = -1


def _parse_value_date(v: str | None) -> date | None:
    if not v:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", v)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", v)  # DD-MM-YYYY (seen once in MEANTIME)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def load_document(path: Path) -> _Doc:
    root = ET.parse(path).getroot()
    name = root.get("doc_name") or path.stem
    parts: list[str] = []
    tokens: dict[str, tuple[int, int, int]] = {}
    sentences: dict[int, list[int]] = {}
    pos = 0
    prev_sent = None
    prev_tok = None
    for tok in root.iter("token"):
        t = tok.text or ""
        sent = int(tok.get("sentence", "0"))
        if prev_sent is not None and sent != prev_sent:
            parts.append("\n")
            pos += 1
        elif prev_tok is not None and not _NO_SPACE_BEFORE.match(t) and prev_tok not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        tokens[tok.get("t_id")] = (pos, pos + len(t), sent)
        span = sentences.setdefault(sent, [pos, pos + len(t)])
        span[1] = pos + len(t)
        parts.append(t)
        pos += len(t)
        prev_sent, prev_tok = sent, t
    text = "".join(parts)
    n = max(sentences) + 1 if sentences else 0
    sent_spans = [tuple(sentences.get(i, (0, 0))) for i in range(n)]
    doc = _Doc(name, text, sent_spans, tokens)
    markables = root.find("Markables")
    last = -1
    dct_value = None
    if markables is not None:
        for el in markables:
            ids = [a.get("t_id") for a in el.findall("token_anchor") if a.get("t_id") in tokens]
            for i in ids:
                last = max(last, tokens[i][2])
            if el.tag != "TIMEX3":
                continue
            if el.get("functionInDocument") == "CREATION_TIME":
                dct_value = el.get("value")
            if ids:
                doc.gold.append({
                    "tokens": set(ids),
                    "type": el.get("type"),
                    "value": el.get("value"),
                    "text": " ".join(text[tokens[i][0]:tokens[i][1]] for i in ids),
                    "dct": el.get("functionInDocument") == "CREATION_TIME",
                })
    doc.last_sentence = last
    doc.published = _parse_value_date(dct_value)
    if doc.published is None and len(sent_spans) > 1:
        s, e = sent_spans[1]
        for m in find_times(text[s:e]):
            if m.value is not None and m.value.precision == "day" and m.kind == "absolute":
                doc.published = m.value.start
                break
    return doc


def _tokens_in(doc: _Doc, start: int, end: int) -> set[str]:
    return {tid for tid, (s, e, _) in doc.tokens.items() if s < end and start < e}


def predict(doc: _Doc) -> list[tuple[TimeMention, set[str], int]]:
    """Mentions of the whole document (offsets into doc.text), with their tokens and sentence."""
    nar = Narrative(doc.published)
    out = []
    for i, (s, e) in enumerate(doc.sentences):
        if e <= s:
            continue
        for m in nar.read(doc.text[s:e]):
            toks = _tokens_in(doc, s + m.start, s + m.end)
            if toks:
                out.append((m, toks, i))
    return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _capacity(m: TimeMention, split_ranges: bool) -> int:
    """A range prediction ("2009/2011") may match the two gold TIMEX3 of its
    endpoints: TimeML has no range value and annotates each end separately."""
    return 2 if split_ranges and m.timex_value and "/" in m.timex_value else 1


def _same_value(pred: str | None, gold: str | None, split_ranges: bool) -> bool:
    if pred is None or gold is None:
        return False
    if pred == gold:
        return True
    return split_ranges and "/" in pred and gold in pred.split("/")


def _score(docs: list[tuple[str, list[dict], list[tuple[TimeMention, set[str], int]]]],
           errors: list | None = None, max_errors: int = 50, split_ranges: bool = True) -> dict[str, Any]:
    """Relaxed one-to-one matching per document (largest token overlap first)."""
    n_gold = n_pred = matched = matched_pred = correct = 0
    for doc_name, golds, dpreds in docs:
        n_gold += len(golds)
        n_pred += len(dpreds)
        cand = []
        for gi, g in enumerate(golds):
            for pi, (m, toks, _s) in enumerate(dpreds):
                ov = len(g["tokens"] & toks)
                if ov:
                    cand.append((-ov, gi, pi))
        cand.sort()
        used_g: dict[int, int] = {}
        used_p: dict[int, int] = {}
        for _ov, gi, pi in cand:
            if gi in used_g or used_p.get(pi, 0) >= _capacity(dpreds[pi][0], split_ranges):
                continue
            used_g[gi] = pi
            used_p[pi] = used_p.get(pi, 0) + 1
        matched += len(used_g)
        matched_pred += len(used_p)
        for gi, g in enumerate(golds):
            pi = used_g.get(gi)
            m = dpreds[pi][0] if pi is not None else None
            ok = m is not None and _same_value(m.timex_value, g["value"], split_ranges)
            correct += ok
            if not ok and errors is not None and len(errors) < max_errors:
                errors.append({"doc": doc_name, "gold_text": g["text"], "gold_value": g["value"], "gold_type": g["type"],
                               "pred_text": m.text if m else None, "pred_value": m.timex_value if m else None})
        for pi, (m, _t, _s) in enumerate(dpreds):
            if pi not in used_p and errors is not None and len(errors) < max_errors:
                errors.append({"doc": doc_name, "gold_text": None, "gold_value": None, "gold_type": None,
                               "pred_text": m.text, "pred_value": m.timex_value})
    p = matched_pred / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    vp = min(correct, matched_pred) / n_pred if n_pred else 0.0
    vr = correct / n_gold if n_gold else 0.0
    return {
        "gold": n_gold, "predicted": n_pred, "matched_gold": matched, "matched_predicted": matched_pred,
        "value_correct": correct,
        "detection_precision": round(p, 4), "detection_recall": round(r, 4), "detection_f1": round(_f1(p, r), 4),
        "value_accuracy": round(vr, 4),
        "value_precision": round(vp, 4), "value_recall": round(vr, 4), "value_f1": round(_f1(vp, vr), 4),
    }


def _find_files(data_dir: Path) -> list[Path]:
    files = sorted(Path(data_dir).rglob("*.xml"))
    seen: set[str] = set()
    out = []
    for p in files:
        # the corpus ships intra-doc and intra+cross-doc copies of the same
        # articles; keep the first copy of each document name
        key = p.name
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def evaluate_time(data_dir: Path, types: tuple[str, ...] = ("DATE",), max_errors: int = 50,
                  split_ranges: bool = True) -> dict[str, Any]:
    """Score find_times/Narrative on MEANTIME under ``data_dir`` (see module doc).

    ``split_ranges``: let a range prediction match the gold TIMEX3 of both
    its endpoints (on by default; the result also holds the scores without
    it under ``without_range_split``)."""
    files = _find_files(Path(data_dir))
    docs_data = []
    for path in files:
        try:
            doc = load_document(path)
        except ET.ParseError:
            continue
        if not doc.tokens:
            continue
        preds = [(m, t, s) for m, t, s in predict(doc) if s <= doc.last_sentence and m.timex_type in types]
        golds = [g for g in doc.gold if g["type"] in types]
        docs_data.append((doc.name, golds, preds))
    errors: list[dict] = []
    result = _score(docs_data, errors=errors, max_errors=max_errors, split_ranges=split_ranges)
    result["documents"] = len(docs_data)
    result["types"] = list(types)
    result["range_split"] = split_ranges
    dct_tokens = {}
    for name, golds, _p in docs_data:
        dct_tokens[name] = set().union(*[g["tokens"] for g in golds if g["dct"]]) if any(g["dct"] for g in golds) else set()
    no_dct = [
        (name, [g for g in golds if not g["dct"]], [p for p in preds if not (p[1] & dct_tokens[name])])
        for name, golds, preds in docs_data
    ]
    result["excluding_creation_time"] = _score(no_dct, split_ranges=split_ranges)
    result["without_range_split"] = _score(docs_data, split_ranges=False)
    result["errors"] = errors
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m accord.evaluate.time_eval", description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--types", default="DATE", help="comma-separated TIMEX3 types to score (default DATE)")
    ap.add_argument("--errors", type=int, default=50, help="how many errors to list")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    ap.add_argument("--strict", action="store_true",
                    help="score (and list errors) without the range convention: a range counts for one gold only")
    args = ap.parse_args(argv)
    if not args.data_dir.exists():
        print(f"{args.data_dir}: no such directory", file=sys.stderr)
        return 2
    res = evaluate_time(args.data_dir, tuple(t.strip().upper() for t in args.types.split(",") if t.strip()), args.errors,
                        split_ranges=not args.strict)
    try:
        _print(res, args.json)
    except BrokenPipeError:  # e.g. piped into head
        pass
    return 0


def _print(res: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(res, indent=2, default=str))
        return
    print(f"MEANTIME {','.join(res['types'])}: {res['documents']} documents, {res['gold']} gold, {res['predicted']} predicted")
    for label, r in (("all" if res.get("range_split", True) else "all, strict", res), ("excluding creation time", res["excluding_creation_time"]),
                     ("ranges not split", res["without_range_split"])):
        print(f"[{label}] detection P/R/F1 {r['detection_precision']:.3f}/{r['detection_recall']:.3f}/{r['detection_f1']:.3f}"
              f"  value accuracy {r['value_accuracy']:.3f}  value P/R/F1 {r['value_precision']:.3f}/{r['value_recall']:.3f}/{r['value_f1']:.3f}")
    for e in res["errors"]:
        print(f"  {e['doc'][:40]:40}  gold {e['gold_text']!r} {e['gold_value']}  pred {e['pred_text']!r} {e['pred_value']}")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
