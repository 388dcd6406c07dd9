"""Static charts of tilt results and dyad series (PNG, matplotlib Agg).

Figures are built with ``matplotlib.figure.Figure`` on an Agg canvas, not
through ``pyplot``: no global state, no GUI backend, safe in threads and on
servers without a display.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from accord.analysis import TiltResult, actor_name

__all__ = ["QUAD_COLORS", "QUAD_LABELS", "plot_series", "plot_tilt"]

DPI = 120

#: Fixed quad-class colours: light/dark green for cooperation, orange/red
#: for conflict.
QUAD_COLORS: dict[str, str] = {
    "q1": "#a6dba0",  # verbal cooperation, light green
    "q2": "#1b7837",  # material cooperation, dark green
    "q3": "#fdae61",  # verbal conflict, orange
    "q4": "#d7191c",  # material conflict, red
}
QUAD_LABELS: dict[str, str] = {
    "q1": "verbal cooperation",
    "q2": "material cooperation",
    "q3": "verbal conflict",
    "q4": "material conflict",
}

_TILT_COLOR = "#1f1f7a"
_TOWARD_COLOR = "#2c7fb8"
_AWAY_COLOR = "#e6550d"
_COUNT_COLOR = "#bdbdbd"


def _nan(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _tick_positions(n: int, max_labels: int = 16) -> list[int]:
    step = max(1, math.ceil(n / max_labels))
    return list(range(0, n, step))


def _set_period_ticks(ax: Any, labels: Sequence[str]) -> None:
    pos = _tick_positions(len(labels))
    ax.set_xticks(pos)
    ax.set_xticklabels([labels[i] for i in pos], rotation=45 if len(labels) > 8 else 0,
                       ha="right" if len(labels) > 8 else "center")
    ax.set_xlim(-0.6, max(len(labels) - 0.4, 0.6))


def _save(fig: Figure, path: str | Path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    FigureCanvasAgg(fig)
    fig.savefig(out, dpi=DPI, format="png")
    return out


def plot_tilt(result: TiltResult, path: str | Path) -> Path:
    """Draw a tilt result and save it as a PNG (120 dpi); returns the path.

    The tilt per period is the bold line with markers, its bootstrap
    interval the shaded band; the two relation scores are thinner lines
    (blue: with ``toward``, orange: with ``away``); light bars on the right
    axis count the events per period on each side.  Periods where the tilt
    cannot be computed leave gaps.  The title is the summary.
    """
    names = actor_name(result.actor), actor_name(result.toward), actor_name(result.away)
    labels = [p.period for p in result.periods]
    x = np.arange(len(labels), dtype=float)
    tilt = np.array([_nan(p.tilt) for p in result.periods])
    low = np.array([_nan(p.low) for p in result.periods])
    high = np.array([_nan(p.high) for p in result.periods])
    s_t = np.array([_nan(p.score_toward) for p in result.periods])
    s_a = np.array([_nan(p.score_away) for p in result.periods])
    n_t = np.array([p.n_toward for p in result.periods], dtype=float)
    n_a = np.array([p.n_away for p in result.periods], dtype=float)

    fig = Figure(figsize=(11, 6.8))
    ax = fig.add_subplot(1, 1, 1)
    counts = ax.twinx()
    # Bars behind the lines: the twin axis is drawn under the main one.
    counts.set_zorder(ax.get_zorder() - 1)
    ax.patch.set_visible(False)

    if len(labels):
        width = 0.38
        counts.bar(x - width / 2, n_t, width, color=_TOWARD_COLOR, alpha=0.16,
                   label=f"events with {names[1]}")
        counts.bar(x + width / 2, n_a, width, color=_AWAY_COLOR, alpha=0.16,
                   label=f"events with {names[2]}")
        top = max(float(np.nanmax(np.r_[n_t, n_a, 1.0])), 1.0)
        counts.set_ylim(0, top * 4.0)  # keep the bars in the lower quarter
        counts.yaxis.get_major_locator().set_params(integer=True)

        ax.fill_between(x, low, high, color=_TILT_COLOR, alpha=0.15, linewidth=0,
                        label=f"{result.overall.level * 100:g}% interval" if result.overall
                        else "interval")
        ax.plot(x, s_t, color=_TOWARD_COLOR, linewidth=1.2, marker=".", markersize=5,
                label=f"{names[0]}–{names[1]} score")
        ax.plot(x, s_a, color=_AWAY_COLOR, linewidth=1.2, marker=".", markersize=5,
                label=f"{names[0]}–{names[2]} score")
        ax.plot(x, tilt, color=_TILT_COLOR, linewidth=2.4, marker="o", markersize=6,
                label=f"tilt ({names[1]} − {names[2]})")
        # Isolated computable periods have no neighbours to draw a band or a
        # line to: show their interval as an error bar.
        alone = np.isfinite(tilt) & ~(np.isfinite(np.r_[np.nan, tilt[:-1]])
                                      | np.isfinite(np.r_[tilt[1:], np.nan]))
        ok = alone & np.isfinite(low) & np.isfinite(high)
        if ok.any():
            ax.errorbar(x[ok], tilt[ok], yerr=[tilt[ok] - low[ok], high[ok] - tilt[ok]],
                        fmt="none", ecolor=_TILT_COLOR, alpha=0.5, capsize=4)
        _set_period_ticks(ax, labels)
    else:
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center",
                va="center", color="grey")

    ax.axhline(0, color="black", linewidth=0.9, linestyle="--", zorder=1)
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
    ax.set_xlabel(f"period ({result.freq})")
    ax.set_ylabel("Goldstein score / tilt (−10 conflict … +10 cooperation)")
    counts.set_ylabel("events per period")
    ax.set_title("\n".join(textwrap.wrap(result.summary, 95)), fontsize=10, loc="left")

    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = counts.get_legend_handles_labels()
    if h1 or h2:
        # Below the plot, so that it never hides a data point.
        ax.legend(h1 + h2, l1 + l2, loc="upper center", bbox_to_anchor=(0.5, -0.16),
                  fontsize=8, frameon=False, ncol=3)
    fig.tight_layout()
    return _save(fig, path)


def plot_series(series_df: pd.DataFrame, a: str, b: str, path: str | Path) -> Path:
    """Stacked bars of weighted event counts by quad class, and the mean
    Goldstein score (line, right axis), per period; saves a PNG (120 dpi).

    ``series_df`` is the output of :func:`accord.analysis.series`.  Empty
    periods show no bar and a gap in the line.
    """
    labels = [str(p) for p in series_df["period"].tolist()] if len(series_df) else []
    x = np.arange(len(labels), dtype=float)

    fig = Figure(figsize=(11, 6.2))
    ax = fig.add_subplot(1, 1, 1)
    gold = ax.twinx()

    if labels:
        bottom = np.zeros(len(labels))
        for q in ("q1", "q2", "q3", "q4"):
            h = pd.to_numeric(series_df[q], errors="coerce").fillna(0.0).to_numpy(dtype=float)
            ax.bar(x, h, 0.75, bottom=bottom, color=QUAD_COLORS[q], edgecolor="white",
                   linewidth=0.5, label=QUAD_LABELS[q])
            bottom += h
        mean = pd.to_numeric(series_df["goldstein_mean"], errors="coerce").to_numpy(dtype=float)
        gold.plot(x, mean, color="#333333", linewidth=2.0, marker="o", markersize=5,
                  label="mean Goldstein")
        gold.axhline(0, color="#333333", linewidth=0.8, linestyle=":")
        finite = mean[np.isfinite(mean)]
        lim = max(2.0, float(np.abs(finite).max()) * 1.15) if finite.size else 10.0
        gold.set_ylim(-min(lim, 10.5), min(lim, 10.5))
        ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.15)
        _set_period_ticks(ax, labels)
    else:
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center",
                va="center", color="grey")

    na, nb = actor_name(a), actor_name(b)
    freq = series_df.attrs.get("freq", "period")
    arrow = "→" if series_df.attrs.get("directed") else "–"
    n_total = len({i for ids in series_df.get("event_ids", pd.Series(dtype=object))
                   if isinstance(ids, list) for i in ids})
    ax.set_title(f"{na} {arrow} {nb}: events by quad class per {freq} "
                 f"({n_total} events)", fontsize=11, loc="left")
    ax.set_xlabel(f"period ({freq})")
    ax.set_ylabel("events (weighted by share of period)")
    gold.set_ylabel("mean Goldstein score")
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
    ax.set_axisbelow(True)

    handles = [Patch(color=QUAD_COLORS[q], label=QUAD_LABELS[q]) for q in QUAD_COLORS]
    h2, l2 = gold.get_legend_handles_labels()
    ax.legend(handles + h2, [h.get_label() for h in handles] + l2, loc="upper center",
              bbox_to_anchor=(0.5, -0.16), fontsize=8, frameon=False, ncol=5)
    fig.tight_layout()
    return _save(fig, path)
