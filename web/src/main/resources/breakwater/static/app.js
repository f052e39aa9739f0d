// Breakwater UI behaviour. Pages work without it (forms post, links navigate); this adds copy buttons, charts and
// "select all". Loaded from this server only (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";

  function copyButtons(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      if (button.dataset.bound) return;
      button.dataset.bound = "1";
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copy);
        if (!source || !navigator.clipboard) return;
        navigator.clipboard.writeText(source.textContent).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        });
      });
    });
  }

  // <div data-chart data-series='{"x":[epochSeconds...],"y":[counts...]}' data-label="events">
  function charts(root) {
    if (typeof uPlot === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = "1";
      var series = JSON.parse(el.dataset.series);
      var width = Math.max(240, el.clientWidth || 600);
      new uPlot({
        width: width,
        height: 180,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [{}, { size: 40 }],
        series: [{}, {
          label: el.dataset.label || "events",
          stroke: "#b4491f",
          fill: "rgba(180, 73, 31, 0.25)",
          points: { show: false },
          paths: uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.8, 40] }) : undefined
        }]
      }, [series.x, series.y], el);
    });
  }

  function selectAll(root) {
    root.querySelectorAll("input[data-select-all]").forEach(function (box) {
      if (box.dataset.bound) return;
      box.dataset.bound = "1";
      box.addEventListener("change", function () {
        var form = box.form || document;
        form.querySelectorAll("input[type=checkbox][name='" + box.dataset.selectAll + "']").forEach(function (item) {
          item.checked = box.checked;
        });
      });
    });
  }

  function init(root) {
    copyButtons(root);
    charts(root);
    selectAll(root);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target || document); });
})();
