// The chip market. Each chipmaker sells at the list price it posted last quarter, up to the
// supply it offers (capped by its fab). Rationing rule when orders exceed supply: lots are shared
// pro rata to what each buyer ordered, whole lots by largest remainder, ties to the earlier seat.
import type { OrderSheet } from "../schemas/orders.ts";
import type { Ctx } from "./context.ts";
import { issueShares } from "./equity.ts";
import type { AcceptedOffer } from "./finance.ts";
import { m, r9 } from "./money.ts";
import { P } from "./params.ts";
import type { Company } from "./types.ts";

interface Want {
  buyer: Company;
  lots: number;
  sharesPct: number;
}

/** Share `supply` whole lots among orders: pro rata, largest remainder, ties to the earlier seat. */
export function ration(orders: number[], supply: number): number[] {
  const total = orders.reduce((a, b) => a + b, 0);
  if (total <= supply) return [...orders];
  const exact = orders.map((o) => (o * supply) / total);
  const out = exact.map(Math.floor);
  let left = supply - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rem: e - Math.floor(e) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (out[i] < orders[i]) {
      out[i] += 1;
      left -= 1;
    }
  }
  return out;
}

export function sellChips(ctx: Ctx, seller: Company, buyer: Company, lots: number, price: number, sharesPct: number, how: string): void {
  if (lots <= 0) return;
  const total = m(lots * price);
  const inShares = buyer.role === "lender" ? 0 : m(total * sharesPct);
  const inCash = m(total - inShares);
  ctx.transfer(buyer.id, seller.id, inCash, `chips:${how}`);
  if (inShares > 0) {
    // Vendor financing: the buyer pays part of the price with new shares the chipmaker keeps.
    issueShares(ctx, buyer, seller.id, inShares, buyer.price, "vendor financing", false);
    // Read by its size: shares worth 2 % of the buyer's market value or more get the full reaction.
    const size = Math.min(1, inShares / Math.max(1e-6, 0.02 * buyer.price * buyer.sharesOut));
    buyer.news.push({ pct: r9((0.05 * (ctx.state.macro.hype / 50) - 0.03) * size), why: `vendor financing from ${seller.id}` });
    ctx.event("vendor_financing", "circular", seller.id, { buyer: buyer.id, lots, inShares, inCash });
  }
  buyer.chips.push({ id: ctx.state.nextId++, gen: ctx.state.macro.generation, ageQ: 0, lots, unitCost: r9(price) });
  buyer.last.capex = m(buyer.last.capex + total);
  ctx.income(seller, total, "chip");
  const cogs = ctx.transfer(seller.id, "market", lots * seller.fab!.unitCost, "chip production");
  ctx.expense(seller, cogs, "opex");
  ctx.event("chips_sold", "chips", seller.id, { buyer: buyer.id, lots, price: r9(price), total, inShares, how });
}

export function runChipMarket(ctx: Ctx, sheets: Record<string, OrderSheet>, deals: AcceptedOffer[]): void {
  const sellers = ctx.alive().filter((c) => c.role === "chipmaker");
  for (const seller of sellers) {
    const fab = seller.fab!;
    const sheet = sheets[seller.id];
    let supply = Math.min(fab.capLots, sheet && sheet.role === "chipmaker" ? sheet.supply : fab.capLots);
    // Negotiated sales come out of the same fab capacity first.
    for (const d of deals) {
      if (d.from !== seller.id || d.offer.kind !== "chipSale") continue;
      const buyer = ctx.co(d.to);
      const o = d.offer;
      const cashPerLot = o.price * (1 - o.sharesPct);
      const lots = Math.min(o.lots, supply, cashPerLot > 0 ? Math.floor((buyer.cash + 1e-9) / cashPerLot) : o.lots);
      if (lots < o.lots) ctx.event("order_cut", "chips", buyer.id, { offer: `${d.from}/${o.id}`, asked: o.lots, got: lots, reason: lots === supply ? "fab capacity" : "cash" });
      sellChips(ctx, seller, buyer, lots, o.price, o.sharesPct, "deal");
      supply -= lots;
    }
    const wants: Want[] = [];
    for (const buyer of ctx.alive()) {
      const bs = sheets[buyer.id];
      if (!bs || (bs.role !== "hyperscaler" && bs.role !== "neocloud")) continue;
      for (const o of bs.chips) {
        if (o.from !== seller.id || o.lots <= 0) continue;
        const sharesPct = Math.min(o.sharesPct, fab.vendorPct);
        const cashPerLot = fab.listPrice * (1 - sharesPct);
        const affordable = cashPerLot > 0 ? Math.floor((buyer.cash + 1e-9) / cashPerLot) : o.lots;
        const lots = Math.min(o.lots, affordable);
        if (lots < o.lots) ctx.event("order_cut", "chips", buyer.id, { from: seller.id, asked: o.lots, got: lots, reason: "cash" });
        if (lots > 0) wants.push({ buyer, lots, sharesPct });
      }
    }
    const asked = wants.reduce((a, w) => a + w.lots, 0);
    const got = ration(wants.map((w) => w.lots), Math.max(0, supply));
    if (asked > supply) {
      ctx.event("chips_rationed", "chips", seller.id, { asked, supply, price: fab.listPrice });
      // The market reads the order book: new demand beyond what the fabs make (and beyond last
      // quarter's orders, already priced) is next quarters' sales.
      const surprise = supply > 0 ? Math.min(1, (asked - Math.max(supply, fab.asked)) / supply) : 0;
      if (surprise > 0) seller.news.push({ pct: r9(P.backlogCheer * surprise * (ctx.state.macro.hype / 50)), why: "orders beat supply" });
    }
    fab.asked = asked;
    wants.forEach((w, i) => sellChips(ctx, seller, w.buyer, got[i], fab.listPrice, w.sharesPct, "list"));
  }
}

/** Posted prices and vendor-financing terms take effect next quarter; fab capacity arrives when built. */
export function postChipTerms(ctx: Ctx, sheets: Record<string, OrderSheet>): void {
  for (const c of ctx.alive()) {
    if (!c.fab) continue;
    const sh = sheets[c.id];
    if (sh && sh.role === "chipmaker") {
      c.fab.listPrice = r9(sh.listPrice);
      c.fab.vendorPct = r9(sh.vendorPct);
    }
    const arriving = c.fab.pending.filter((p) => p.round <= ctx.round + 1);
    for (const p of arriving) c.fab.capLots += p.lots;
    c.fab.pending = c.fab.pending.filter((p) => p.round > ctx.round + 1);
  }
}
