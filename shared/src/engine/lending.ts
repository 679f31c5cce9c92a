// Who lends to whom, at what price: the outside credit market's answer to a borrower, and
// the creation and repayment of debts. A claim is created once, with a holder and a borrower.
import { creditMarkPerPar, gpuAppetite, gpuDebt, gpuValue, leverage, marketSpread, nav, onBalanceDebt, rateMarkPerPar, ratingIndex } from "./accounts.ts";
import { debtTotals, pushDebt, removeDebtFrom, setHolder, setPrincipal } from "./ledger.ts";
import { P } from "./params.ts";
import { MARKET } from "./types.ts";
import type { Ctx } from "./context.ts";
import { clamp, m, r9 } from "./money.ts";
import type { Company, Debt, DebtKind, GameState } from "./types.ts";

export interface Quote {
  ok: boolean;
  /** Most the market will lend now, $B. */
  limit: number;
  spread: number;
  maxLtv: number;
  why: string;
}

export { gpuAppetite } from "./accounts.ts";

/** What the outside market would lend `c` now, and at what spread: players see the same quote. */
export function marketQuote(s: GameState, c: Company, kind: DebtKind): Quote {
  const mac = s.macro;
  const ri = ratingIndex(s, c);
  const lev = leverage(s, c);
  const annualEbitda = 4 * Math.max(c.last.ebitda, c.prev.ebitda, 0);
  const no = (why: string): Quote => ({ ok: false, limit: 0, spread: 0, maxLtv: 0, why });
  if (c.bankrupt) return no("bankrupt");
  if (c.fund) return fundFacilityQuote(s, c, kind);
  if (kind === "gpu") {
    const app = gpuAppetite(s);
    if (app < 0.5) return no("private credit has stopped lending against GPUs");
    const advance = clamp(0.45 + 0.15 * app, 0.45, 0.7);
    const limit = m(Math.max(0, advance * gpuValue(c, mac) - gpuDebt(s, c.id)));
    return { ok: limit > 0, limit, spread: r9(mac.hySpread + 0.025 / app), maxLtv: 0.8, why: limit > 0 ? "" : "not enough GPU collateral" };
  }
  if (kind === "bond") {
    const hyShut = ri > 2 && mac.hySpread >= P.hyShut;
    if (ri >= 5 && mac.hype < 60) return no("rated CCC: no bond buyers");
    if (hyShut) return no("the high-yield market is shut");
    const limit = m(Math.max(0, 5 * annualEbitda - (lev * annualEbitda)));
    return { ok: limit > 0, limit, spread: r9(marketSpread(s, c)), maxLtv: 0, why: limit > 0 ? "" : "leverage too high for more bonds" };
  }
  if (kind === "bank") {
    if (ri > 3) return no("banks lend only down to BB");
    const limit = m(Math.max(0, 4 * annualEbitda - (lev * annualEbitda)));
    return { ok: limit > 0, limit, spread: r9(marketSpread(s, c) + 0.005), maxLtv: 0, why: limit > 0 ? "" : "leverage too high for a bank loan" };
  }
  // spv: private credit funds a data center off balance sheet for strong hyperscalers.
  if (ri > 3 || s.macro.creditAppetite < 0.4) return no("private credit will not fund this vehicle");
  return { ok: true, limit: 200, spread: r9(mac.igSpread + 0.015), maxLtv: 0, why: "" };
}

/**
 * A fund borrows only from banks, against its loan book (back-leverage): up to fundFacilityMax × its
 * NAV, floating. Basel III makes this cheaper for a bank than lending directly (XPD). When the
 * high-yield market shuts or private credit's appetite collapses, banks stop rolling these lines.
 */
function fundFacilityQuote(s: GameState, c: Company, kind: DebtKind): Quote {
  const mac = s.macro;
  const no = (why: string): Quote => ({ ok: false, limit: 0, spread: 0, maxLtv: 0, why });
  if (kind !== "bank") return no("a fund borrows only through a bank facility (a bank loan)");
  if (mac.hySpread >= P.hyShut || mac.creditAppetite < 0.5) return no("banks have cut their lines to funds: credit is shut");
  const limit = m(Math.max(0, P.fundFacilityMax * nav(s, c) - onBalanceDebt(s, c.id)));
  return { ok: limit > 0, limit, spread: r9(mac.igSpread + P.fundFacilitySpread), maxLtv: 0, why: limit > 0 ? "" : "the fund's bank facility is fully drawn" };
}

/**
 * A fund short of cash sells the loans and bonds it holds to the market, at their marks less a
 * fire-sale discount, for at least `need` $B: the gap to par is a realised loss. Whole debts go
 * first, in the order they were made; a risk transfer (SRT) on a sold debt ends with it.
 */
