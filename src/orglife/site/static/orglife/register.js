// The risk register's four-colour heatmap; data from the json_script block (no inline script: CSP).
(function () {
  var src = document.getElementById("four-colour-data");
  var el = document.getElementById("four-colour");
  if (!src || !el) return;
  var d = JSON.parse(src.textContent);
  if (!window.echarts || !d.cells.length) { el.classList.add("d-none"); return; }
  // The height grows with the places listed; a CSSOM write, which the policy allows.
  el.style.height = Math.max(240, 40 + d.places.length * 32) + "px";
  var c = echarts.init(el);
  c.setOption({
    tooltip: {formatter: function (p) { return d.areas[p.value[0]] + " · " + d.places[p.value[1]]; }},
    grid: {left: 90, right: 10, top: 10, bottom: 70},
    xAxis: {type: "category", data: d.areas, axisLabel: {interval: 0, rotate: 30}},
    yAxis: {type: "category", data: d.places},
    visualMap: {type: "piecewise", orient: "horizontal", left: "center", bottom: 0, pieces: [
      {value: 3, color: "#d7191c", label: "重大"}, {value: 2, color: "#fd8d3c", label: "较大"},
      {value: 1, color: "#ffd92f", label: "一般"}, {value: 0, color: "#2c7bb6", label: "低"}]},
    series: [{type: "heatmap", data: d.cells, itemStyle: {borderColor: "#fff", borderWidth: 2}}]
  });
  window.addEventListener("resize", function () { c.resize(); });
})();
