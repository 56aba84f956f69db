// Dashboard charts: each <canvas data-chart="ID"> is drawn from the JSON in <script id="ID">
// (written by Django's json_script) with the vendored Chart.js. A bar carrying a link opens
// the records behind it. No inline script: the page only holds data.
(function () {
  "use strict";

  var PALETTE = ["#8b1a1a", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
  var NAMED = { success: "#198754", danger: "#dc3545", warning: "#fd7e14", muted: "#adb5bd", info: "#0d6efd" };
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

  function attainmentColor(value) {
    if (value >= 100) return NAMED.success;
    if (value >= 50) return NAMED.warning;
    return NAMED.danger;
  }

  // Long category labels are wrapped into lines (Chart.js draws an array as lines) and, on a
  // narrow screen, cut after a few lines with an ellipsis; the tooltip keeps the full label.
  function wrap(text, width, maxLines) {
    var words = String(text).split(/\s+/);
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    if (lines.length > maxLines) {
      lines = lines.slice(0, maxLines);
      lines[maxLines - 1] = lines[maxLines - 1].replace(/\s*\S*$/, "") + "…";
    }
    return lines.length > 1 ? lines : lines[0] || "";
  }

  function narrow(chart) { return chart.width < 576; }

  function build(canvas, spec) {
    var horizontal = !!spec.horizontal;
    var valueAxis = horizontal ? "x" : "y";
    var categoryAxis = horizontal ? "y" : "x";
    var datasets = spec.datasets.map(function (ds, i) {
      var color = NAMED[ds.color] || PALETTE[i % PALETTE.length];
      return {
        label: ds.label,
        data: ds.data,
        backgroundColor: ds.byValue ? ds.data.map(attainmentColor) : color,
        borderRadius: 2,
        maxBarThickness: 28,
      };
    });
    var scales = {};
    scales[valueAxis] = {
      beginAtZero: true,
      stacked: !!spec.stacked,
      ticks: {
        precision: spec.integer ? 0 : undefined,
        callback: function (value) { return number.format(value) + (spec.percent ? "%" : ""); },
      },
      title: spec.yTitle ? { display: true, text: spec.yTitle } : { display: false },
    };
    if (spec.percent) scales[valueAxis].suggestedMax = 100;
    scales[categoryAxis] = {
      stacked: !!spec.stacked,
      ticks: {
        autoSkip: false,
        maxRotation: horizontal ? 0 : 60,
        callback: function (value) {
          var label = this.getLabelForValue(value);
          var small = narrow(this.chart);
          if (horizontal) {
            // The label column takes at most about 40 % of the width, on a phone too.
            var chars = Math.max(12, Math.floor(this.chart.width * 0.4 / 6.5));
            return wrap(label, chars, 2);
          }
          var per = this.chart.width / Math.max(1, spec.labels.length);
          return wrap(label, Math.max(6, Math.floor(per / 6.5)), small ? 2 : 3);
        },
      },
    };

    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { left: 4, right: 8, bottom: 4 } },
        scales: scales,
        plugins: {
          legend: {
            display: spec.datasets.length > 1,
            position: "bottom",
            labels: { boxWidth: 12, padding: 8, font: { size: 11 } },
          },
          tooltip: {
            callbacks: {
              title: function (items) {
                var i = items.length ? items[0].dataIndex : 0;
                return spec.fullLabels ? spec.fullLabels[i] : spec.labels[i];
              },
              label: function (ctx) {
                var ds = spec.datasets[ctx.datasetIndex];
                var raw = ds.raw ? ds.raw[ctx.dataIndex] : ctx.parsed[valueAxis];
                return ds.label + ": " + number.format(raw) + (spec.percent ? "%" : "");
              },
            },
          },
        },
        onHover: function (event, elements) {
          var target = event.native && event.native.target;
          if (!target) return;
          var linked = elements.length && linkOf(spec, elements[0]);
          target.style.cursor = linked ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          var url = elements.length && linkOf(spec, elements[0]);
          if (url) window.location.assign(url);
        },
      },
    });
  }

  function linkOf(spec, element) {
    var ds = spec.datasets[element.datasetIndex];
    return ds && ds.links ? ds.links[element.index] : "";
  }

  function draw() {
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source || window.Chart.getChart(canvas)) return;
      var spec = JSON.parse(source.textContent);
      var box = canvas.parentElement;
      var rows = parseInt(box.dataset.rows || "0", 10);
      // Horizontal bar charts grow with their rows so that every label stays readable.
      // On a phone a label takes two lines: its row is taller.
      var perRow = box.clientWidth < 576 ? 40 : 34;
      if (spec.horizontal && rows) box.style.height = Math.max(160, 40 + rows * perRow) + "px";
      build(canvas, spec);
    });
  }

  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.requestSubmit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw();
    autosubmit();
  });
})();
