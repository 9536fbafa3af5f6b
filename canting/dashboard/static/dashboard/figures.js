// The public figures page's chart: pieces produced per year (#figures-data).
(function () {
  "use strict";
  var source = document.getElementById("figures-data");
  var canvas = document.getElementById("chart-years");
  if (!source || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var whole = new Intl.NumberFormat(document.documentElement.lang || "id");
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.years, datasets: [{ label: data.label, data: data.pieces, backgroundColor: "#8a5a2b" }] },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return whole.format(v); } } } }
    }
  });
})();
