// Drives an Alpaca-compatible server (our fake, in the tests) with Alpaca's official JS SDK and prints one JSON
// object with what it saw. The SDK parses every answer with its own generated models, so any shape the fake gets
// wrong (types, nulls, status codes, paging, the trade_updates protocol) shows up as an error here.
// Usage: node crosscheck.js <baseUrl> (keys from APCA_API_KEY_ID / APCA_API_SECRET_KEY)
"use strict";
const { trading, marketData, streaming } = require("@alpacahq/alpaca-trade-api");

const base = process.argv[2].replace(/\/$/, "");
const keyId = process.env.APCA_API_KEY_ID;
const secret = process.env.APCA_API_SECRET_KEY;
const tradingConfig = new trading.Configuration({ basePath: base, keyId, secret });
const dataConfig = new marketData.Configuration({ basePath: base, keyId, secret });

async function main() {
  const out = {};
  const stream = new streaming.TradingStream({ credentials: { keyId, secret }, url: base.replace(/^http/, "ws") + "/stream", reconnect: false });
  const events = [];
  stream.onTradeUpdate((u) => events.push(`${u.event}:${u.order.clientOrderId ?? u.order.client_order_id}`));
  const listening = new Promise((resolve) => stream.onConnect(() => { stream.subscribeTradeUpdates(); setTimeout(resolve, 300); }));
  stream.connect();
  out.streamAuth = (await stream.whenAuthenticated()).status;
  await listening;

  // The market-data stream, which this SDK always asks for in MessagePack. The test publishes once we have subscribed.
  const data = new streaming.StockDataStream({ credentials: { keyId, secret }, url: base.replace(/^http/, "ws") + "/v2/iex", reconnect: false });
  const bars = [], trades = [];
  data.onBar((b) => bars.push(`${b.symbol} ${b.open} ${b.high} ${b.low} ${b.close} ${b.volume} ${b.timestampRaw}`));
  data.onTrade((t) => trades.push(`${t.symbol} ${t.price} ${t.size} ${t.timestampRaw}`));
  data.onConnect(() => { data.subscribeForBars(["AAPL"]); data.subscribeForTrades(["AAPL"]); });
  data.connect();
  out.dataAuth = (await data.whenAuthenticated()).status;

  const account = await new trading.AccountsApi(tradingConfig).getAccount();
  out.account = { status: account.status, cash: String(account.cash), buyingPower: String(account.buyingPower) };
  const clock = await new trading.ClockApi(tradingConfig).legacyClock();
  out.clockIsOpen = clock.isOpen;

  const orders = new trading.OrdersApi(tradingConfig);
  const placed = await orders.postOrder({ postOrderRequest: { symbol: "AAPL", qty: "2", side: "buy", type: "market", timeInForce: "day", clientOrderId: "js-1" } });
  out.placed = { status: placed.status, filledQty: String(placed.filledQty), clientOrderId: placed.clientOrderId };
  const limit = await orders.postOrder({ postOrderRequest: { symbol: "MSFT", qty: "1", side: "buy", type: "limit", limitPrice: "300", timeInForce: "day", clientOrderId: "js-2" } });
  try {
    await orders.postOrder({ postOrderRequest: { symbol: "AAPL", qty: "1", side: "buy", type: "market", timeInForce: "day", clientOrderId: "js-1" } });
    out.duplicate = "accepted";
  } catch (e) {
    out.duplicate = e.status ?? e.response?.status ?? String(e);
  }
  out.byClientId = (await orders.getOrderByClientOrderId({ clientOrderId: "js-1" })).id === placed.id;
  out.openOrders = (await orders.getAllOrders({ status: "open" })).map((o) => o.clientOrderId);
  const replacement = await orders.patchOrderByOrderId({ orderId: limit.id, patchOrderRequest: { limitPrice: "301", clientOrderId: "js-2b" } });
  out.replaced = { replaces: replacement.replaces === limit.id, limitPrice: String(replacement.limitPrice) };
  await orders.deleteOrderByOrderID({ orderId: replacement.id });
  out.afterCancel = (await orders.getOrderByOrderID({ orderId: replacement.id })).status;

  const positions = await new trading.PositionsApi(tradingConfig).getAllOpenPositions();
  out.positions = positions.map((p) => `${p.symbol}:${p.qty}`);
  const fills = await new trading.AccountActivitiesApi(tradingConfig).getAccountActivitiesByActivityType({ activityType: "FILL" });
  out.fills = fills.length;

  const page = await new marketData.StockApi(dataConfig).stockBars({ symbols: "AAPL,MSFT", timeframe: "1Min", limit: 3 });
  out.barsPage = { symbols: Object.keys(page.bars).sort(), nextPageToken: page.nextPageToken != null };

  for (let waited = 0; (bars.length === 0 || trades.length === 0) && waited < 10000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  out.tradeUpdates = events;
  out.bars = bars;
  out.trades = trades;
  stream.disconnect();
  data.disconnect();
  return out;
}

main().then((out) => { console.log(JSON.stringify(out)); process.exit(0); })
  .catch((e) => { console.error(`crosscheck failed: ${e?.message ?? e} ${e?.response?.status ?? ""}`); process.exit(1); });
