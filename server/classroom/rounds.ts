// One resolved quarter of a class market as rows of the session's export: the market's figures,
// each company with who played it, and the events told in the session's language.
import { balanceSheet, describe, offBalanceDebt, onBalanceDebt, scores, stateHash, type GameEvent, type GameState, type OrderSheet } from "../../shared/src/index.ts";
import { seeds } from "../../seeds/index.ts";
import type { CompanyRoundRow, EventRow, MarketRoundRow } from "./store.ts";

export function roundRows(
  code: string,
  market: number,
  lang: "en" | "fr",
  round: number,
  sheets: Record<string, OrderSheet>,
  g: GameState,
  events: readonly GameEvent[],
  studentAt: (seat: number) => { student: string; name: string } | null,
): { market: MarketRoundRow; companies: CompanyRoundRow[]; events: EventRow[] } {
  const sc = new Map(scores(g).map((x) => [x.id, x.score]));
  const names: Record<string, string> = {};
  for (const c of g.companies) names[c.id] = c.name;
  const companies: CompanyRoundRow[] = g.companies.map((c, i) => {
    const who = studentAt(i);
    const bs = balanceSheet(g, c);
    return {
      code,
      market,
      round,
      company: c.id,
      role: c.role,
      student: who?.student ?? "",
      player: who?.name ?? "Bot",
      sheet: JSON.stringify(sheets[c.id] ?? null),
      cash: c.cash,
      debt: onBalanceDebt(g, c.id),
      offBalanceDebt: offBalanceDebt(g, c.id),
      equityBook: bs.equity,
      price: c.price,
      fundamental: c.fundamental,
      score: sc.get(c.id) ?? 0,
      bankrupt: c.bankrupt ? 1 : 0,
    };
  });
  const eventRows: EventRow[] = events.map((e) => ({
    code,
    market,
    round,
    type: e.type,
    mechanism: e.mechanism,
    company: e.company ?? "",
    text: describe(e, lang, names, seeds.cards) ?? "",
    data: JSON.stringify(e.data),
  }));
  const h = g.history;
  return {
    market: {
      code,
      market,
      round,
      benchmark: g.macro.benchmark,
      hype: g.macro.hype,
      gpuSpot: g.macro.gpuSpot,
      computePrice: g.macro.computePrice,
      defaults: h.defaults,
      marginCalls: h.marginCalls,
      cards: JSON.stringify(h.cards[h.cards.length - 1] ?? []),
      stateHash: stateHash(g),
    },
    companies,
    events: eventRows,
  };
}
