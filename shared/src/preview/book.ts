// A seat's own book: what its player needs to fill the order sheet and read the round report,
// beyond the public market data (its debts with their ids, its GPU collateral and covenant, the
// market's borrowing quotes, last quarter's P&L and balance sheet, why its price moved, and the
// default sheet for the coming quarter). Computed by the server from the engine state and sent
// to that seat only; plain JSON, no I/O.
import { balanceSheet, gpuDebt, gpuValue, leverage, ltv, maxLtvOf, nav, rating, type BalanceSheet } from "../engine/accounts.ts";
import { marketQuote, type Quote } from "../engine/lending.ts";
import { P } from "../engine/params.ts";
import { defaultSheet } from "../engine/sheets.ts";
import type { GameState, Quarter } from "../engine/types.ts";
import type { OrderSheet } from "../schemas/orders.ts";

export interface BookDebt {
  id: string;
  kind: string;
  /** Who holds it: a company id, or "market" (bond buyers, banks). */
  holder: string;
  principal: number;
  /** Rate paid now (floating: benchmark + spread). */
  rate: number;
  floating: boolean;
  /** Round at the end of which it is due. */
  maturity: number;
  /** GPU loans: the LTV covenant (0 otherwise). */
  maxLtv: number;
  offBalance: boolean;
}

export interface BookLoan {
  id: string;
  kind: string;
  borrower: string;
  principal: number;
  rate: number;
  maturity: number;
  /** Fraction of its risk already sold (SRT). */
  srt: number;
}

/** Constants the client's previews need (from the engine's parameters). */
export interface BookParams {
  shellCostPerGw: number;
  lotGw: number;
  buildQuarters: number;
  fabLotCost: number;
  fabDelay: number;
  issueDiscount: number;
}

export interface SeatBook {
  /** Rounds resolved when this was computed (the sheet is for round + 1). */
  round: number;
  company: string;
  role: string;
  cash: number;
  sharesOut: number;
  price: number;
  /** The sheet played if the player sends nothing: last quarter's operating choices, no new financing. */
  defaultSheet: OrderSheet;
  debts: BookDebt[];
  /** Loans and bonds this company holds (lenders; chipmakers' vendor loans). */
  loansHeld: BookLoan[];
  gpu: { lots: number; value: number; debt: number; ltv: number; maxLtv: number | null };
  /** What the outside market would lend now (borrowers only). */
  quotes: Partial<Record<"bond" | "bank" | "gpu" | "spv", Quote>>;
  leverage: number;
  rating: string;
  pnl: Quarter;
  prevPnl: Quarter;
  balance: BalanceSheet;
  /** The market's read of the quarter's announcements, fraction of the price, with why. */
  priceNews: { pct: number; why: string }[];
  stakes: { issuer: string; shares: number; value: number }[];
  shorts: { target: string; shares: number; value: number }[];
  contracts: { id: string; seller: string; buyer: string; gw: number; price: number; ends: number }[];
  backstops: { id: string; provider: string; protected: string; gw: number; price: number; ends: number }[];
  builds: { gw: number; ready: number; spv: boolean }[];
  dcGw: number;
  spvGw: number;
  fab: { capLots: number; listPrice: number; vendorPct: number; unitCost: number; pending: { round: number; lots: number }[] } | null;
  fund: { nav: number; units: number; navPerUnit: number; startNavPerUnit: number } | null;
  params: BookParams;
}

const r6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x);

export function seatBook(state: GameState, companyId: string): SeatBook {
  const c = state.companies.find((x) => x.id === companyId);
  if (!c) throw new Error(`no company ${companyId}`);
  const rateOf = (d: { floating: boolean; spread: number; rate: number }) => r6(d.floating ? state.macro.benchmark + d.spread : d.rate);
  const debts: BookDebt[] = state.debts
    .filter((d) => d.borrower === c.id)
    .map((d) => ({ id: d.id, kind: d.kind, holder: d.holder, principal: r6(d.principal), rate: rateOf(d), floating: d.floating, maturity: d.maturity, maxLtv: d.maxLtv, offBalance: d.offBalance }));
  const loansHeld: BookLoan[] = state.debts
    .filter((d) => d.holder === c.id)
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      borrower: d.borrower,
      principal: r6(d.principal),
      rate: rateOf(d),
      maturity: d.maturity,
      srt: r6(state.srts.filter((t) => t.debt === d.id && t.holder === c.id).reduce((a, t) => a + t.fraction, 0)),
    }));
  const lots = c.chips.reduce((a, l) => a + l.lots, 0);
  const lim = maxLtvOf(state, c.id);
  const quotes: SeatBook["quotes"] = {};
  if (c.role !== "lender" && !c.bankrupt) {
    for (const k of ["bond", "bank", "gpu"] as const) quotes[k] = marketQuote(state, c, k);
    if (c.role === "hyperscaler") quotes.spv = marketQuote(state, c, "spv");
  }
  const l = ltv(state, c);
  const fundNav = c.fund ? nav(state, c) : 0;
  return {
    round: state.round,
    company: c.id,
    role: c.role,
    cash: c.cash,
    sharesOut: c.sharesOut,
    price: c.price,
    defaultSheet: defaultSheet(state, c.id),
    debts,
    loansHeld,
    gpu: { lots, value: gpuValue(c, state.macro), debt: gpuDebt(state, c.id), ltv: Number.isFinite(l) ? r6(l) : 99, maxLtv: Number.isFinite(lim) ? lim : null },
    quotes,
    leverage: r6(Math.min(leverage(state, c), 99)),
    rating: rating(state, c),
    pnl: c.last,
    prevPnl: c.prev,
    balance: balanceSheet(state, c),
    priceNews: c.news.map((n) => ({ pct: r6(n.pct), why: n.why })),
    stakes: state.stakes.filter((k) => k.holder === c.id).map((k) => ({ issuer: k.issuer, shares: r6(k.shares), value: r6(k.value) })),
    shorts: state.shorts.filter((k) => k.holder === c.id).map((k) => ({ target: k.target, shares: r6(k.shares), value: r6(k.value) })),
    contracts: state.contracts.filter((k) => k.seller === c.id || k.buyer === c.id).map((k) => ({ ...k })),
    backstops: state.backstops.filter((b) => b.provider === c.id || b.protected === c.id).map((b) => ({ ...b })),
    builds: state.builds.filter((b) => b.owner === c.id).map((b) => ({ gw: b.gw, ready: b.ready, spv: b.spv })),
    dcGw: c.dcGw,
    spvGw: c.spvGw,
    fab: c.fab ? { capLots: c.fab.capLots, listPrice: c.fab.listPrice, vendorPct: c.fab.vendorPct, unitCost: c.fab.unitCost, pending: c.fab.pending.map((p) => ({ ...p })) } : null,
    fund: c.fund ? { nav: fundNav, units: c.fund.units, navPerUnit: c.fund.units > 0 ? r6(fundNav / c.fund.units) : 0, startNavPerUnit: c.fund.startNavPerUnit } : null,
    params: { shellCostPerGw: P.shellCostPerGw, lotGw: P.lotGw, buildQuarters: P.buildQuarters, fabLotCost: P.fabLotCost, fabDelay: P.fabDelay, issueDiscount: P.issueDiscount },
  };
}
