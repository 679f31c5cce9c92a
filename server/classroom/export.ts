// What a teacher takes home: per-round, per-player rows (orders, positions, prices, scores) as CSV
// and JSON, the event log, and the debrief that compares the markets. Built from the session
// store alone, so it works during the session, after it, and after a restart.
import { bubbleMeasures } from "../../shared/src/tournament/bubble.ts";
import { seeds } from "../../seeds/index.ts";
import type { Debrief } from "../../shared/src/protocol/classroom.ts";
import type { CompanyRoundRow, EventRow, MarketRoundRow, SessionStore, StudentRow } from "./store.ts";

const COMPANY_COLUMNS: (keyof CompanyRoundRow)[] = ["market", "round", "company", "role", "student", "player", "cash", "debt", "offBalanceDebt", "equityBook", "price", "fundamental", "score", "bankrupt", "sheet"];
const EVENT_COLUMNS: (keyof EventRow)[] = ["market", "round", "type", "mechanism", "company", "text", "data"];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function cell(v: unknown): string {
  const s = typeof v === "number" ? String(v) : String(v ?? "");
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv<T extends object>(rows: T[], columns: (keyof T)[]): string {
  const lines = [columns.join(",")];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function roundsCsv(store: SessionStore, code: string): string {
  return toCsv(store.companyRounds(code), COMPANY_COLUMNS);
}

export function eventsCsv(store: SessionStore, code: string): string {
  return toCsv(store.events(code), EVENT_COLUMNS);
}

export interface SessionExport {
  session: { code: string; created: number; ended: number; markets: number; settings: unknown };
  students: StudentRow[];
  rounds: (Omit<CompanyRoundRow, "sheet" | "code"> & { sheet: unknown })[];
  markets: Omit<MarketRoundRow, "code">[];
  events: (Omit<EventRow, "data" | "code"> & { data: unknown })[];
}

export function sessionJson(store: SessionStore, code: string): SessionExport | null {
  const s = store.session(code);
  if (!s) return null;
  return {
    session: { code: s.code, created: s.created, ended: s.ended, markets: s.markets, settings: JSON.parse(s.settings) },
    students: store.students(code),
    rounds: store.companyRounds(code).map(({ code: _c, sheet, ...r }) => ({ ...r, sheet: JSON.parse(sheet) })),
    markets: store.marketRounds(code).map(({ code: _c, ...r }) => r),
    events: store.events(code).map(({ code: _c, data, ...e }) => ({ ...e, data: JSON.parse(data) })),
  };
}

/** The moments a debrief dwells on: news cards (with their source), defaults, margin calls. */
const KEY_TYPES = new Set(["card", "default", "margin_call", "labs_missed_payment", "backstop_called"]);


export function debrief(store: SessionStore, code: string): Debrief | null {
  if (!store.session(code)) return null;
  const rows = store.companyRounds(code);
  const macro = store.marketRounds(code);
  const events = store.events(code);
  const marketIds = [...new Set(macro.map((m) => m.market))].sort((a, b) => a - b);
  const markets = marketIds.map((market) => {
    const mrows = rows.filter((r) => r.market === market);
    const mm = macro.filter((m) => m.market === market);
    const last = mm[mm.length - 1];
    const companies = [...new Set(mrows.map((r) => r.company))].map((company) => {
      const path = mrows.filter((r) => r.company === company).sort((a, b) => a.round - b.round);
      const end = path[path.length - 1];
      const b = bubbleMeasures(path.map((r) => r.price), path.map((r) => r.fundamental));
      return { company, role: end.role, student: end.student, player: end.player, prices: path.map((r) => r.price), fundamentals: path.map((r) => r.fundamental), score: end.score, bankrupt: end.bankrupt === 1, rd: b?.rd ?? null, rad: b?.rad ?? null };
    });
    const measured = companies.filter((c) => c.rd !== null);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null);
    const moments = events
      .filter((e) => e.market === market && KEY_TYPES.has(e.type))
      .map((e) => {
        const data = JSON.parse(e.data) as { card?: string };
        const card = e.type === "card" && data.card ? seeds.cards[data.card] : undefined;
        return { round: e.round, type: e.type, text: e.text, ...(card ? { source: `${card.source.outlet}, ${card.source.date}` } : {}) };
      });
    return {
      market,
      hype: mm.map((m) => m.hype),
      defaults: last?.defaults ?? 0,
      marginCalls: last?.marginCalls ?? 0,
      companies,
      rd: mean(measured.map((c) => c.rd!)),
      rad: mean(measured.map((c) => c.rad!)),
      moments,
    };
  });
  const finals = markets.flatMap((m) => m.companies.filter((c) => c.student !== "").map((c) => ({ market: m.market, ...c })));
  const ranking = finals
    .map((c) => ({ student: c.student, player: c.player, market: c.market, company: c.company, role: c.role, score: c.score }))
    .sort((a, b) => b.score - a.score)
    .map((r, i, all) => ({
      ...r,
      rankInClass: i + 1,
      rankInMarket: all.filter((x) => x.market === r.market && x.score > r.score).length + 1,
    }));
  return { code, markets, ranking };
}
