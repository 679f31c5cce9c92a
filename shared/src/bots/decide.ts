// The bots' entry points. Every decision is made from playerView(state, seat): the public market
// and the seat's own data. Sheets and answers go through the same schemas a human's do.
import type { Rules } from "../engine/context.ts";
import { resolveRound } from "../engine/resolve.ts";
import type { GameState } from "../engine/types.ts";
import type { Offer, OrderSheet } from "../schemas/orders.ts";
import { answerOffers } from "./answer.ts";
import { chipmakerSheet } from "./chipmaker.ts";
import { hyperscalerSheet } from "./hyperscaler.ts";
import { lenderSheet } from "./lender.ts";
import { neocloudSheet } from "./neocloud.ts";
import { defaultPersona, LEVELS, personaById, type Level, type Persona } from "./personas.ts";
import { company, NO_TILT, signals, type Tilt } from "./read.ts";
import { playerView } from "./view.ts";

/** Who plays a bot seat: a persona id (default: the company's own) and a level (default: normal). */
export interface BotSpec {
  persona?: string;
  level?: Level;
}

export function resolvePersona(s: GameState, id: string, spec: BotSpec = {}): Persona {
  const c = company(s, id);
  const p = spec.persona ? personaById(spec.persona) : defaultPersona(c);
  if (p.role !== c.role) throw new Error(`persona "${p.id}" is for a ${p.role}; ${id} is a ${c.role}`);
  return p;
}

function levelOf(spec: BotSpec): Level {
  const l = spec.level ?? "normal";
  if (!LEVELS.includes(l)) throw new Error(`unknown level "${l}"; known: ${LEVELS.join(", ")}`);
  return l;
}

/** The persona's policy on a view (no look-ahead). `view` must be what the seat sees. */
export function policySheet(view: GameState, id: string, persona: Persona, level: Level, tilt: Tilt = NO_TILT): OrderSheet {
  const c = company(view, id);
  const sig = signals(view, level);
  const kn = persona.knobs;
  switch (kn.role) {
    case "chipmaker":
      return chipmakerSheet(view, c, kn.k, sig, tilt);
    case "hyperscaler":
      return hyperscalerSheet(view, c, kn.k, sig, tilt);
    case "neocloud":
      return neocloudSheet(view, c, kn.k, sig, tilt);
    case "lender":
      return lenderSheet(view, c, kn.k, sig, tilt);
  }
}

/** The candidate plans a hard bot plays forward, per role (the persona's plan first). */
const TILTS: Record<Persona["role"], Tilt[]> = {
  chipmaker: [NO_TILT, { ...NO_TILT, edge: 0.92 }, { ...NO_TILT, edge: 1.08 }, { ...NO_TILT, payout: 3 }, { ...NO_TILT, invest: 0, risk: 0 }],
  hyperscaler: [NO_TILT, { ...NO_TILT, invest: 0 }, { ...NO_TILT, invest: 0.5, risk: 0.5 }, { ...NO_TILT, invest: 1.5, risk: 1.5 }, { ...NO_TILT, payout: 3 }],
  neocloud: [NO_TILT, { ...NO_TILT, invest: 0, payout: 2 }, { ...NO_TILT, invest: 0.5, risk: 0.5 }, { ...NO_TILT, invest: 1.5, risk: 1.5 }, { ...NO_TILT, payout: 0 }],
  lender: [NO_TILT, { ...NO_TILT, risk: 0.3 }, { ...NO_TILT, risk: 1.6 }, { ...NO_TILT, edge: 0 }, { ...NO_TILT, edge: 2.5 }],
};

/** Total return of `id` in a (simulated) state: what the score will be if the game ended there. */
function valueOf(s: GameState, id: string): number {
  const c = company(s, id);
  if (c.bankrupt) return -1;
  const paid = c.fund ? c.fund.distributedPerUnit : c.dividendsPerShare;
  return (c.price + paid) / c.startPrice - 1;
}

/** Everyone's sheets for one simulated round: `id` plays `tilt`, the others their own default persona. */
function simulatedOrders(s: GameState, id: string, persona: Persona, tilt: Tilt): Record<string, OrderSheet> {
  const sheets: Record<string, OrderSheet> = {};
  const personas = new Map<string, Persona>();
  for (const c of s.companies) {
    if (c.bankrupt) continue;
    const p = c.id === id ? persona : defaultPersona(c);
    personas.set(c.id, p);
    sheets[c.id] = policySheet(s, c.id, p, "normal", c.id === id ? tilt : NO_TILT);
  }
  answerAll(s, sheets, (cid) => personas.get(cid)!, () => "normal");
  return sheets;
}

