// Copy of the state a round works on. Only what a round mutates is copied; what it replaces
// whole (sheets, news, rng) or never changes (tags) is shared with the input, which stays untouched.
import type { Company, GameState, History } from "./types.ts";

function company(c: Company): Company {
  return {
    ...c,
    chips: c.chips.map((l) => ({ ...l })),
    fab: c.fab ? { ...c.fab, pending: c.fab.pending.map((p) => ({ ...p })) } : null,
    fund: c.fund ? { ...c.fund } : null,
    last: { ...c.last },
    prev: { ...c.prev },
    news: c.news.map((n) => ({ ...n })),
  };
}

function history(h: History): History {
  const prices: Record<string, number[]> = {};
  for (const k of Object.keys(h.prices)) prices[k] = h.prices[k].slice();
  const fundamentals: Record<string, number[]> = {};
  for (const k of Object.keys(h.fundamentals)) fundamentals[k] = h.fundamentals[k].slice();
  return {
    ...h,
    benchmark: h.benchmark.slice(),
    igSpread: h.igSpread.slice(),
    hySpread: h.hySpread.slice(),
    hype: h.hype.slice(),
    gpuSpot: h.gpuSpot.slice(),
    computePrice: h.computePrice.slice(),
    utilisation: h.utilisation.slice(),
    demandGw: h.demandGw.slice(),
    capacityGw: h.capacityGw.slice(),
    cards: h.cards.slice(),
    prices,
    fundamentals,
  };
}

export function cloneState(s: GameState): GameState {
  return {
    ...s,
    macro: { ...s.macro },
    labs: { ...s.labs },
    companies: s.companies.map(company),
    debts: s.debts.map((d) => ({ ...d })),
    contracts: s.contracts.map((k) => ({ ...k })),
    stakes: s.stakes.map((k) => ({ ...k })),
    shorts: s.shorts.map((k) => ({ ...k })),
    backstops: s.backstops.map((b) => ({ ...b })),
    srts: s.srts.map((t) => ({ ...t })),
    builds: s.builds.map((b) => ({ ...b })),
    history: history(s.history),
  };
}
