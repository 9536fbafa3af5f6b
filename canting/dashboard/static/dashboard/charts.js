// The dashboard's charts, drawn by Chart.js from the JSON the page carries (#dashboard-data).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "id";
  var compact = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
  var whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var rupiah = function (value) { return "Rp " + whole.format(value); };
  var colours = ["#23315c", "#8a5a2b", "#5b8c5a", "#b8a04a"];
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { return new Chart(canvas, config); }
  }

  draw("chart-series", {
    type: "bar",
    data: {
      labels: data.months,
      datasets: [
        { label: data.labels.domestic, data: data.domestic, backgroundColor: colours[0] },
        { label: data.labels.export, data: data.export, backgroundColor: colours[1] }
      ]
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, ticks: { callback: function (v) { return compact.format(v); } } } },
      plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + rupiah(c.parsed.y); } } } }
    }
  });

  draw("chart-techniques", {
    type: "line",
    data: {
      labels: data.months,
      datasets: data.techniques.map(function (t, i) {
        return { label: t.label, data: t.data, borderColor: colours[i], backgroundColor: colours[i], tension: 0.2, pointRadius: 2 };
      })
    },
    options: { scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return whole.format(v); } } } } }
  });

  draw("chart-villages", {
    type: "bar",
    data: { labels: data.villages, datasets: [{ label: data.labels.turnover, data: data.village_turnover, backgroundColor: colours[1] }] },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return rupiah(c.parsed.x); } } } },
      scales: { x: { ticks: { callback: function (v) { return compact.format(v); } } } }
    }
  });
})();
