// The chipmaker's policy: price, supply, fabs, vendor financing and the circular deals, read
// through a persona's knobs.
import type { ChipmakerSheet, Offer } from "../schemas/orders.ts";
import type { Company, GameState } from "../engine/types.ts";
import type { ChipmakerKnobs } from "./personas.ts";
import { P } from "../engine/params.ts";
import { expectedRent, lastAskedOf, r2, r4, type Signals, type Tilt } from "./read.ts";

export function chipmakerSheet(s: GameState, c: Company, k: ChipmakerKnobs, sig: Signals, tilt: Tilt): ChipmakerSheet {
  const fab = c.fab!;
  const asked = lastAskedOf(s, c.id);
  // Value pricing: the price rises halfway toward a share of what a lot earns its buyer over its book
  // life at the rent expected; scarcity (buyers rationed) adds to it; thin orders cut it. An easy bot
  // only reacts to its order book.
  const lotValue = P.lotGw * Math.max(0, expectedRent(s) - P.opexPerGwQ) * 16;
  let listPrice = fab.listPrice;
  if (!sig.naive) listPrice = Math.max(listPrice, listPrice + 0.5 * (k.valueShare * lotValue - listPrice));
  if (s.round > 0) {
    // Scarcity is priced: the more buyers were rationed, the bigger the rise.
    if (asked > fab.capLots) listPrice *= 1 + k.priceUp * Math.min(3, Math.max(0.5, (2 * (asked - fab.capLots)) / fab.capLots));
    else if (asked < fab.capLots * 0.6) listPrice *= 1 - (sig.naive ? k.priceDown / 3 : k.priceDown);
  }
  listPrice = Math.min(8, fab.unitCost * k.maxMarkup, Math.max(fab.unitCost * k.minMarkup, listPrice * tilt.edge));
  const boom = sig.boom;
  // Fabs take two quarters; an easy bot extends them whenever it is short, even into the bust.
  const short = asked > fab.capLots * 1.1;
  const investOk = sig.naive ? short : short && boom && sig.left > 3;
  const reserve = 10 + fab.capLots * fab.unitCost * 2;
  const fabInvest = investOk && c.cash > reserve ? Math.min(50, (c.cash - reserve) * k.fabInvest * tilt.invest) : 0;
  const offers: Offer[] = [];
  const neoclouds = s.companies.filter((x) => x.role === "neocloud" && !x.bankrupt);
  if (boom && k.backstopGw > 0 && tilt.risk > 0) {
    for (const n of neoclouds) {
      if (offers.length >= 8) break;
      if (s.backstops.some((b) => b.provider === c.id && b.protected === n.id && b.ends > s.round + 2)) continue;
      offers.push({ id: `bs${offers.length}`, to: n.id, kind: "backstop", gw: r2(k.backstopGw * tilt.risk), price: r2(Math.max(0.5, s.macro.computePrice * 0.6)), quarters: 8 });
    }
  }
  const stakes: ChipmakerSheet["stakes"] = [];
  if (boom && k.stakeAmount > 0 && c.cash > reserve + 5 && tilt.risk > 0) {
    for (const n of neoclouds) {
      if (stakes.length >= 8) break;
      if (!s.stakes.some((x) => x.holder === c.id && x.issuer === n.id)) stakes.push({ target: n.id, amount: r2(Math.min(50, k.stakeAmount * tilt.risk)) });
    }
  }
  const labInvest = boom && sig.hype >= 60 && k.labInvest > 0 && c.cash > reserve + k.labInvest ? r2(Math.min(50, k.labInvest * tilt.risk)) : 0;
  const spare = Math.max(0, c.cash - reserve - fabInvest - labInvest);
  const dividend = r2(Math.min(50, spare * k.payout * tilt.payout));
  // Buy back when the market is gloomy and the stock cheap against what the company earns.
  const cheap = sig.hype < 45 && c.price < c.fundamental;
  const buyback = cheap ? r2(Math.min(100, spare * k.buyback * tilt.payout)) : 0;
  return {
    role: "chipmaker",
    listPrice: r2(listPrice),
    supply: fab.capLots,
    fabInvest: r2(fabInvest),
    vendorPct: r4(boom || sig.naive ? k.vendorBoom : k.vendorBust),
    labInvest,
    stakes,
    buyback,
    dividend,
    offers,
    accept: [],
    borrow: [],
    repay: [],
  };
}