/**
 * The hard level: plays each candidate plan forward `horizon` rounds with the engine, on the seat's
 * own view (the scenario's known rate path and card schedule; a fixed stand-in for the hidden
 * generator; the other seats played by their default personas), and keeps the plan that ends best.
 */
export function lookahead(view: GameState, id: string, persona: Persona, rules: Rules, horizon = 3): Tilt {
  let best = NO_TILT;
  let bestValue = -Infinity;
  for (const tilt of TILTS[persona.role]) {
    let s = view;
    for (let h = 0; h < horizon && !s.finished; h++) {
      if (company(s, id).bankrupt) break;
      s = resolveRound(rules, s, simulatedOrders(s, id, persona, tilt)).state;
    }
    const v = valueOf(s, id);
    if (v > bestValue + 1e-9) {
      bestValue = v;
      best = tilt;
    }
  }
  return best;
}

/** One bot seat's sheet for the coming round (its answers to offers are added by botsRound). */
export function botSheet(state: GameState, id: string, spec: BotSpec = {}, rules?: Rules): OrderSheet {
  return sheetFromView(playerView(state, id), id, spec, rules);
}

function sheetFromView(view: GameState, id: string, spec: BotSpec, rules?: Rules): OrderSheet {
  const persona = resolvePersona(view, id, spec);
  const level = levelOf(spec);
  if (level === "hard") {
    if (!rules) throw new Error("a hard bot needs the rules (scenario and cards) to look ahead");
    return policySheet(view, id, persona, "normal", lookahead(view, id, persona, rules));
  }
  return policySheet(view, id, persona, level);
}

/** Which of the offers addressed to `id` its bot accepts (global ids "<from>/<offer id>"). */
export function botAnswers(state: GameState, id: string, offers: { from: string; offer: Offer }[], spec: BotSpec = {}): string[] {
  return answersFromView(playerView(state, id), id, offers, spec);
}

function answersFromView(view: GameState, id: string, offers: { from: string; offer: Offer }[], spec: BotSpec): string[] {
  if (offers.length === 0) return [];
  const level = levelOf(spec);
  return answerOffers(view, company(view, id), resolvePersona(view, id, spec), signals(view, level === "easy" ? "easy" : "normal"), offers);
}

function answerAll(s: GameState, sheets: Record<string, OrderSheet>, persona: (id: string) => Persona, level: (id: string) => Level): void {
  for (const id of Object.keys(sheets)) {
    const incoming: { from: string; offer: Offer }[] = [];
    for (const [from, sh] of Object.entries(sheets)) for (const o of sh.offers) if (o.to === id) incoming.push({ from, offer: o });
    if (incoming.length === 0) continue;
    const lv = level(id);
    sheets[id] = { ...sheets[id], accept: answerOffers(s, company(s, id), persona(id), signals(s, lv === "easy" ? "easy" : "normal"), incoming) };
  }
}

/**
 * All the given bot seats' sheets for the round, with their answers to each other's offers: what a
 * round of bots sends. `specs` names each seat's persona and level (missing: default persona, normal).
 * Same result as botSheet for every seat, then botAnswers to the offers the others made.
 */
export function botsRound(state: GameState, specs: Record<string, BotSpec> = {}, ids?: string[], rules?: Rules): Record<string, OrderSheet> {
  const seats = (ids ?? state.companies.map((c) => c.id)).filter((id) => !company(state, id).bankrupt);
  const views = new Map(seats.map((id) => [id, playerView(state, id)]));
  const sheets: Record<string, OrderSheet> = {};
  for (const id of seats) sheets[id] = sheetFromView(views.get(id)!, id, specs[id] ?? {}, rules);
  for (const id of seats) {
    const incoming: { from: string; offer: Offer }[] = [];
    for (const [from, sh] of Object.entries(sheets)) for (const o of sh.offers) if (o.to === id) incoming.push({ from, offer: o });
    sheets[id] = { ...sheets[id], accept: answersFromView(views.get(id)!, id, incoming, specs[id] ?? {}) };
  }
  return sheets;
}
