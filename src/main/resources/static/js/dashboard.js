// Draws the dashboard charts from each canvas's data-chart JSON (built by platform/staff/Dashboard). Served from the
// app (CSP script-src 'self'); without it the figures and the data tables still tell everything.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') {
    return;
  }
  var colors = ['#1d4ed8', '#b91c1c', '#047857', '#b45309', '#6d28d9', '#0e7490'];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  // Counts get whole-number ticks on the value axis; medians and shares keep their decimals.
  function axis(spec, categories) {
    if (categories) {
      return {};
    }
    var whole = spec.series.every(function (series) {
      return series.values.every(function (value) { return Math.round(value) === value; });
    });
    return { beginAtZero: true, ticks: whole ? { precision: 0 } : {} };
  }

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    var many = spec.series.length > 1;
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, i) {
          return {
            label: series.label,
            data: series.values,
            backgroundColor: colors[i % colors.length],
            borderWidth: 0
          };
        })
      },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        responsive: true,
        plugins: { legend: { display: many } },
        scales: spec.type === 'bar' ? { x: axis(spec, !spec.horizontal), y: axis(spec, spec.horizontal) } : {}
      }
    });
    canvas.setAttribute('data-drawn', 'true');
  });
})();
