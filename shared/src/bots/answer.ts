// How a bot answers the offers addressed to it: each offer on its own merits, so an offer made
// during the phase gets the same answer as one made with the bots' sheets.
import { gpuDebt, gpuValue } from "../engine/accounts.ts";
import { marketQuote } from "../engine/lending.ts";
import type { Company, GameState } from "../engine/types.ts";
import type { Offer } from "../schemas/orders.ts";
import type { Persona } from "./personas.ts";
import type { Signals } from "./read.ts";

function wantsMoney(s: GameState, c: Company, p: Persona, sig: Signals): boolean {
  if (sig.naive) return true;
  switch (p.knobs.role) {
    case "neocloud": {
      const k = p.knobs.k;
      const debt = gpuDebt(s, c.id);
      const value = gpuValue(c, s.macro);
      const ltv = value > 0 ? debt / value : 0;
      return c.cash < k.buffer || (sig.boom && sig.hype >= k.retreatHype && ltv < k.maxLtv && k.gpuBorrow > 0);
    }
    case "hyperscaler": {
      const k = p.knobs.k;
      return c.cash < Math.max(5, c.coreRevenue * k.reserve) || (k.borrow && sig.boom);
    }
    case "chipmaker":
      return c.cash < 5;
    case "lender":
      return false;
  }
}

/** Global ids ("<from>/<offer id>") of the offers this bot accepts, at most 16. */
export function answerOffers(s: GameState, c: Company, p: Persona, sig: Signals, offers: { from: string; offer: Offer }[]): string[] {
  if (c.bankrupt) return [];
  const out: string[] = [];
  for (const { from, offer } of offers) {
    const key = `${from}/${offer.id}`;
    switch (offer.kind) {
      case "loan": {
        if (!wantsMoney(s, c, p, sig)) break;
        const q = marketQuote(s, c, offer.loan);
        // A GPU loan that would start above its own covenant is a margin call waiting to happen.
        if (offer.loan === "gpu" && !sig.naive) {
          const value = gpuValue(c, s.macro);
          const comfort = p.knobs.role === "neocloud" ? Math.max(p.knobs.k.maxLtv, offer.maxLtv * 0.93) : offer.maxLtv * 0.9;
          if (value <= 0 || (gpuDebt(s, c.id) + offer.amount) / value > Math.min(comfort, offer.maxLtv * 0.93)) break;
        }
        if (sig.naive || !q.ok || offer.spread <= q.spread + 0.01) out.push(key);
        break;
      }
      case "backstop":
        out.push(key);
        break;
      case "stake":
        // New equity at the market price: welcome, unless it is a rescue at a distressed price.
        if (sig.naive || c.price >= c.startPrice * 0.3) out.push(key);
        break;
      case "chipSale":
        if (c.cash > offer.lots * offer.price * (1 - offer.sharesPct) && (sig.naive || (sig.boom && offer.price <= sig.avgList * 1.05))) out.push(key);
        break;
      case "contract":
        if (sig.naive ? sig.util > 0.9 : sig.util > 0.95 && sig.boom && offer.price < s.macro.computePrice) out.push(key);
        break;
    }
  }
  return out.slice(0, 16);
}
