// A chart's choices kept in this browser (localStorage), by key. Storage may be off (private mode, quota): then
// nothing is kept and the page falls back to its defaults.
const prefix = "tradingblazor.";

export function load(key) {
  try {
    return localStorage.getItem(prefix + key);
  } catch {
    return null;
  }
}

export function save(key, value) {
  try {
    localStorage.setItem(prefix + key, value);
  } catch {
    // not kept
  }
}
