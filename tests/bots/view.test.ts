// Bots decide from what their seat may see: playerView(state, seat). Changing what is hidden from a
// seat (the generator, the seed, other seats' orders not addressed to it, other funds' shorts and
// risk transfers) never changes its bot's sheet or answers.
import { describe, expect, it } from "vitest";
import { seeds } from "../../seeds/index.ts";
import {
  LEVELS,
  botAnswers,
  botSheet,
  botsRound,
  createGame,
  personasOf,
  playerView,
  prepareOrders,
  resolveRound,
  type GameState,
  type Offer,
} from "../../shared/src/index.ts";

const SEATS = ["nvidia", "amd", "meta", "oracle", "coreweave", "fluidstack", "blue-owl", "deutsche-bank"];
const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };

/** A game a few rounds in, with shorts, risk transfers, offers and chip orders on the books. */
function midGame(rounds = 4): GameState {
  let s = createGame(setup, SEATS.map((profile) => ({ profile })), 11);
  const specs = { "deutsche-bank": { persona: "hedger" }, "blue-owl": { persona: "yield-chaser" }, nvidia: { persona: "vendor-financier" } };
  while (s.round < rounds) s = resolveRound(setup, s, prepareOrders(s, botsRound(s, specs))).state;
  return s;
}

/** The same state with everything `me` may not see changed. */
function scramble(s: GameState, me: string): GameState {
  const t: GameState = structuredClone(s);
  t.rng = [1, 2, 3, 4];
  t.seed = 987654;
  t.marketCash = 12345;
  for (const [id, sh] of Object.entries(t.sheets)) {
    if (id === me) continue;
    const other = sh as Record<string, unknown>;
    other.borrow = [{ kind: "bond", amount: 3, quarters: 8 }];
    if (sh.role === "hyperscaler" || sh.role === "neocloud") other.build = { gw: 1.5, spv: false };
    if (sh.role === "chipmaker") other.listPrice = 9.5;
    if (sh.role === "lender") other.shorts = [{ target: "coreweave", amount: 7 }];
    // Offers to others change; those addressed to `me` stay as they were.
    const someoneElse = SEATS.find((x) => x !== me && x !== id)!;
    other.offers = [...sh.offers.filter((o) => o.to === me), { id: "zz", to: someoneElse, kind: "stake", amount: 9 }];
  }
  const otherFund = me === "deutsche-bank" ? "blue-owl" : "deutsche-bank";
  for (const k of t.shorts) if (k.holder !== me) k.shares *= 3;
  t.shorts.push({ holder: otherFund, target: "amd", shares: 1, value: 100 });
  for (const x of t.srts) if (x.holder !== me) x.premium *= 2;
  return t;
}

describe("playerView", () => {
  const s = midGame();

  it("hides the generator, the seed and the outside world's books", () => {
    const v = playerView(s, "coreweave");
    expect(v.rng).not.toEqual(s.rng);
    expect(v.seed).toBe(0);
    expect(v.marketCash).toBe(0);
    // Every seat gets the same stand-in generator: it tells nothing.
    expect(playerView(s, "meta").rng).toEqual(v.rng);
  });

  it("keeps the seat's own sheet and only what others addressed to it", () => {
    const v = playerView(s, "nvidia");
    expect(v.sheets.nvidia).toEqual(s.sheets.nvidia);
    for (const [id, sh] of Object.entries(v.sheets)) {
      if (id === "nvidia") continue;
      for (const o of sh.offers) expect(o.to).toBe("nvidia");
      if (sh.role === "hyperscaler" || sh.role === "neocloud") {
        for (const o of sh.chips) expect(o.from).toBe("nvidia");
        expect(sh.borrow).toEqual([]);
        expect(sh.build.gw).toBe(0);
      }
    }
    // Chips ordered from nvidia last quarter stay visible to it (its own order book).
    const asked = (st: GameState) => Object.entries(st.sheets).flatMap(([id, sh]) => (id !== "nvidia" && (sh.role === "hyperscaler" || sh.role === "neocloud") ? sh.chips.filter((o) => o.from === "nvidia").map((o) => o.lots) : []));
    expect(asked(v)).toEqual(asked(s));
  });

  it("shows a fund only its own shorts and risk transfers", () => {
    const v = playerView(s, "blue-owl");
    for (const k of v.shorts) expect(k.holder).toBe("blue-owl");
    for (const t of v.srts) expect(t.holder).toBe("blue-owl");
    expect(s.shorts.some((k) => k.holder === "deutsche-bank") || s.srts.some((t) => t.holder === "deutsche-bank")).toBe(true);
  });

  it("is all a bot reads: its sheet and answers do not move when hidden data changes", () => {
    for (const me of SEATS) {
      const c = s.companies.find((x) => x.id === me)!;
      const hidden = scramble(s, me);
      for (const persona of personasOf(c.role)) {
        for (const level of LEVELS) {
          const spec = { persona: persona.id, level };
          expect(botSheet(hidden, me, spec, setup), `${me} ${persona.id} ${level}`).toEqual(botSheet(s, me, spec, setup));
        }
      }
      const offers: { from: string; offer: Offer }[] = [
        { from: "blue-owl", offer: { id: "L1", to: me, kind: "loan", loan: "gpu", amount: 1, spread: 0.06, maxLtv: 0.8, quarters: 8 } },
        { from: "nvidia", offer: { id: "S1", to: me, kind: "stake", amount: 1 } },
      ];
      if (me !== "blue-owl" && me !== "nvidia") expect(botAnswers(hidden, me, offers)).toEqual(botAnswers(s, me, offers));
    }
  });

  it("still moves when what the seat does see changes (the check above is not vacuous)", () => {
    const gloom: GameState = structuredClone(s);
    gloom.macro.hype = 15;
    gloom.macro.utilisation = 0.5;
    const changed = SEATS.filter((me) => JSON.stringify(botSheet(gloom, me)) !== JSON.stringify(botSheet(s, me)));
    expect(changed.length).toBeGreaterThan(4);
  });
});
