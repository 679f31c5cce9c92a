// What one seat may see of the game: the public market data (macro, the AI labs, every company's
// published figures and debts, construction, contracts, stakes, the history) plus its own private
// data. Hidden from it: the seeded generator and the seed (they would tell the future: price noise
// and the random cards), the other seats' order sheets except what is addressed to this seat
// (chips ordered from it, offers made to it), the other funds' shorts and risk transfers, and the
// outside world's bookkeeping balance. Every bot decides from this view only.
import { seedState } from "../engine/rng.ts";
import type { GameState } from "../engine/types.ts";
import type { OrderSheet } from "../schemas/orders.ts";

/** The generator state every view carries instead of the game's: the same for every seat and game. */
const VIEW_RNG = Object.freeze(seedState(0x5eed)) as number[];

/** Another seat's resolved sheet, reduced to what was addressed to `me`. */
function addressedTo(sheet: OrderSheet, me: string): OrderSheet | null {
  const offers = sheet.offers.filter((o) => o.to === me);
  if (sheet.role === "hyperscaler" || sheet.role === "neocloud") {
    const chips = sheet.chips.filter((o) => o.from === me);
    if (chips.length === 0 && offers.length === 0) return null;
    // Only the orders placed with `me`: building, financing and contracts stay private.
    return { role: sheet.role, chips, build: { gw: 0, spv: false }, issueEquity: 0, buyback: 0, ...(sheet.role === "hyperscaler" ? { dividend: 0 } : {}), offers, accept: [], borrow: [], repay: [] } as OrderSheet;
  }
  if (offers.length === 0) return null;
  if (sheet.role === "chipmaker") return { role: "chipmaker", listPrice: sheet.listPrice, supply: 0, fabInvest: 0, vendorPct: sheet.vendorPct, labInvest: 0, stakes: [], buyback: 0, dividend: 0, offers, accept: [], borrow: [], repay: [] };
  return { role: "lender", bonds: [], srt: [], shorts: [], cover: [], lpRaise: 0, lpReturn: 0, offers, accept: [], borrow: [], repay: [] };
}

/**
 * The game as the seat of `companyId` sees it. A plain GameState (so the engine's read-only helpers
 * work on it), sharing unchanged parts with `state`: treat it as read-only.
 */
export function playerView(state: GameState, companyId: string): GameState {
  if (!state.companies.some((c) => c.id === companyId)) throw new Error(`no company ${companyId} in this game`);
  const sheets: Record<string, OrderSheet> = {};
  for (const [id, sh] of Object.entries(state.sheets)) {
    if (id === companyId) sheets[id] = sh;
    else {
      const part = addressedTo(sh, companyId);
      if (part) sheets[id] = part;
    }
  }
  return {
    ...state,
    seed: 0,
    rng: VIEW_RNG.slice(),
    marketCash: 0,
    sheets,
    shorts: state.shorts.filter((k) => k.holder === companyId),
    srts: state.srts.filter((t) => t.holder === companyId),
  };
}
