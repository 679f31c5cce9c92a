// The quarter's deals as links between parties, read from the round's events, for the market
// board: who financed whom with what. Links point the way the money (or the promise of money)
// goes, so that circular deals show up as loops: the chipmaker invests in the AI labs, the labs
// pay the neocloud for compute, the neocloud pays the chipmaker for chips. Pure; no rules here,
// only a reading of what the engine reported.

export type LinkKind = "chips" | "loan" | "equity" | "compute" | "backstop" | "cash";
export const LINK_KINDS: readonly LinkKind[] = ["chips", "loan", "equity", "compute", "backstop", "cash"];

/** The labs and the outside market are nodes too. */
export const LABS_NODE = "labs";
export const MARKET_NODE = "market";

export interface EventLike {
  type: string;
  company?: string;
  data: Record<string, unknown>;
}

export interface Link {
  from: string;
  to: string;
  kind: LinkKind;
  /** $B (GW for compute contracts with no money figure). */
  amount: number;
  /** How many deals the link sums up. */
  count: number;
}

const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : Number(x) || 0);
const str = (x: unknown) => (typeof x === "string" ? x : "");

/** One money-direction link per deal event (before aggregation). */
export function dealOf(e: EventLike): Omit<Link, "count"> | null {
  const c = e.company ?? "";
  const d = e.data ?? {};
  switch (e.type) {
    case "chips_sold":
      // The buyer pays the chipmaker for chips.
      return { from: str(d.buyer), to: c, kind: "chips", amount: num(d.total) || num(d.lots) * num(d.price) };
    case "shares_issued":
      // Someone buys the company's new shares (vendor financing: the chipmaker takes them as payment).
      return { from: str(d.buyer) || MARKET_NODE, to: c, kind: "equity", amount: num(d.amount) };
    case "stake_bought":
      return { from: c, to: str(d.target), kind: "equity", amount: num(d.amount) };
    case "lab_investment":
      return { from: c, to: LABS_NODE, kind: "equity", amount: num(d.amount) };
    case "debt_raised":
      return { from: str(d.holder) || MARKET_NODE, to: c, kind: "loan", amount: num(d.amount) };
    case "emergency_loan":
      return { from: MARKET_NODE, to: c, kind: "loan", amount: num(d.amount) };
    case "bonds_bought":
      return { from: c, to: str(d.issuer), kind: "loan", amount: num(d.amount) };
    case "lab_contract":
      // The labs buy compute from the company: their money goes to it.
      return { from: LABS_NODE, to: c, kind: "compute", amount: num(d.gw) * num(d.price) * Math.max(1, num(d.quarters)) };
    case "contract_signed":
      return { from: str(d.buyer), to: c, kind: "compute", amount: num(d.gw) * num(d.price) * Math.max(1, num(d.quarters)) };
    case "backstop_signed":
      return { from: str(d.provider), to: c, kind: "backstop", amount: num(d.gw) * num(d.price) };
    case "backstop_paid":
    case "backstop_called":
      return { from: c, to: str(d.protected), kind: "cash", amount: num(d.amount) || num(d.paid) };
    default:
      return null;
  }
}

/** The quarter's links, summed per (from, to, kind), largest first. */
export function flowLinks(events: readonly EventLike[]): Link[] {
  const byKey = new Map<string, Link>();
  for (const e of events) {
    const deal = dealOf(e);
    if (!deal || !deal.from || !deal.to || deal.from === deal.to || !(deal.amount > 0)) continue;
    const key = `${deal.from}>${deal.to}>${deal.kind}`;
    const l = byKey.get(key);
    if (l) {
      l.amount += deal.amount;
      l.count += 1;
    } else byKey.set(key, { ...deal, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.amount - a.amount || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/**
 * Circular deals: directed cycles of 2 to `maxLen` parties among the links (the outside market
 * excluded), each listed once, starting from its smallest node id.
 */
export function findLoops(links: readonly Link[], maxLen = 4): string[][] {
  const out = new Map<string, Set<string>>();
  for (const l of links) {
    if (l.from === MARKET_NODE || l.to === MARKET_NODE) continue;
    if (!out.has(l.from)) out.set(l.from, new Set());
    out.get(l.from)!.add(l.to);
  }
  const nodes = [...out.keys()].sort();
  const loops: string[][] = [];
  const seen = new Set<string>();
  const walk = (start: string, path: string[]) => {
    const last = path[path.length - 1];
    for (const next of [...(out.get(last) ?? [])].sort()) {
      if (next === start && path.length >= 2) {
        const key = path.join(">");
        if (!seen.has(key)) {
          seen.add(key);
          loops.push([...path]);
        }
      } else if (next > start && !path.includes(next) && path.length < maxLen) walk(start, [...path, next]);
    }
  };
  for (const n of nodes) walk(n, [n]);
  return loops;
}

/** Which links lie on a loop (by "from>to"). */
export function loopEdges(loops: readonly string[][]): Set<string> {
  const s = new Set<string>();
  for (const loop of loops) loop.forEach((n, i) => s.add(`${n}>${loop[(i + 1) % loop.length]}`));
  return s;
}
