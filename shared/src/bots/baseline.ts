// Baseline bots: one sensible policy per role, enough to exercise every mechanism. They read
// the same state a seat sees and answer through the same sheets and offers a human uses.
import type { ChipmakerSheet, HyperscalerSheet, LenderSheet, NeocloudSheet, Offer, OrderSheet } from "../schemas/orders.ts";
import { chipLots, gpuDebt, gpuValue, marketSpread, ratingIndex } from "../engine/accounts.ts";
import { marketQuote } from "../engine/lending.ts";
import { P } from "../engine/params.ts";
import type { Company, GameState } from "../engine/types.ts";

const r2 = (x: number) => Math.round(x * 100) / 100;

function chipmakers(s: GameState): Company[] {
  return s.companies.filter((c) => c.role === "chipmaker" && !c.bankrupt && c.fab);
}

/** Lots other seats asked of this chipmaker last quarter. */
function lastDemandFor(s: GameState, id: string): number {
  let n = 0;
  for (const sh of Object.values(s.sheets)) if (sh.role === "hyperscaler" || sh.role === "neocloud") for (const o of sh.chips) if (o.from === id) n += o.lots;
  return n;
}

function building(s: GameState, id: string): number {
  let g = 0;
  for (const b of s.builds) if (b.owner === id) g += b.gw;
  return g;
}

function chipmaker(s: GameState, c: Company): ChipmakerSheet {
  const fab = c.fab!;
  const asked = lastDemandFor(s, c.id);
  const mac = s.macro;
  let listPrice = fab.listPrice;
  if (s.round > 0) {
    if (asked > fab.capLots) listPrice *= 1.05;
    else if (asked < fab.capLots * 0.6) listPrice *= 0.94;
  }
  listPrice = Math.min(6, Math.max(fab.unitCost * 1.6, listPrice));
  const boom = mac.hype >= 55;
  const offers: Offer[] = [];
  if (boom) {
    for (const n of s.companies.filter((x) => x.role === "neocloud" && !x.bankrupt)) {
      if (!s.backstops.some((b) => b.provider === c.id && b.protected === n.id)) {
        offers.push({ id: `bs-${n.id}`.slice(0, 16), to: n.id, kind: "backstop", gw: 0.2, price: r2(mac.computePrice * 0.7), quarters: 12 });
      }
    }
  }
  const stakes: ChipmakerSheet["stakes"] = [];
  if (boom && c.cash > 20) {
    for (const n of s.companies.filter((x) => x.role === "neocloud" && !x.bankrupt)) {
      if (!s.stakes.some((k) => k.holder === c.id && k.issuer === n.id)) stakes.push({ target: n.id, amount: 1 });
    }
  }
  return {
    role: "chipmaker",
    listPrice: r2(listPrice),
    supply: fab.capLots,
    fabInvest: asked > fab.capLots * 1.1 && c.cash > 30 ? 5 : 0,
    vendorPct: boom ? 0.25 : 0.1,
    labInvest: mac.hype >= 60 && c.cash > 40 ? 5 : 0,
    stakes,
    buyback: 0,
    dividend: c.cash > 120 ? 5 : 0,
    offers: offers.slice(0, 8),
    accept: [],
    borrow: [],
    repay: [],
  };
}

/** The cheapest chipmaker with chips to sell. */
function cheapest(s: GameState): Company | undefined {
  return chipmakers(s).sort((a, b) => a.fab!.listPrice - b.fab!.listPrice || a.seat - b.seat)[0];
}

/** Spread an order over the chipmakers by their fab capacity, cheaper ones weighted up. */
function splitOrder(s: GameState, lots: number, sharesPct: (c: Company) => number): { from: string; lots: number; sharesPct: number }[] {
  const makers = chipmakers(s);
  const w = makers.map((c) => c.fab!.capLots / c.fab!.listPrice);
  const tot = w.reduce((a, b) => a + b, 0);
  const out = makers.map((c, i) => ({ from: c.id, lots: Math.floor((lots * w[i]) / tot), sharesPct: Math.min(sharesPct(c), c.fab!.vendorPct) }));
  let left = lots - out.reduce((a, o) => a + o.lots, 0);
  for (let i = 0; left > 0 && out.length > 0; i = (i + 1) % out.length, left--) out[i].lots++;
  return out.filter((o) => o.lots > 0);
}

function avgListPrice(s: GameState): number {
  const m = chipmakers(s);
  return m.length ? m.reduce((a, c) => a + c.fab!.listPrice, 0) / m.length : 3.5;
}

