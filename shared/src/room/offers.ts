// The offer book of one decide phase: the offers seats make to each other while they decide, and
// the answers of the seats they are addressed to. Pure data and rules, no network: the room keeps
// one book per quarter and mirrors it into each seat's private state; the order composition reads
// it at the end of the phase. Every limit on offers and answers is enforced here, once.
import type { GameState } from "../engine/types.ts";
import type { Offer } from "../schemas/orders.ts";
import { checkProposedOffer, MAX_ACCEPTS, offerKey } from "../protocol/decide.ts";
import { errorReply, type ErrorReply } from "../protocol/errors.ts";

export type OfferStatus = "open" | "accepted" | "rejected";

export interface BookOffer {
  /** Global key "<from>/<id>", what acceptOffer and rejectOffer name. */
  key: string;
  from: string;
  to: string;
  offer: Offer;
  status: OfferStatus;
}

export type BookResult = { ok: true; offer: BookOffer } | { ok: false; error: ErrorReply };

export class OfferBook {
  private readonly byKey = new Map<string, BookOffer>();
  /** Keys each addressee accepts, in the order it accepted them. */
  private readonly accepts = new Map<string, string[]>();

  get(key: string): BookOffer | undefined {
    return this.byKey.get(key);
  }

  all(): BookOffer[] {
    return [...this.byKey.values()];
  }

  /** The offers `from` made, in the order it made them. */
  madeBy(from: string): Offer[] {
    const out: Offer[] = [];
    for (const o of this.byKey.values()) if (o.from === from) out.push(o.offer);
    return out;
  }

  /** Offers addressed to `to` that it has not answered. */
  openTo(to: string): { from: string; offer: Offer }[] {
    const out: { from: string; offer: Offer }[] = [];
    for (const o of this.byKey.values()) if (o.to === to && o.status === "open") out.push({ from: o.from, offer: o.offer });
    return out;
  }

  /** Keys of the offers `to` accepted and that still stand. */
  acceptedBy(to: string): string[] {
    return (this.accepts.get(to) ?? []).filter((k) => this.byKey.get(k)?.status === "accepted");
  }

  /** An offer a bot's sheet carries (already checked by the rules that wrote it). */
  add(from: string, offer: Offer): BookOffer {
    const o: BookOffer = { key: offerKey(from, offer.id), from, to: offer.to, offer, status: "open" };
    this.byKey.set(o.key, o);
    return o;
  }

  /** A player's offer: checked against the state and the seat's other offers of the quarter. */
  propose(state: GameState, from: string, offer: Offer): BookResult {
    const r = checkProposedOffer(state, from, offer, this.madeBy(from));
    if (!r.ok) return r;
    return { ok: true, offer: this.add(from, offer) };
  }

  withdraw(from: string, id: string): BookResult {
    const key = offerKey(from, id);
    const o = this.byKey.get(key);
    if (!o) return { ok: false, error: errorReply("no_such_offer", `withdrawOffer: you have no offer "${id}" this quarter`, { type: "withdrawOffer", field: "id" }) };
    this.byKey.delete(key);
    const list = this.accepts.get(o.to);
    if (list) this.accepts.set(o.to, list.filter((k) => k !== key));
    return { ok: true, offer: o };
  }

  /** A player's answer to an offer addressed to it (at most MAX_ACCEPTS accepted a quarter). */
  answer(to: string, key: string, accept: boolean): BookResult {
    const type = accept ? "acceptOffer" : "rejectOffer";
    const o = this.byKey.get(key);
    if (!o || o.to !== to) {
      const open = this.all().filter((x) => x.to === to).map((x) => x.key);
      return { ok: false, error: errorReply("no_such_offer", `${type}: no offer "${key}" addressed to you this quarter; yours: ${open.join(", ") || "none"}`, { type, field: "key" }) };
    }
    if (accept && o.status !== "accepted" && this.acceptedBy(to).length >= MAX_ACCEPTS) {
      return { ok: false, error: errorReply("bad_offer", `acceptOffer: at most ${MAX_ACCEPTS} accepted offers a quarter`, { type, field: "key" }) };
    }
    this.setAnswer(o, accept);
    return { ok: true, offer: o };
  }

  /** A bot's answer: an acceptance past the cap becomes a refusal. */
  botAnswer(to: string, key: string, accept: boolean): BookOffer | undefined {
    const o = this.byKey.get(key);
    if (!o || o.to !== to) return undefined;
    this.setAnswer(o, accept && (o.status === "accepted" || this.acceptedBy(to).length < MAX_ACCEPTS));
    return o;
  }

  private setAnswer(o: BookOffer, accept: boolean) {
    const list = this.accepts.get(o.to) ?? [];
    const i = list.indexOf(o.key);
    if (accept && i < 0) list.push(o.key);
    if (!accept && i >= 0) list.splice(i, 1);
    this.accepts.set(o.to, list);
    o.status = accept ? "accepted" : "rejected";
  }
}
