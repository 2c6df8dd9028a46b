// The summary page's charts; data from the json_script block (no inline script: CSP).
(function () {
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  var colors = ["#6c757d", "#0d6efd", "#b58100", "#198754"];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    var c = echarts.init(el);
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
  }
  chart("chart-status", {
    color: colors, tooltip: {trigger: "item"}, legend: {bottom: 0},
    series: [{type: "pie", radius: ["40%", "68%"], data: d.status, label: {formatter: "{b}\n{c}"}}]
  });
  chart("chart-category", {
    tooltip: {trigger: "axis"}, legend: {bottom: 0}, grid: {left: 40, right: 10, top: 10, bottom: 60},
    xAxis: {type: "category", data: d.categories, axisLabel: {interval: 0, rotate: 30}},
    yAxis: {type: "value", minInterval: 1},
    series: [{name: "事项", type: "bar", data: d.category_all, itemStyle: {color: "#b3171d"}},
             {name: "已销号", type: "bar", data: d.category_closed, itemStyle: {color: "#198754"}}]
  });
  chart("chart-branches", {
    tooltip: {trigger: "axis"}, legend: {bottom: 0}, grid: {left: 40, right: 40, top: 10, bottom: 50},
    xAxis: {type: "category", data: d.branches},
    yAxis: [{type: "value", name: "完成率%", max: 100}, {type: "value", name: "逾期", minInterval: 1}],
    series: [{name: "完成率%", type: "bar", data: d.branch_rate, itemStyle: {color: "#b3171d"}},
             {name: "逾期", type: "line", yAxisIndex: 1, data: d.branch_overdue, itemStyle: {color: "#dc3545"}}]
  });
})();
