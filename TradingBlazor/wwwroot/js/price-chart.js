// Price chart over lightweight-charts (Apache-2.0): candles + volume on the main pane, overlays on it, and
// oscillators in their own panes. Times arrive as UTC seconds and are shown in New York exchange time.
import { themeOptions } from "./chart-theme.js";

const charts = new Map();
let nextId = 1;

const palette = ["#2962ff", "#ff6d00", "#00a86b", "#d500f9", "#ffab00", "#00b8d4", "#e91e63", "#8d6e63"];
const nyTime = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit", hour12: false });
const nyDay = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", month: "short", day: "numeric" });
const nyDate = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", weekday: "short", year: "numeric", month: "short", day: "numeric" });
const nyFull = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });

export function create(element, dark, daily) {
  const LC = window.LightweightCharts;
  const chart = LC.createChart(element, {
    autoSize: true,
    ...themeOptions(dark),
    rightPriceScale: { borderVisible: false },
    timeScale: {
      borderVisible: false, timeVisible: !daily, secondsVisible: false,
      tickMarkFormatter: (t, type) => (type >= 3 ? nyTime.format(new Date(t * 1000)) : nyDay.format(new Date(t * 1000))),
    },
    localization: { timeFormatter: (t) => (daily ? nyDate.format(new Date(t * 1000)) : nyFull.format(new Date(t * 1000)) + " ET") },
    crosshair: { mode: LC.CrosshairMode.Normal },
  });
  const candles = chart.addSeries(LC.CandlestickSeries, { upColor: "#26a69a", downColor: "#ef5350", borderVisible: false, wickUpColor: "#26a69a", wickDownColor: "#ef5350" });
  const volume = chart.addSeries(LC.HistogramSeries, { priceFormat: { type: "volume" }, priceScaleId: "volume", lastValueVisible: false, priceLineVisible: false });
  chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  const id = nextId++;
  charts.set(id, { chart, element, candles, volume, indicators: new Map(), colorIndex: 0, candleCount: 0, markers: null, dark });
  return id;
}

function volumeBar(b) {
  return { time: b.time, value: b.volume, color: b.close >= b.open ? "rgba(38,166,154,0.45)" : "rgba(239,83,80,0.45)" };
}

export function setData(id, bars) {
  const c = charts.get(id);
  c.candles.setData(bars);
  c.volume.setData(bars.map(volumeBar));
  c.candleCount = bars.length;
  c.chart.timeScale().fitContent();
}

export function update(id, bar, indicatorValues) {
  const c = charts.get(id);
  if (!c) return;
  const last = c.candles.data();
  if (last.length === 0 || last[last.length - 1].time < bar.time) c.candleCount++;
  c.candles.update(bar);
  c.volume.update(volumeBar(bar));
  // The live candle on the element too: the canvas is opaque to tests and observers of the page.
  c.element.dataset.lastTime = bar.time;
  c.element.dataset.lastClose = bar.close;
  for (const [key, values] of Object.entries(indicatorValues || {})) {
    const ind = c.indicators.get(key);
    if (!ind) continue;
    values.forEach((v, i) => { if (v !== null && ind.series[i]) ind.series[i].update({ time: bar.time, value: v }); });
  }
}

export function setIndicator(id, key, spec) {
  const c = charts.get(id);
  removeIndicator(id, key);
  const LC = window.LightweightCharts;
  const paneIndex = spec.pane === "price" ? 0 : c.chart.panes().length;
  // On a phone the series' names would cover the candles: the chips above the chart name them.
  const narrow = c.element.clientWidth < 520;
  const series = spec.outputs.map((o) => {
    const color = palette[c.colorIndex++ % palette.length];
    const histogram = o.name === "hist";
    const s = c.chart.addSeries(histogram ? LC.HistogramSeries : LC.LineSeries,
      histogram ? { color: "rgba(120,144,156,0.6)", priceLineVisible: false, lastValueVisible: false }
                : { color, lineWidth: o.name === "middle" ? 1 : 2, priceLineVisible: false, lastValueVisible: spec.pane !== "price", title: narrow ? "" : o.title },
      paneIndex);
    s.setData(o.data);
    return s;
  });
  if (spec.pane !== "price") {
    for (const level of spec.levels || []) series[0].createPriceLine({ price: level, color: "#9e9e9e", lineStyle: 2, lineWidth: 1, axisLabelVisible: true });
  }
  c.indicators.set(key, { series, pane: spec.pane });
}

export function removeIndicator(id, key) {
  const c = charts.get(id);
  const ind = c?.indicators.get(key);
  if (!ind) return;
  c.indicators.delete(key);
  const paneIndex = ind.series[0].getPane().paneIndex();
  for (const s of ind.series) c.chart.removeSeries(s);
  // The library may drop an emptied pane by itself; remove it only if it is still there and empty.
  const pane = c.chart.panes()[paneIndex];
  if (ind.pane !== "price" && paneIndex > 0 && pane && pane.getSeries().length === 0) c.chart.removePane(paneIndex);
}

// Each indicator pane keeps paneHeight pixels and the price pane the rest of the frame, which grows with the panes:
// stretch factors are proportions, so they hold through every resize.
export function layout(id, paneHeight) {
  const c = charts.get(id);
  if (!c) return;
  const panes = c.chart.panes();
  if (panes.length < 2) return;
  const price = Math.max(c.element.clientHeight - (panes.length - 1) * paneHeight, paneHeight * 2);
  panes[0].setStretchFactor(price);
  for (let i = 1; i < panes.length; i++) panes[i].setStretchFactor(paneHeight);
}

export function setMarkers(id, markers) {
  const c = charts.get(id);
  if (c.markers) c.markers.setMarkers(markers);
  else c.markers = window.LightweightCharts.createSeriesMarkers(c.candles, markers);
  c.markerCount = markers.length;
}

export function setTheme(id, dark) {
  const c = charts.get(id);
  if (!c) return;
  c.chart.applyOptions(themeOptions(dark));
  c.dark = dark;
}

// What the chart holds, for tests and diagnostics.
export function info(id) {
  const c = charts.get(id);
  if (!c) return null;
  return {
    candles: c.candles.data().length,
    panes: c.chart.panes().length,
    paneHeights: c.chart.panes().map((p) => p.getHeight()),
    indicators: [...c.indicators.keys()],
    lastClose: c.candles.data().at(-1)?.close ?? null,
    dark: c.dark,
    markers: c.markerCount ?? 0,
  };
}

export function dispose(id) {
  const c = charts.get(id);
  if (!c) return;
  c.chart.remove();
  charts.delete(id);
}
