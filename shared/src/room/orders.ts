// A quarter's orders as a room gathers them: the bots' turn when the decide phase opens, and the
// composition at its end of every seat's sheet with the offers made and accepted during the phase.
// Pure: the same state, seats and book give the same orders, whichever process runs the room.
import { baselineSheet, respond } from "../bots/baseline.ts";
import { prepareOrders } from "../engine/resolve.ts";
import { defaultSheet } from "../engine/sheets.ts";
import type { GameState } from "../engine/types.ts";
import { OrderError } from "../engine/validate.ts";
import { MAX_ACCEPTS, proposerOf } from "../protocol/decide.ts";
import type { OrderSheet } from "../schemas/orders.ts";
import type { OfferBook } from "./offers.ts";

/** What the room knows of one seat at the end of the decide phase. */
export interface SeatOrders {
  companyId: string;
  /** The sheet its player submitted this quarter, or null. */
  sheet: OrderSheet | null;
  /** The sheet its bot wrote when the phase opened (a seat no human held then), or null. */
  botSheet: OrderSheet | null;
  /** A human holds the seat and is connected now. */
  humanHere: boolean;
}

/**
 * The bots' turn as the decide phase opens: each bot seat's sheet and offers, then each bot's
 * answers to the other bots' offers — the same calls in the same order as botRound, so a room of
 * bots plays the engine's own game.
 */
export function botsOpen(state: GameState, botIds: readonly string[], book: OfferBook): Map<string, OrderSheet> {
  const sheets = new Map<string, OrderSheet>();
  for (const id of botIds) {
    const sheet = baselineSheet(state, id);
    sheets.set(id, sheet);
    for (const o of sheet.offers) book.add(id, o);
  }
  for (const id of botIds) {
    const incoming: { from: string; offer: OrderSheet["offers"][number] }[] = [];
    for (const from of botIds) for (const o of sheets.get(from)!.offers) if (o.to === id) incoming.push({ from, offer: o });
    for (const key of respond(state, id, incoming)) book.botAnswer(id, key, true);
  }
  return sheets;
}

/** A bot's answer to one offer made to it during the phase (a player's proposal). */
export function botAnswersNow(state: GameState, to: string, from: string, key: string, book: OfferBook): void {
  const o = book.get(key);
  if (!o) return;
  book.botAnswer(to, key, respond(state, to, [{ from, offer: o.offer }]).includes(key));
}

/**
 * Every alive seat's orders for the quarter: its sheet (submitted, else its bot's), the offers it
 * made and the ones it accepted. A seat nobody plays any more gets its bot's sheet, and its bot
 * answers the offers still open; a seat whose player simply did not submit plays its default
 * sheet (or the engine's, when it made and accepted nothing).
 */
export function composeOrders(state: GameState, seats: readonly SeatOrders[], book: OfferBook): Record<string, unknown> {
  const orders: Record<string, unknown> = {};
  for (const seat of seats) {
    const id = seat.companyId;
    if (state.companies.find((c) => c.id === id)?.bankrupt ?? true) continue;
    const offers = book.madeBy(id);
    let accepts = book.acceptedBy(id);
    let base: OrderSheet | null = seat.sheet ?? seat.botSheet;
    if (!base && !seat.humanHere) {
      base = baselineSheet(state, id);
      for (const key of respond(state, id, book.openTo(id))) if (accepts.length < MAX_ACCEPTS && !accepts.includes(key)) accepts = [...accepts, key];
    }
    if (!base) {
      if (offers.length === 0 && accepts.length === 0) continue;
      base = defaultSheet(state, id);
    }
    orders[id] = { ...base, offers, accept: accepts };
  }
  return orders;
}

/**
 * The engine's prepareOrders, made total: a seat whose orders fail the engine's checks (which the
 * edge checks should prevent) plays its default sheet, and the offers it made are dropped from the
 * others' acceptances; a round always resolves. Returns the refused seats for the log.
 */
export function prepareTotal(state: GameState, orders: Record<string, unknown>): { sheets: Record<string, OrderSheet>; refused: OrderError[] } {
  const refused: OrderError[] = [];
  let o = orders;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return { sheets: prepareOrders(state, o), refused };
    } catch (e) {
      if (!(e instanceof OrderError)) throw e;
      refused.push(e);
      const bad = new Set(e.issues.map((i) => i.company));
      const next: Record<string, unknown> = {};
      for (const [id, sh] of Object.entries(o)) {
        if (bad.has(id)) continue;
        const s = sh as OrderSheet;
        next[id] = { ...s, accept: s.accept.filter((k) => !bad.has(proposerOf(k))) };
      }
      o = next;
    }
  }
  return { sheets: prepareOrders(state, {}), refused };
}