function hyperscaler(s: GameState, c: Company): HyperscalerSheet {
  const mac = s.macro;
  const debtFunded = c.tags.includes("debt-funded");
  const reserve = Math.max(5, c.coreRevenue * 0.15);
  const seller = cheapest(s);
  const expand = mac.utilisation > 0.85 && mac.computePrice > P.referenceComputePrice * 0.75;
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
  let budget = c.cash - reserve;
  if (expand) {
    const want = Math.max(2, Math.round(chipLots(c) * (debtFunded ? 0.18 : 0.12)));
    if (seller) {
      const price = avgListPrice(s);
      const cost = want * price + 0.3 * P.shellCostPerGw;
      if (budget < cost) {
        const q = marketQuote(s, c, "bond");
        if (q.ok && (debtFunded || ratingIndex(s, c) <= 1)) {
          const amount = Math.min(q.limit, cost - budget + 5, 60);
          if (amount > 1) {
            sheet.borrow.push({ kind: "bond", amount: r2(amount), quarters: 20 });
            budget += amount;
          }
        }
      }
      const lots = Math.max(0, Math.min(want, Math.floor(Math.max(0, budget - 0.2 * P.shellCostPerGw) / price)));
      sheet.chips = splitOrder(s, lots, () => 0);
      budget -= lots * price;
      const need = (chipLots(c) + lots) * P.lotGw - c.dcGw - building(s, c.id);
      if (need > 0) sheet.build = { gw: r2(Math.min(2, need + 0.2)), spv: debtFunded && ratingIndex(s, c) <= 3 };
    }
    if (mac.hype >= 50) sheet.labContract = { gw: 0.2, quarters: 8 };
  } else {
    // Maintenance capex: lots that retire next quarter are replaced while the capacity still sells.
    const retiring = c.chips.filter((l) => l.ageQ + 1 >= c.depQ + 4).reduce((a, l) => a + l.lots, 0);
    const price = avgListPrice(s);
    const lots = Math.min(retiring, Math.floor(Math.max(0, budget) / price));
    if (seller && lots > 0 && mac.utilisation >= 0.6) {
      sheet.chips = splitOrder(s, lots, () => 0);
      budget -= lots * price;
    }
    if (budget > reserve * 3 && mac.utilisation < 0.8) sheet.buyback = r2(Math.min(10, budget - reserve * 3));
  }
  return sheet;
}

function neocloud(s: GameState, c: Company): NeocloudSheet {
  const mac = s.macro;
  const seller = cheapest(s);
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
  const grow = mac.utilisation > 0.85 && mac.hype >= 45;
  if (grow && seller) {
    let budget = c.cash - 0.5;
    const q = marketQuote(s, c, "gpu");
    const price = avgListPrice(s);
    const vendor = Math.min(...chipmakers(s).map((x) => x.fab!.vendorPct));
    const want = Math.max(1, Math.round(chipLots(c) * 0.3));
    if (q.ok) {
      // Borrow against the chips it already has to buy the next ones: the land grab.
      const amount = Math.min(q.limit, want * price, 10);
      if (amount > 0.5) {
        sheet.borrow.push({ kind: "gpu", amount: r2(amount), quarters: 12 });
        budget += amount;
      }
    }
    const cashPerLot = price * (1 - vendor);
    const lots = Math.max(0, Math.min(want, Math.floor(Math.max(0, budget - 0.1 * P.shellCostPerGw) / cashPerLot)));
    sheet.chips = splitOrder(s, lots, (x) => x.fab!.vendorPct);
    const need = (chipLots(c) + lots) * P.lotGw - c.dcGw - building(s, c.id);
    if (need > 0) sheet.build = { gw: r2(Math.min(1, need)), spv: false };
    sheet.labContract = { gw: 0.2, quarters: 12 };
    if (mac.hype >= 70 && c.price > c.startPrice * 1.5) sheet.issueEquity = r2(Math.min(5, c.price * c.sharesOut * 0.05));
  }
  return sheet;
}