export function sellHeldDebts(ctx: Ctx, c: Company, need: number, reason: "cash shortfall" | "facility not rolled"): { sold: number; proceeds: number } {
  const s = ctx.state;
  let sold = 0;
  let proceeds = 0;
  // The index's list is never changed in place: the sales below do not disturb this walk.
  for (const d of debtTotals(s, c.id).held) {
    if (proceeds >= need - 1e-9) break;
    const px = Math.max(0.05, (1 + rateMarkPerPar(s, d) + creditMarkPerPar(s, d)) * (1 - P.loanFireSale));
    let take = m(Math.min(d.principal, (need - proceeds) / px + 1e-6));
    if (d.principal - take < 1e-5) take = d.principal;
    const cash = m(take * px);
    if (take <= 0 || cash <= 0) continue;
    ctx.transfer(MARKET, c.id, cash, `loan sale:${d.id}`);
    ctx.gain(c, cash - take);
    if (take >= d.principal) {
      setHolder(s, d, MARKET);
      s.srts = s.srts.filter((x) => x.debt !== d.id);
    } else {
      setPrincipal(s, d, m(d.principal - take));
      pushDebt(s, { ...d, id: ctx.newId("d"), holder: MARKET, principal: take });
    }
    sold = m(sold + take);
    proceeds = m(proceeds + cash);
  }
  if (sold > 0) ctx.event("loans_sold", "lender", c.id, { sold, proceeds, discount: P.loanFireSale, reason });
  return { sold, proceeds };
}

export function addDebt(
  ctx: Ctx,
  borrower: Company,
  holder: string,
  kind: DebtKind,
  amount: number,
  spread: number,
  quarters: number,
  maxLtv: number,
  fundsToBorrower: boolean,
): Debt {
  const s = ctx.state;
  const floating = kind === "gpu" || kind === "bank";
  const d: Debt = {
    id: ctx.newId("d"),
    kind,
    borrower: borrower.id,
    holder,
    principal: m(amount),
    floating,
    spread: r9(spread),
    rate: r9(s.macro.benchmark + spread),
    // Taken at the start of this quarter, it pays interest this quarter: q quarters end with round + q − 1.
    maturity: ctx.round + quarters - 1,
    maxLtv: kind === "gpu" ? maxLtv : 0,
    offBalance: kind === "spv",
    tenor: quarters,
  };
  pushDebt(s, d);
  if (fundsToBorrower) ctx.transfer(holder, borrower.id, d.principal, `loan:${d.id}`);
  if (!d.offBalance) borrower.last.debtRaised = m(borrower.last.debtRaised + d.principal);
  ctx.event("debt_raised", "debt", borrower.id, {
    debt: d.id,
    kind,
    holder,
    amount: d.principal,
    rate: floating ? r9(s.macro.benchmark + spread) : d.rate,
    floating,
    maturity: d.maturity,
  });
  return d;
}

/** Pay down a debt from the borrower's cash (the holder gets the cash); removes it when repaid. */
export function payDown(ctx: Ctx, d: Debt, amount: number, why: string): number {
  const a = m(Math.min(amount, d.principal));
  if (a <= 0) return 0;
  ctx.transfer(d.borrower, d.holder, a, why);
  setPrincipal(ctx.state, d, m(d.principal - a));
  if (d.principal <= 0) removeDebt(ctx, d);
  return a;
}

export function removeDebt(ctx: Ctx, d: Debt): void {
  const s = ctx.state;
  removeDebtFrom(s, d);
  s.srts = s.srts.filter((x) => x.debt !== d.id);
}

export function currentRate(ctx: Ctx, d: Debt): number {
  return d.floating ? r9(ctx.state.macro.benchmark + d.spread) : d.rate;
}

/**
 * Who funds `amount` of new market debt of `kind` to `borrower`: the seated funds take up the
 * scenario's syndicated share of GPU-backed loans, neocloud bonds and off-balance-sheet vehicles,
 * pro rata to their spare cash (cash beyond a tenth of NAV) and at most fundMaxExposure of their NAV
 * in any one borrower; the market holds the rest. Returns [holder, amount] pairs.
 */
export function fundersOf(ctx: Ctx, borrower: Company, kind: DebtKind, amount: number): [string, number][] {
  const s = ctx.state;
  const share = ctx.rules.scenario.funds.syndicate;
  const eligible = kind === "gpu" || kind === "spv" || (kind === "bond" && borrower.role === "neocloud");
  if (share <= 0 || !eligible) return [[MARKET, amount]];
  const room = new Map<string, number>();
  for (const f of ctx.alive()) {
    if (!f.fund || f.id === borrower.id) continue;
    const n = nav(s, f);
    if (n <= 0) continue;
    let held = 0;
    for (const d of debtTotals(s, f.id).held) if (d.borrower === borrower.id) held += d.principal;
    const r = Math.min(f.cash - 0.1 * n, P.fundMaxExposure * n - held);
    if (r > 0.05) room.set(f.id, r);
  }
  const total = [...room.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return [[MARKET, amount]];
  const taken = Math.min(total, share * amount);
  const out: [string, number][] = [];
  let left = amount;
  for (const [id, r] of room) {
    const part = m((taken * r) / total);
    if (part <= 0) continue;
    out.push([id, part]);
    left = m(left - part);
  }
  if (left > 0) out.push([MARKET, left]);
  return out;
}
