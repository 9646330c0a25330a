/* The dashboard's charts, drawn with the vendored Chart.js from the figures the page embeds
   (json_script "dashboard-data"). No build step; numbers follow the page's language ("57,3"). */
(function () {
  "use strict";

  function draw() {
    var node = document.getElementById("dashboard-data");
    if (!node || !window.Chart) { return; }
    var data = JSON.parse(node.textContent);
    var Chart = window.Chart;
    var colors = { tot: "#1e6b2d", kha: "#1f3f7a", trung_binh: "#b07a00", kem: "#a50e0e", unrated: "#9a9a9a" };
    var lines = ["#a50e0e", "#1f3f7a", "#1e6b2d"];
    var kindColors = ["#1f3f7a", "#a50e0e", "#9a9a9a", "#1e6b2d", "#b07a00", "#6a3d9a", "#555555"];
    Chart.defaults.locale = data.locale === "en" ? "en" : "vi";
    Chart.defaults.font.size = 14;
    Chart.defaults.maintainAspectRatio = false;
    var percentAxis = { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } };

    function make(id, config) {
      var canvas = document.getElementById(id);
      if (canvas) { canvas.chibo = new Chart(canvas, config); }
    }

    make("chart-levels", {
      type: "bar",
      data: {
        labels: data.months,
        datasets: data.levels.map(function (l) {
          return { label: l.label, data: l.data, backgroundColor: colors[l.key] };
        })
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } }
    });
    make("chart-trends", {
      type: "line",
      data: {
        labels: data.months,
        datasets: data.trends.map(function (t, i) {
          return { label: t.label, data: t.data, borderColor: lines[i], backgroundColor: lines[i], spanGaps: true };
        })
      },
      options: { scales: { y: percentAxis } }
    });
    make("chart-kinds", {
      type: "doughnut",
      data: { labels: data.kinds.labels, datasets: [{ data: data.kinds.data, backgroundColor: kindColors }] },
      options: { plugins: { legend: { position: "bottom" } } }
    });
    if (data.units.labels.length) {
      make("chart-units", {
        type: "bar",
        data: {
          labels: data.units.labels,
          datasets: [
            { label: data.series.attendance, data: data.units.attendance, backgroundColor: lines[0] },
            { label: data.series.over_half, data: data.units.over_half, backgroundColor: lines[1] },
            { label: data.series.tot, data: data.units.tot, backgroundColor: lines[2] }
          ]
        },
        options: { indexAxis: data.units.labels.length > 8 ? "y" : "x",
                   scales: data.units.labels.length > 8 ? { x: percentAxis } : { y: percentAxis } }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
