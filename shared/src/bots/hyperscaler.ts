// The hyperscaler's policy: how fast to add chips and data centers, how to pay for them, and what
// to hand back to shareholders when capacity is slack.
import type { HyperscalerSheet } from "../schemas/orders.ts";
import { chipLots, ratingIndex } from "../engine/accounts.ts";
import { marketQuote } from "../engine/lending.ts";
import { P } from "../engine/params.ts";
import type { Company, GameState } from "../engine/types.ts";
import type { HyperscalerKnobs } from "./personas.ts";
import { lastChipOrder, paybackQuarters, r2, shellNeed, smoothOrder, splitOrder, type Signals, type Tilt } from "./read.ts";

export function hyperscalerSheet(s: GameState, c: Company, k: HyperscalerKnobs, sig: Signals, tilt: Tilt): HyperscalerSheet {
  const sheet: HyperscalerSheet = {
    role: "hyperscaler",
    chips: [],
    build: { gw: 0, spv: false },
    issueEquity: 0,
    buyback: 0,
    dividend: 0,
    offers: [],
    accept: [],
    borrow: [],
    repay: [],
  };
  const reserve = Math.max(5, c.coreRevenue * k.reserve);
  let budget = c.cash - reserve;
  const expand = sig.naive
    ? sig.hype >= 45 && sig.util >= 0.7
    : sig.util >= k.minUtil &&
      sig.priceRatio >= k.minPrice &&
      sig.hypeTrend > -k.hypeStop &&
      !sig.labsDistressed &&
      sig.left > 2 &&
      paybackQuarters(s, sig.avgList, !k.spv) <= k.payback;
  const price = sig.avgList;
  // The wish: a share of the fleet, more when compute sells dear; plans carry over from last quarter.
  const wish = expand ? Math.max(1, chipLots(c) * k.growth * Math.min(2.5, Math.max(1, sig.priceRatio * sig.priceRatio)) * tilt.invest) : 0;
  const inertia = sig.naive ? 0.8 : k.inertia;
  const want = tilt.invest > 0 ? smoothOrder(lastChipOrder(s, c.id), wish, inertia) : 0;
  if (want > 0 && sig.makers.length > 0) {
    const shellFor = (lots: number) => Math.max(0, shellNeed(s, c, lots) + 0.1) * P.shellCostPerGw;
    const cost = want * price + (k.spv ? 0 : shellFor(want));
    if (budget < cost && k.borrow && tilt.risk > 0) {
      // GPU-backed private credit first (xAI- and Oracle-style secured lines), then the bond market.
      if (k.gpuLoans) {
        const g = marketQuote(s, c, "gpu");
        const amount = g.ok ? Math.min(g.limit, (cost - budget + 2) * tilt.risk, 30) : 0;
        if (amount > 1) {
          sheet.borrow.push({ kind: "gpu", amount: r2(amount), quarters: 16 });
          budget += amount;
        }
      }
      const q = marketQuote(s, c, "bond");
      if (budget < cost && q.ok && (sig.naive || ratingIndex(s, c) <= 3)) {
        const amount = Math.min(q.limit, (cost - budget + 5) * tilt.risk, 60);
        if (amount > 1) {
          sheet.borrow.push({ kind: "bond", amount: r2(amount), quarters: 20 });
          budget += amount;
        }
      }
    }
    let lots = Math.max(0, Math.min(want, Math.floor(Math.max(0, budget) / price)));
    while (lots > 0 && !k.spv && lots * price + shellFor(lots) > budget) lots--;
    sheet.chips = splitOrder(sig.makers, lots, () => 0);
    budget -= lots * price;
    const need = shellNeed(s, c, lots);
    if (need > 0) {
      const spv = k.spv && tilt.risk > 0 && marketQuote(s, c, "spv").ok;
      const gw = Math.min(2, need + 0.1, spv ? 5 : Math.max(0, budget) / P.shellCostPerGw);
      if (gw >= 0.05) sheet.build = { gw: r2(gw), spv };
    }
    if (expand && sig.hype >= 50 && k.labGw > 0) sheet.labContract = { gw: r2(k.labGw * tilt.invest), quarters: 8 };
  }
  if (!expand) {
    // Maintenance: lots that retire next quarter are replaced while capacity still sells.
    const retiring = c.chips.filter((l) => l.ageQ + 1 >= c.depQ + 4).reduce((a, l) => a + l.lots, 0);
    const lots = Math.min(retiring, Math.floor(Math.max(0, budget) / price));
    if (lots > 0 && sig.util >= 0.8 && sig.makers.length > 0 && sheet.chips.length === 0) {
      sheet.chips = splitOrder(sig.makers, lots, () => 0);
      budget -= lots * price;
    }
    const excess = Math.max(0, budget - reserve);
    if (excess > 0) {
      sheet.buyback = r2(Math.min(100, excess * k.buyback * tilt.payout));
      sheet.dividend = r2(Math.min(50, excess * k.dividend * tilt.payout));
    }
  }
  return sheet;
}
