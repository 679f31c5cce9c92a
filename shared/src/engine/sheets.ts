// The default sheet a seat plays when its player sends nothing: repeat last quarter's operating
// choices (chips, building, prices), with no new financing, offers or one-off moves.
import type { OrderSheet } from "../schemas/orders.ts";
import type { Company, GameState } from "./types.ts";

export function idleSheet(c: Company): OrderSheet {
  const common = { offers: [], accept: [], borrow: [], repay: [] };
  switch (c.role) {
    case "chipmaker":
      return { role: "chipmaker", listPrice: c.fab!.listPrice, supply: c.fab!.capLots, fabInvest: 0, vendorPct: c.fab!.vendorPct, labInvest: 0, stakes: [], buyback: 0, dividend: 0, ...common };
    case "hyperscaler":
      return { role: "hyperscaler", chips: [], build: { gw: 0, spv: false }, issueEquity: 0, buyback: 0, dividend: 0, ...common };
    case "neocloud":
      return { role: "neocloud", chips: [], build: { gw: 0, spv: false }, issueEquity: 0, buyback: 0, ...common };
    case "lender":
      return { role: "lender", bonds: [], srt: [], shorts: [], cover: [], lpRaise: 0, lpReturn: 0, ...common };
  }
}

export function defaultSheet(state: GameState, companyId: string): OrderSheet {
  const c = state.companies.find((x) => x.id === companyId);
  if (!c) throw new Error(`no company ${companyId}`);
  const idle = idleSheet(c);
  const last = state.sheets[companyId];
  if (!last || last.role !== idle.role) return idle;
  const chipmakers = new Set(state.companies.filter((x) => x.role === "chipmaker" && !x.bankrupt).map((x) => x.id));
  switch (last.role) {
    case "chipmaker":
      return { ...idle, listPrice: last.listPrice, supply: Math.min(last.supply, c.fab!.capLots), vendorPct: last.vendorPct } as OrderSheet;
    case "hyperscaler":
    case "neocloud": {
      const chips = last.chips.filter((o) => chipmakers.has(o.from)).map((o) => ({ ...o, sharesPct: 0 }));
      const build = { gw: last.build.gw, spv: last.build.spv };
      return { ...idle, chips, build } as OrderSheet;
    }
    case "lender":
      return idle;
  }
}
