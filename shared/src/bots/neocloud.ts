// The neocloud's policy: grow on borrowed GPUs, or on contracts, or barely; pay down when the
// collateral or the hype turns; sell shares while they are dear.
import type { NeocloudSheet } from "../schemas/orders.ts";
import { chipLots, gpuDebt, gpuValue, runningGw } from "../engine/accounts.ts";
import { marketQuote } from "../engine/lending.ts";
import { P } from "../engine/params.ts";
import type { Company, GameState } from "../engine/types.ts";
import type { NeocloudKnobs } from "./personas.ts";
import { building, contractedGw, lastChipOrder, paybackQuarters, r2, shellNeed, smoothOrder, splitOrder, type Signals, type Tilt } from "./read.ts";

export function neocloudSheet(s: GameState, c: Company, k: NeocloudKnobs, sig: Signals, tilt: Tilt): NeocloudSheet {
  const sheet: NeocloudSheet = {
    role: "neocloud",
    chips: [],
    build: { gw: 0, spv: false },
    issueEquity: 0,
    buyback: 0,
    offers: [],
    accept: [],
    borrow: [],
    repay: [],
  };
  const debt = gpuDebt(s, c.id);
  const value = gpuValue(c, s.macro);
  const ltv = debt > 0 ? (value > 0 ? debt / value : 9) : 0;
  const capacity = runningGw(c) + building(s, c.id);
  const cover = capacity > 0 ? contractedGw(s, c.id) / capacity : 0;
  const retreat = !sig.naive && (sig.hype < k.retreatHype || sig.hypeTrend <= -8 || sig.labsDistressed || ltv > k.maxLtv);
  const grow = sig.naive ? sig.hype >= 45 : sig.boom && !retreat && cover >= k.contractCover && sig.left > 1 && paybackQuarters(s, sig.avgList, true) <= k.payback;
  let budget = c.cash - k.buffer;
  const wish = grow ? Math.max(1, chipLots(c) * k.growth * tilt.invest) : 0;
  const want = tilt.invest > 0 ? smoothOrder(lastChipOrder(s, c.id), wish, sig.naive ? 0.8 : k.inertia) : 0;
  if (want > 0 && sig.makers.length > 0) {
    const price = sig.avgList;
    const vendor = k.vendor ? Math.min(...sig.makers.map((x) => x.fab!.vendorPct)) : 0;
    const cashPerLot = price * (1 - vendor);
    // Chips go into shells already standing or being built first; beyond that each lot needs 0.1 GW more.
    const spareLots = Math.max(0, Math.floor((c.dcGw + building(s, c.id) - chipLots(c) * P.lotGw) / P.lotGw + 1e-9));
    const costOf = (n: number) => n * cashPerLot + Math.max(0, n - spareLots) * P.lotGw * P.shellCostPerGw;
    // Funding the gap: GPU-backed loans, then bonds, then new shares, as far as the persona goes.
    let gap = costOf(want) - budget;
    const q = marketQuote(s, c, "gpu");
    if (gap > 0 && q.ok && k.gpuBorrow > 0 && tilt.risk > 0) {
      const comfort = sig.naive ? Infinity : Math.max(0, k.maxLtv * value - debt);
      const amount = Math.min(q.limit * Math.min(1, k.gpuBorrow * tilt.risk), comfort, gap + 0.5, 20);
      if (amount > 0.3) {
        sheet.borrow.push({ kind: "gpu", amount: r2(amount), quarters: k.gpuQuarters });
        budget += amount;
        gap -= amount;
      }
    }
    if (gap > 0 && k.bonds > 0 && tilt.risk > 0) {
      const b = marketQuote(s, c, "bond");
      const amount = b.ok ? Math.min(b.limit * k.bonds * tilt.risk, gap + 0.5, 30) : 0;
      if (amount > 0.5) {
        sheet.borrow.push({ kind: "bond", amount: r2(amount), quarters: 8 });
        budget += amount;
        gap -= amount;
      }
    }
    if (gap > 0 && k.issueFloor > 0 && c.price >= c.startPrice * k.issueFloor) {
      const amount = Math.min(50, gap + 0.5, c.price * c.sharesOut * 0.25);
      if (amount > 0.3) {
        sheet.issueEquity = r2(amount);
        budget += amount * (1 - P.issueDiscount);
        gap -= amount;
      }
    }
    let lots = want;
    while (lots > 0 && costOf(lots) > Math.max(0, budget) + 1e-9) lots--;
    sheet.chips = splitOrder(sig.makers, lots, (x) => (k.vendor ? x.fab!.vendorPct : 0));
    budget -= lots * cashPerLot;
    const need = shellNeed(s, c, lots);
    if (need > 0) {
      const gw = Math.min(1, need, Math.max(0, budget) / P.shellCostPerGw);
      if (gw >= 0.02) sheet.build = { gw: r2(gw), spv: false };
    }
  }
  // Take-or-pay with the hyperscalers while compute is dear: a customer that pays through a bust.
  if (k.sellToHyperscalers > 0 && sig.boom && !sig.naive) {
    const unsold = Math.max(0, capacity + sheet.build.gw - contractedGw(s, c.id));
    // The buyer with the most cash first: the one sure to pay.
    const buyer = s.companies.filter((x) => x.role === "hyperscaler" && !x.bankrupt).sort((a, b) => b.cash - a.cash || a.seat - b.seat)[0];
    const gw = r2(Math.min(2, unsold * k.sellToHyperscalers));
    if (buyer && gw >= 0.1) sheet.offers.push({ id: "k0", to: buyer.id, kind: "contract", gw, price: r2(Math.max(0.5, s.macro.computePrice * 0.95)), quarters: 12 });
  }
  if (k.labGw > 0 && sig.hype >= 45 && !sig.labsDistressed && (grow || cover < k.contractCover)) sheet.labContract = { gw: r2(k.labGw), quarters: 12 };
  // Sell shares while the market pays several times what they were worth at the start.
  if (k.issueAbove > 0 && c.price > c.startPrice * k.issueAbove && sig.hype >= 55) {
    sheet.issueEquity = r2(Math.min(50, Math.max(sheet.issueEquity, c.price * c.sharesOut * k.issueShare * tilt.payout)));
  }
  if (retreat && debt > 0 && k.deleverage > 0) {
    const spare = Math.max(0, c.cash + sheet.issueEquity - k.buffer);
    const gpu = s.debts.filter((d) => d.borrower === c.id && d.kind === "gpu").sort((a, b) => a.maturity - b.maturity || (a.id < b.id ? -1 : 1));
    let left = spare * Math.min(1, k.deleverage * tilt.payout);
    for (const d of gpu) {
      if (left < 0.05 || sheet.repay.length >= 8) break;
      const a = r2(Math.min(left, d.principal));
      if (a <= 0) break;
      sheet.repay.push({ debt: d.id, amount: a });
      left -= a;
    }
  }
  return sheet;
}
