// The Reports page's chart over lightweight-charts: realized equity per session with a drawdown pane under it.
import { themeOptions } from "./chart-theme.js";

const charts = new Map();
let nextId = 1;
const day = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });

export function render(element, data, dark) {
  const LC = window.LightweightCharts;
  const chart = LC.createChart(element, {
    autoSize: true,
    ...themeOptions(dark),
    rightPriceScale: { borderVisible: false },
    timeScale: { borderVisible: false },
    // Points are New York session dates stamped at midnight UTC: show them as dates, never shifted a day.
    localization: { timeFormatter: (t) => day.format(new Date(t * 1000)) },
  });
  chart.addSeries(LC.LineSeries, { color: "#2962ff", lineWidth: 2, title: "Equity", priceLineVisible: false }).setData(data.equity);
  chart.addSeries(LC.AreaSeries, { lineColor: "#ef5350", topColor: "rgba(239,83,80,0.05)", bottomColor: "rgba(239,83,80,0.4)", title: "Drawdown %", priceLineVisible: false, invertFilledArea: true }, 1)
    .setData(data.drawdown);
  chart.panes()[1]?.setHeight(110);
  chart.timeScale().fitContent();
  const id = nextId++;
  charts.set(id, { chart, points: data.equity.length });
  return id;
}

export function info(id) {
  const c = charts.get(id);
  return c ? { equityPoints: c.points } : null;
}

export function dispose(id) {
  const c = charts.get(id);
  if (!c) return;
  c.chart.remove();
  charts.delete(id);
}
