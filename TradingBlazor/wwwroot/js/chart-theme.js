// The charts' light and dark colours, matching the app's card surfaces; shared by the price and backtest charts.
export function themeOptions(dark) {
  return {
    layout: { background: { color: dark ? "#161a25" : "#ffffff" }, textColor: dark ? "#b2b5be" : "#363a45", panes: { separatorColor: dark ? "#2a2e39" : "#e0e3eb" } },
    grid: { vertLines: { color: dark ? "#1f2430" : "#f0f3fa" }, horzLines: { color: dark ? "#1f2430" : "#f0f3fa" } },
  };
}
