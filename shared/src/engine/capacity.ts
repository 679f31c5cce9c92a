// Data-center construction: it takes quarters and new grid connections. Rationing rule when
// requests exceed the quarter's energy: pro rata to the GW asked, rounded down to 0.01 GW.
import type { OrderSheet } from "../schemas/orders.ts";
import type { Ctx } from "./context.ts";
import { marketQuote, addDebt, fundersOf } from "./lending.ts";
import { m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { MARKET, type Company } from "./types.ts";

export function completeBuilds(ctx: Ctx): void {
  const s = ctx.state;
  const done = s.builds.filter((b) => b.ready <= ctx.round);
  for (const b of done) {
    const c = ctx.co(b.owner);
    c.dcGw = r9(c.dcGw + b.gw);
    if (b.spv) c.spvGw = r9(c.spvGw + b.gw);
    else {
      c.cip = m(c.cip - b.cost);
      c.dcBook = m(c.dcBook + b.cost);
    }
    ctx.event("build_done", "construction", c.id, { gw: b.gw, spv: b.spv });
  }
  s.builds = s.builds.filter((b) => b.ready > ctx.round);
}

export function startBuilds(ctx: Ctx, sheets: Record<string, OrderSheet>): void {
  const asks: { c: Company; gw: number; spv: boolean }[] = [];
  for (const c of ctx.alive()) {
    const sh = sheets[c.id];
    if (!sh || (sh.role !== "hyperscaler" && sh.role !== "neocloud") || sh.build.gw <= 0) continue;
    const spv = sh.role === "hyperscaler" && sh.build.spv;
    let gw = sh.build.gw;
    if (spv) {
      const q = marketQuote(ctx.state, c, "spv");
      if (!q.ok) {
        ctx.event("borrow_refused", "debt", c.id, { kind: "spv", asked: gw * P.shellCostPerGw, reason: q.why });
        continue;
      }
    } else {
      const affordable = Math.floor((Math.max(0, c.cash) / P.shellCostPerGw) * 100) / 100;
      if (affordable < gw) {
        ctx.event("order_cut", "construction", c.id, { asked: gw, got: affordable, reason: "cash" });
        gw = affordable;
      }
    }
    if (gw > 0) asks.push({ c, gw, spv });
  }
  const energy = ctx.state.macro.energyGw * ctx.state.macro.energyFactor;
  const total = asks.reduce((a, x) => a + x.gw, 0);
  const share = total > energy ? energy / total : 1;
  if (share < 1) ctx.event("energy_rationed", "construction", undefined, { askedGw: r9(total), energyGw: r9(energy), share: r9(share) });
  for (const { c, gw: asked, spv } of asks) {
    const gw = Math.floor(asked * share * 100) / 100;
    if (gw <= 0) continue;
    const cost = m(gw * P.shellCostPerGw);
    if (spv) {
      const q = marketQuote(ctx.state, c, "spv");
      // The vehicle borrows and pays the builders; the company leases the site (interest = lease cost).
      for (const [holder, part] of fundersOf(ctx, c, "spv", cost)) {
        // The vehicle's lenders pay the builders: cash leaves a fund that takes part, not the company.
        if (holder !== MARKET) ctx.transfer(holder, MARKET, part, "vehicle funding");
        addDebt(ctx, c, holder, "spv", part, q.spread, 20, 0, false);
      }
    } else {
      ctx.transfer(c.id, MARKET, cost, "construction");
      c.cip = m(c.cip + cost);
      c.last.capex = m(c.last.capex + cost);
    }
    ctx.state.builds.push({ id: ctx.newId("c"), owner: c.id, gw, cost, ready: ctx.round + P.buildQuarters, spv });
    ctx.event("build_started", "construction", c.id, { gw, cost, ready: ctx.round + P.buildQuarters, spv });
  }
}
