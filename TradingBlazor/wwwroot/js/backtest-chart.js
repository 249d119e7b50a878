// Backtest Lab charts over lightweight-charts: equity vs buy-and-hold with a drawdown pane, and the price with trade markers.
import { themeOptions } from "./chart-theme.js";

const charts = new Map();
let nextId = 1;
const nyDate = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", year: "numeric", month: "short", day: "numeric" });

function base(element, dark) {
  return window.LightweightCharts.createChart(element, {
    autoSize: true,
    ...themeOptions(dark),
    rightPriceScale: { borderVisible: false },
    timeScale: { borderVisible: false },
    localization: { timeFormatter: (t) => nyDate.format(new Date(t * 1000)) },
  });
}

export function render(equityEl, priceEl, data, dark) {
  const LC = window.LightweightCharts;
  const equity = base(equityEl, dark);
  equity.addSeries(LC.LineSeries, { color: "#2962ff", lineWidth: 2, title: "Strategy", priceLineVisible: false }).setData(data.equity);
  equity.addSeries(LC.LineSeries, { color: "#9e9e9e", lineWidth: 1, title: "Buy & hold", priceLineVisible: false }).setData(data.benchmark);
  const dd = equity.addSeries(LC.AreaSeries, { lineColor: "#ef5350", topColor: "rgba(239,83,80,0.05)", bottomColor: "rgba(239,83,80,0.4)", title: "Drawdown %", priceLineVisible: false, invertFilledArea: true }, 1);
  dd.setData(data.drawdown);
  equity.panes()[1]?.setHeight(120);
  equity.timeScale().fitContent();

  const price = base(priceEl, dark);
  const candles = price.addSeries(LC.CandlestickSeries, { upColor: "#26a69a", downColor: "#ef5350", borderVisible: false, wickUpColor: "#26a69a", wickDownColor: "#ef5350" });
  candles.setData(data.candles);
  LC.createSeriesMarkers(candles, data.markers);
  price.timeScale().fitContent();
  const id = nextId++;
  charts.set(id, { equity, price, candles, markers: data.markers.length, points: data.equity.length });
  return id;
}

// Centre the price chart on a trade.
export function focus(id, from, to) {
  const c = charts.get(id);
  if (!c) return;
  const pad = Math.max((to - from) * 2, 86400 * 5);
  c.price.timeScale().setVisibleRange({ from: from - pad, to: to + pad });
}

export function info(id) {
  const c = charts.get(id);
  return c ? { candles: c.candles.data().length, markers: c.markers, equityPoints: c.points } : null;
}

export function dispose(id) {
  const c = charts.get(id);
  if (!c) return;
  c.equity.remove();
  c.price.remove();
  charts.delete(id);
}
