// Copies the engine's public figures into a market room's synchronized state after each
// resolution, and an offer of the book into the schema. Nothing here decides anything.
import { balanceSheet, chipLots, marketCap, scores, type GameEvent, type GameState } from "../../shared/src/index.ts";
import { leverage, ltv, maxLtvOf, rating } from "../../shared/src/engine/accounts.ts";
import { seatBook } from "../../shared/src/preview/book.ts";
import type { BookOffer } from "../../shared/src/room/offers.ts";
import { publicHash } from "../../shared/src/room/record.ts";
import { CompanyState, EventState, OfferState, type MarketState, type SeatPrivate } from "../../shared/src/state/market.ts";

const MAX_EVENTS = 200;
/** Events kept for the end-of-game debrief, and at most how many. */
const MOMENT_TYPES = new Set(["card", "default", "margin_call", "labs_missed_payment", "new_generation", "backstop_called", "build_delayed"]);
const MAX_MOMENTS = 120;

/** The companies of a game that just started, in seat order. */
export function addCompanies(st: MarketState, g: GameState): void {
  st.companies.clear();
  g.companies.forEach((c, i) => {
    const cs = new CompanyState();
    cs.id = c.id;
    cs.name = c.name;
    cs.role = c.role;
    cs.profile = c.profile;
    cs.seat = i;
    st.companies.push(cs);
  });
}

function eventState(e: GameEvent): EventState {
  const es = new EventState();
  es.round = e.round;
  es.type = e.type;
  es.mechanism = e.mechanism;
  es.company = e.company ?? "";
  es.data = JSON.stringify(e.data);
  return es;
}

/** The market's public figures after a resolution (and each seat's own book, to that seat only). */
export function publishGame(st: MarketState, g: GameState, events: readonly GameEvent[], secret: string, privates: (seatIndex: number) => SeatPrivate | undefined): void {
  const mac = g.macro;
  const m = st.macro;
  m.benchmark = mac.benchmark;
  m.igSpread = mac.igSpread;
  m.hySpread = mac.hySpread;
  m.hype = mac.hype;
  m.demandGw = last(g.history.demandGw);
  m.capacityGw = last(g.history.capacityGw);
  m.gpuSpot = mac.gpuSpot;
  m.computePrice = mac.computePrice;
  m.utilisation = mac.utilisation;
  m.energyGw = mac.energyGw * mac.energyFactor;
  m.generation = mac.generation;
  m.creditAppetite = mac.creditAppetite;
  m.labsCash = g.labs.cash;
  m.labsRevenue = g.labs.revenue;
  m.labsCommitmentsGw = g.labs.commitmentsGw;
  m.labsMissedPayments = g.labs.missedPayments;
  m.labsDistressed = g.labs.distressed;
  m.defaults = g.history.defaults;
  m.marginCalls = g.history.marginCalls;
  const sc = new Map(scores(g).map((s) => [s.id, s.score]));
  g.companies.forEach((c, i) => {
    const cs = st.companies[i];
    const bs = balanceSheet(g, c);
    cs.price = c.price;
    cs.startPrice = c.startPrice;
    cs.fundamental = c.fundamental;
    cs.marketCap = marketCap(c);
    cs.cash = c.cash;
    cs.debt = bs.debt;
    cs.offBalanceDebt = bs.offBalanceDebt;
    cs.equityBook = c.equityBook;
    cs.revenue = c.last.revenue;
    cs.aiRevenue = c.last.aiRevenue;
    cs.ebitda = c.last.ebitda;
    cs.netIncome = c.last.netIncome;
    cs.capex = c.last.capex;
    cs.gw = c.dcGw;
    cs.lots = chipLots(c);
    cs.credibility = c.credibility;
    cs.listPrice = c.fab?.listPrice ?? 0;
    cs.fabLots = c.fab?.capLots ?? 0;
    cs.vendorPct = c.fab?.vendorPct ?? 0;
    cs.bankrupt = c.bankrupt;
    cs.leverage = Math.min(leverage(g, c), 99);
    cs.rating = rating(g, c);
    const l = ltv(g, c);
    cs.ltv = Number.isFinite(l) ? l : 99;
    const lim = maxLtvOf(g, c.id);
    cs.maxLtv = Number.isFinite(lim) ? lim : 0;
    cs.score = sc.get(c.id) ?? 0;
    const path = g.history.prices[c.id] ?? [];
    for (let k = cs.prices.length; k < path.length; k++) cs.prices.push(path[k]);
  });
  for (let k = st.hype.length; k < g.history.hype.length; k++) st.hype.push(g.history.hype[k]);
  publishNews(st, g);
  st.events.clear();
  for (const e of events.slice(0, MAX_EVENTS)) st.events.push(eventState(e));
  for (const e of events) if (MOMENT_TYPES.has(e.type) && st.moments.length < MAX_MOMENTS) st.moments.push(eventState(e));
  st.seats.forEach((seat, i) => {
    const v = privates(i);
    if (v && seat.companyId) v.book = JSON.stringify(seatBook(g, seat.companyId));
  });
  st.stateHash = publicHash(secret, g);
}

/** The cards of the quarter being played. */
export function publishNews(st: MarketState, g: GameState): void {
  if (st.news.length === g.news.length && st.news.every((id, i) => id === g.news[i])) return;
  st.news.clear();
  for (const id of g.news) st.news.push(id);
}

/** An offer of the book as its proposer or its addressee sees it. */
export function offerState(o: BookOffer): OfferState {
  const s = new OfferState();
  s.key = o.key;
  s.id = o.offer.id;
  s.from = o.from;
  s.to = o.to;
  s.kind = o.offer.kind;
  s.json = JSON.stringify(o.offer);
  s.status = o.status;
  return s;
}

function last(xs: number[]): number {
  return xs.length ? xs[xs.length - 1] : 0;
}
