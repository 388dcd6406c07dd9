/* accord dashboard charts.
 *
 * Each chart is a <div data-chart="dyad|tilt" data-source="ID"> whose data is
 * the JSON in <script type="application/json" id="ID"> (a data block, never
 * executed).  Drawn with plotly.js, served from this site: no inline script,
 * no eval, no network access beyond this origin.
 */
(function () {
  "use strict";

  var QUADS = [
    { key: "q1", name: "Verbal cooperation", color: "#a6dba0" },
    { key: "q2", name: "Material cooperation", color: "#1b7837" },
    { key: "q3", name: "Verbal conflict", color: "#fdae61" },
    { key: "q4", name: "Material conflict", color: "#d7191c" }
  ];
  var CONFIG = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
    toImageButtonOptions: { format: "png", scale: 2 }
  };
  var FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", size: 13, color: "#1d2430" };

  function readData(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    return JSON.parse(el.textContent);
  }

  function column(rows, key) {
    return rows.map(function (r) { return r[key]; });
  }

  /* Events per period by quad class (stacked bars) and mean Goldstein (line). */
  function drawDyad(el, d) {
    var periods = d.periods;
    var x = column(periods, "period");
    var traces = QUADS.map(function (q) {
      return {
        type: "bar", name: q.name, x: x, y: column(periods, q.key),
        marker: { color: q.color, line: { width: 0 } },
        hovertemplate: "%{y:.1f}<extra>" + q.name + "</extra>"
      };
    });
    traces.push({
      type: "scatter", mode: "lines+markers", name: "Mean Goldstein", x: x,
      y: column(periods, "goldstein_mean"), yaxis: "y2", connectgaps: false,
      line: { color: "#1d2430", width: 2 }, marker: { size: 6 },
      hovertemplate: "%{y:+.2f}<extra>Mean Goldstein</extra>"
    });
    var layout = {
      barmode: "stack", bargap: 0.25, font: FONT, hovermode: "x unified",
      margin: { l: 56, r: 64, t: 16, b: 48 },
      legend: { orientation: "h", x: 0, y: 1.12, traceorder: "normal" },
      xaxis: { type: "category", title: { text: d.freq === "year" ? "" : d.freq }, tickangle: x.length > 16 ? -45 : 0 },
      yaxis: { title: { text: "Events" }, rangemode: "tozero", gridcolor: "#e6e9ef" },
      yaxis2: {
        title: { text: "Mean Goldstein" }, overlaying: "y", side: "right", range: [-10.5, 10.5],
        zeroline: true, zerolinecolor: "#9aa3b2", showgrid: false, dtick: 5
      },
      plot_bgcolor: "#fff", paper_bgcolor: "#fff"
    };
    return Plotly.newPlot(el, traces, layout, CONFIG).then(function (gd) {
      // Clicking a period lists its events: the same page, filtered to it.
      gd.on("plotly_click", function (ev) {
        if (!ev || !ev.points || !ev.points.length) { return; }
        var label = ev.points[0].x;
        var p = periods.filter(function (q) { return q.period === label; })[0];
        if (!p) { return; }
        var url = new URL(window.location.href);
        url.searchParams.set("since", p.start);
        url.searchParams.set("until", p.end);
        url.searchParams.delete("page");
        url.hash = "events";
        window.location.assign(url.toString());
      });
      return gd;
    });
  }

  /* Consecutive runs of periods where both ends of the interval are known. */
  function runs(periods) {
    var out = [], cur = null;
    periods.forEach(function (p) {
      if (p.low !== null && p.high !== null) {
        if (!cur) { cur = []; out.push(cur); }
        cur.push(p);
      } else {
        cur = null;
      }
    });
    return out;
  }

  /* Scores with each partner (top) and the tilt with its interval band (bottom). */
  function drawTilt(el, d) {
    var periods = d.periods;
    var x = column(periods, "period");
    var names = d.names || {};
    var toward = names[d.toward] || d.toward, away = names[d.away] || d.away;
    var traces = [
      {
        type: "scatter", mode: "lines+markers", name: "Score with " + toward, x: x,
        y: column(periods, "score_toward"), connectgaps: false,
        line: { color: "#2c7fb8", width: 2 }, hovertemplate: "%{y:+.2f}<extra>with " + toward + "</extra>"
      },
      {
        type: "scatter", mode: "lines+markers", name: "Score with " + away, x: x,
        y: column(periods, "score_away"), connectgaps: false,
        line: { color: "#e6550d", width: 2 }, hovertemplate: "%{y:+.2f}<extra>with " + away + "</extra>"
      }
    ];
    runs(periods).forEach(function (run, i) {
      var rx = column(run, "period");
      traces.push({
        type: "scatter", mode: "lines", x: rx, y: column(run, "low"), yaxis: "y2",
        line: { width: 0 }, hoverinfo: "skip", showlegend: false
      });
      traces.push({
        type: "scatter", mode: "lines", x: rx, y: column(run, "high"), yaxis: "y2",
        line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(31, 31, 122, 0.18)",
        name: "90% interval", showlegend: i === 0, legendgroup: "band", hoverinfo: "skip"
      });
    });
    traces.push({
      type: "scatter", mode: "lines+markers", name: "Tilt", x: x, y: column(periods, "tilt"),
      yaxis: "y2", connectgaps: false, line: { color: "#1f1f7a", width: 3 }, marker: { size: 7 },
      customdata: periods.map(function (p) { return [p.low, p.high]; }),
      hovertemplate: "%{y:+.2f} (%{customdata[0]:+.2f} to %{customdata[1]:+.2f})<extra>Tilt</extra>"
    });
    var layout = {
      font: FONT, hovermode: "x unified", margin: { l: 64, r: 24, t: 16, b: 48 },
      legend: { orientation: "h", x: 0, y: 1.08 },
      xaxis: { type: "category", anchor: "y2", categoryorder: "array", categoryarray: x },
      yaxis: {
        domain: [0.56, 1], title: { text: "Relation score" }, range: [-10.5, 10.5], dtick: 5,
        zeroline: true, zerolinecolor: "#9aa3b2", gridcolor: "#e6e9ef"
      },
      yaxis2: {
        domain: [0, 0.44], anchor: "x", title: { text: "Tilt (toward − away)" },
        zeroline: true, zerolinecolor: "#555", zerolinewidth: 1.5, gridcolor: "#e6e9ef"
      },
      plot_bgcolor: "#fff", paper_bgcolor: "#fff"
    };
    return Plotly.newPlot(el, traces, layout, CONFIG);
  }

  var DRAW = { dyad: drawDyad, tilt: drawTilt };

  function init() {
    var charts = document.querySelectorAll("[data-chart]");
    if (!charts.length) { return; }
    if (typeof window.Plotly === "undefined") {
      charts.forEach(function (el) { el.textContent = "The chart library did not load."; });
      return;
    }
    charts.forEach(function (el) {
      var draw = DRAW[el.getAttribute("data-chart")];
      var data = readData(el.getAttribute("data-source"));
      if (draw && data) {
        draw(el, data).then(function () { el.setAttribute("data-drawn", "true"); });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