function lender(s: GameState, c: Company): LenderSheet {
  const mac = s.macro;
  const sheet: LenderSheet = { role: "lender", bonds: [], srt: [], shorts: [], cover: [], lpRaise: 0, lpReturn: 0, offers: [], accept: [], borrow: [], repay: [] };
  let free = c.cash * 0.7;
  for (const b of s.companies.filter((x) => !x.bankrupt && (x.role === "neocloud" || x.role === "hyperscaler"))) {
    if (free < 1 || sheet.offers.length >= 4) break;
    if (b.role === "neocloud") {
      const value = gpuValue(b, mac);
      const room = 0.6 * value - gpuDebt(s, b.id);
      if (room < 0.5) continue;
      const amount = r2(Math.min(room, free * 0.3, 5));
      sheet.offers.push({ id: `gpu-${b.id}`.slice(0, 16), to: b.id, kind: "loan", loan: "gpu", amount, spread: r2(mac.hySpread + 0.03) , maxLtv: 0.75, quarters: 8 });
      free -= amount;
    } else if (ratingIndex(s, b) <= 3) {
      const amount = r2(Math.min(free * 0.3, 8));
      sheet.offers.push({ id: `bank-${b.id}`.slice(0, 16), to: b.id, kind: "loan", loan: "bank", amount, spread: Math.round((marketSpread(s, b) + 0.006) * 10000) / 10000, maxLtv: 0.75, quarters: 12 });
      free -= amount;
    }
  }
  const ig = s.companies.filter((x) => !x.bankrupt && x.role === "hyperscaler" && ratingIndex(s, x) <= 2 && s.debts.some((d) => d.borrower === x.id && d.kind === "bond" && d.holder === "market"));
  if (ig.length > 0 && free > 4) sheet.bonds.push({ issuer: ig[(s.round + c.seat) % ig.length].id, amount: r2(Math.min(free * 0.3, 10)) });
  if (mac.hype >= 65) {
    const held = s.debts.filter((d) => d.holder === c.id && d.kind === "gpu" && !s.srts.some((t) => t.debt === d.id)).sort((a, b) => b.principal - a.principal)[0];
    if (held) sheet.srt.push({ debt: held.id, fraction: 0.5 });
  }
  const neos = s.companies.filter((x) => x.role === "neocloud" && !x.bankrupt);
  if (mac.hype >= 70 && neos.length > 0) sheet.shorts.push({ target: neos[0].id, amount: r2(Math.min(2, c.cash * 0.05)) });
  if (mac.hype < 40) for (const k of s.shorts.filter((x) => x.holder === c.id)) sheet.cover.push({ target: k.target, fraction: 1 });
  return sheet;
}

/** Which offers addressed to this seat the bot accepts (global ids). */
export function respond(s: GameState, id: string, offers: { from: string; offer: Offer }[]): string[] {
  const c = s.companies.find((x) => x.id === id);
  if (!c || c.bankrupt) return [];
  const out: string[] = [];
  for (const { from, offer } of offers) {
    const key = `${from}/${offer.id}`;
    switch (offer.kind) {
      case "loan": {
        const q = marketQuote(s, c, offer.loan);
        const wantsMoney = c.role === "neocloud" ? s.macro.utilisation > 0.8 : c.cash < c.coreRevenue * 0.3;
        if (wantsMoney && (!q.ok || offer.spread <= q.spread + 0.01)) out.push(key);
        break;
      }
      case "backstop":
      case "stake":
        out.push(key);
        break;
      case "chipSale":
        if (c.cash > offer.lots * offer.price * (1 - offer.sharesPct) && s.macro.utilisation > 0.85) out.push(key);
        break;
      case "contract":
        if (s.macro.utilisation > 0.95 && offer.price < s.macro.computePrice) out.push(key);
        break;
    }
  }
  return out.slice(0, 16);
}

export function baselineSheet(s: GameState, id: string): OrderSheet {
  const c = s.companies.find((x) => x.id === id);
  if (!c) throw new Error(`no company ${id}`);
  switch (c.role) {
    case "chipmaker":
      return chipmaker(s, c);
    case "hyperscaler":
      return hyperscaler(s, c);
    case "neocloud":
      return neocloud(s, c);
    case "lender":
      return lender(s, c);
  }
}

/** All alive seats' sheets for the round, with the offers answered: what a round of bots sends. */
export function botRound(s: GameState, ids?: string[]): Record<string, OrderSheet> {
  const seats = (ids ?? s.companies.map((c) => c.id)).filter((id) => !s.companies.find((c) => c.id === id)!.bankrupt);
  const sheets: Record<string, OrderSheet> = {};
  for (const id of seats) sheets[id] = baselineSheet(s, id);
  for (const id of seats) {
    const incoming: { from: string; offer: Offer }[] = [];
    for (const [from, sh] of Object.entries(sheets)) for (const o of sh.offers) if (o.to === id) incoming.push({ from, offer: o });
    sheets[id] = { ...sheets[id], accept: respond(s, id, incoming) };
  }
  return sheets;
}

