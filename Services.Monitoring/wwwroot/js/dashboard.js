// Live overview: a Server-Sent Events stream of snapshots. EventSource's own retry has a fixed delay, so on
// error we close it and reopen ourselves with exponential backoff and full jitter.
(function () {
  "use strict";

  var minDelayMs = 1000, maxDelayMs = 60000;
  var attempt = 0, source = null, timer = null;
  var charts = {};

  function text(value) { return value === null || value === undefined ? "" : String(value); }
  function when(iso) { return iso ? new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") : ""; }

  function setState(state) { document.getElementById("live-state").textContent = state; }

  function row(cells, attrs) {
    var tr = document.createElement("tr");
    Object.keys(attrs || {}).forEach(function (k) { tr.setAttribute(k, attrs[k]); });
    cells.forEach(function (cell) {
      var td = document.createElement("td");
      td.textContent = text(cell.value);
      if (cell.className) td.className = cell.className;
      tr.appendChild(td);
    });
    return tr;
  }

  function fill(tableId, rows) {
    var body = document.querySelector("#" + tableId + " tbody");
    body.replaceChildren.apply(body, rows);
  }

  function render(snapshot) {
    document.getElementById("generated-at").textContent = when(snapshot.generatedAt);
    fill("services", snapshot.services.map(function (s) {
      return row([
        { value: s.service }, { value: s.component },
        { value: s.status, className: "status status-" + s.status },
        { value: when(s.since) },
        { value: s.uptimePercent === null ? "—" : s.uptimePercent + " %" },
        { value: s.description }
      ], { "data-service": s.service });
    }));
    var alertRow = function (a, resolved) {
      var cells = [
        { value: a.severity, className: "severity-" + text(a.severity).toLowerCase() },
        { value: a.name }, { value: a.service }, { value: a.summary }, { value: when(a.raisedAt) }
      ];
      if (resolved) cells.push({ value: when(a.resolvedAt) });
      return row(cells, { "data-fingerprint": a.fingerprint });
    };
    fill("open-alerts", snapshot.openAlerts.map(function (a) { return alertRow(a, false); }));
    fill("recent-alerts", snapshot.recentAlerts.map(function (a) { return alertRow(a, true); }));
    fill("now", snapshot.now.map(function (w) {
      return row([
        { value: w.window }, { value: w.apiRequests },
        { value: w.errorRatePercent === null ? "—" : w.errorRatePercent + " %" },
        { value: w.rateLimitRefusals }, { value: w.errors }, { value: w.generations },
        { value: w.requestsPerSecond }, { value: w.tokensPerSecond },
        { value: w.queueWaitP50Ms === null ? "—" : w.queueWaitP50Ms.toFixed(1) + " / " + text(w.queueWaitP95Ms && w.queueWaitP95Ms.toFixed(1)) + " ms" }
      ], { "data-window": w.window });
    }));
    var g = snapshot.gpu;
    document.getElementById("gpu").textContent = g
      ? "GPU: " + (g.name || "unnamed") + ", " + text(g.usedMb === null ? "?" : g.usedMb) + " of " + text(g.totalMb === null ? "?" : g.totalMb) +
        " MB, " + text(g.utilizationPercent === null ? "?" : g.utilizationPercent) + " % busy (reported " + when(g.reportedAt) + ")"
      : "GPU: no GPU figures reported";
    renderCharts(snapshot.series);
  }

  var chartFields = {
    "chart-errors": "errorRatePercent",
    "chart-throughput": "requestsPerSecond",
    "chart-tokens": "tokensPerSecond",
    "chart-queue": "queueWaitMs",
    "chart-gpu": "gpuMemoryMb",
    "chart-refusals": "rateLimitRefusals"
  };

  function renderCharts(series) {
    if (typeof Chart === "undefined") return;
    var labels = series.map(function (p) { return new Date(p.at).toISOString().substring(11, 19); });
    Object.keys(chartFields).forEach(function (id) {
      var data = series.map(function (p) { return p[chartFields[id]]; });
      var chart = charts[id];
      if (!chart) {
        chart = charts[id] = new Chart(document.getElementById(id), {
          type: "line",
          data: { labels: labels, datasets: [{ data: data, borderWidth: 2, pointRadius: 0, spanGaps: false }] },
          options: { animation: false, responsive: true, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
        });
      } else {
        chart.data.labels = labels;
        chart.data.datasets[0].data = data;
        chart.update();
      }
    });
  }

  function connect() {
    timer = null;
    setState(attempt === 0 ? "connecting…" : "reconnecting…");
    source = new EventSource("/dashboard/events");
    source.addEventListener("open", function () { attempt = 0; setState("connected"); });
    source.addEventListener("snapshot", function (e) { render(JSON.parse(e.data)); });
    source.addEventListener("error", function () {
      source.close();
      source = null;
      reconnectLater();
    });
  }

  function reconnectLater() {
    if (timer !== null) return;
    var cap = Math.min(maxDelayMs, minDelayMs * Math.pow(2, attempt));
    var delay = Math.floor(Math.random() * cap);  // full jitter: spread the reconnects of many open pages
    attempt = Math.min(attempt + 1, 16);
    setState("disconnected, retrying in " + Math.ceil(delay / 1000) + " s");
    // The session may have ended (logout elsewhere, password change): a page load goes to the login page then.
    fetch("/dashboard/session", { credentials: "same-origin" }).then(function (r) {
      if (r.status === 401) window.location.assign("/dashboard/login?ReturnUrl=%2Fdashboard");
    }).catch(function () { });
    timer = window.setTimeout(connect, delay);
  }

  connect();
})();
