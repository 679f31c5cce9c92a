// Checks of the decide phase's messages against the game state, shared by the server (which
// must refuse) and a client (which may check before sending). Shapes come from the engine's zod
// schemas; the rules that need the state come from the engine's checkSheet.
import { checkSheet, parseShape } from "../engine/validate.ts";
import { defaultSheet } from "../engine/sheets.ts";
import type { GameState } from "../engine/types.ts";
import type { Offer, OrderSheet } from "../schemas/orders.ts";
import { describeIssues, errorReply, zodIssues, type ErrorReply, type FieldIssue } from "./errors.ts";

/** At most this many offers proposed, and accepted, by one seat in a quarter (the sheet's limits). */
export const MAX_OFFERS = 8;
export const MAX_ACCEPTS = 16;

/** The global key of an offer: its proposer's company id and its own id. */
export function offerKey(from: string, offerId: string): string {
  return `${from}/${offerId}`;
}

/** The proposer of an offer named by its key (company ids never contain "/"). */
export function proposerOf(key: string): string {
  const i = key.indexOf("/");
  return i < 0 ? key : key.slice(0, i);
}

/**
 * A submitted sheet: the engine's OrderSheet, valid against the state, with no offers or accepts in
 * it. Parsed once: the parsed sheet is frozen and known to the engine, which does not parse it again.
 */
export function checkSubmittedSheet(state: GameState, companyId: string, input: unknown): { ok: true; sheet: OrderSheet } | { ok: false; error: ErrorReply } {
  const shape = parseShape(input);
  if (!shape.success) {
    const issues = zodIssues(shape.error, "sheet");
    return { ok: false, error: errorReply("bad_message", `submitSheet: ${describeIssues(issues)}`, { type: "submitSheet", issues }) };
  }
  const pre: FieldIssue[] = [];
  if (shape.data.offers.length > 0) pre.push({ field: "sheet.offers", message: "must be empty: propose offers with proposeOffer, so the addressee sees them during the phase" });
  if (shape.data.accept.length > 0) pre.push({ field: "sheet.accept", message: "must be empty: accept offers with acceptOffer" });
  if (pre.length > 0) return { ok: false, error: errorReply("bad_sheet", `submitSheet: ${describeIssues(pre)}`, { type: "submitSheet", issues: pre }) };
  const r = checkSheet(state, companyId, shape.data);
  if (!r.ok) {
    const issues = r.issues.map((i) => ({ field: i.path.startsWith("(") ? "sheet" : `sheet.${i.path}`, message: i.message }));
    return { ok: false, error: errorReply("bad_sheet", `submitSheet: ${describeIssues(issues)}`, { type: "submitSheet", issues }) };
  }
  return { ok: true, sheet: r.sheet };
}

/**
 * A proposed offer, checked with the engine's sheet rules (who may offer what to whom) against
 * the state, and against the seat's other live offers (ids unique, at most MAX_OFFERS).
 */
export function checkProposedOffer(state: GameState, companyId: string, offer: Offer, live: readonly Offer[]): { ok: true } | { ok: false; error: ErrorReply } {
  const fail = (code: "bad_offer" | "not_seated", field: string, message: string): { ok: false; error: ErrorReply } => ({
    ok: false,
    error: errorReply(code, `proposeOffer: ${field}: ${message}`, { type: "proposeOffer", issues: [{ field, message }] }),
  });
  const me = state.companies.find((c) => c.id === companyId);
  if (!me || me.bankrupt) return fail("not_seated", "offer", "your company is bankrupt and can no longer trade");
  if (live.some((o) => o.id === offer.id)) return fail("bad_offer", "offer.id", `you already have an offer "${offer.id}" this quarter: pick another id or withdraw it first`);
  if (live.length >= MAX_OFFERS) return fail("bad_offer", "offer", `at most ${MAX_OFFERS} offers a quarter: withdraw one first`);
  // The engine's own checks, on the seat's default sheet carrying only this offer.
  const r = checkSheet(state, companyId, { ...defaultSheet(state, companyId), offers: [offer], accept: [] });
  if (!r.ok) {
    const issues = r.issues.filter((i) => i.path.startsWith("offers.0")).map((i) => ({ field: i.path.replace(/^offers\.0/, "offer"), message: i.message }));
    if (issues.length > 0) return { ok: false, error: errorReply("bad_offer", `proposeOffer: ${describeIssues(issues)}`, { type: "proposeOffer", issues }) };
  }
  return { ok: true };
}
