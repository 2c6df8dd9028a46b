// The meetings board's charts; data from the json_script block (no inline script: CSP).
(function () {
  var d = JSON.parse(document.getElementById("board-data").textContent);
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    var c = echarts.init(el);
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
  }
  draw("chart-report", {title: {text: "情况报告", textStyle: {fontSize: 14}},
    tooltip: {}, series: [{type: "pie", radius: ["35%", "65%"], data: d.report}]});
  draw("chart-ledger", {title: {text: "整改完成率（%）", textStyle: {fontSize: 14}},
    tooltip: {}, grid: {left: 40, right: 10, bottom: 40}, xAxis: {type: "category", data: d.branches},
    yAxis: {type: "value", max: 100}, series: [{type: "bar", data: d.completion, itemStyle: {color: "#b22222"}}]});
})();
