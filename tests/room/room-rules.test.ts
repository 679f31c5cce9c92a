// The pure pieces of a room's life (shared/src/room): the offer book, the order composition, the
// phase clock and the game record. What the market room does with a message is one of these calls.
import { describe, expect, it } from "vitest";
import { seeds } from "../../seeds/index.ts";
import { botRound, prepareOrders, resolveRound, stateHash, type GameState } from "../../shared/src/index.ts";
import { MAX_ACCEPTS } from "../../shared/src/protocol/index.ts";
import type { Offer } from "../../shared/src/schemas/orders.ts";
import * as clock from "../../shared/src/room/clock.ts";
import { OfferBook } from "../../shared/src/room/offers.ts";
import { botsOpen, composeOrders, prepareTotal } from "../../shared/src/room/orders.ts";
import { applyStep, GameStep, publicHash, replayRecord, ReplayError, startGame, type GameStart } from "../../shared/src/room/record.ts";

const START: GameStart = { scenario: "boom-2025", rounds: 6, seed: 11, profiles: ["microsoft", "coreweave", "nvidia", "apollo"] };
const game = (): GameState => startGame(seeds, START);
const loan = (id: string, to = "coreweave", amount = 5): Offer => ({ id, to, kind: "loan", loan: "gpu", amount, spread: 0.03, maxLtv: 0.75, quarters: 8 });

describe("the offer book", () => {
  it("checks a proposal against the state and the proposer's other offers, once", () => {
    const g = game();
    const book = new OfferBook();
    expect(book.propose(g, "apollo", loan("l1"))).toMatchObject({ ok: true, offer: { key: "apollo/l1", status: "open" } });
    expect(book.propose(g, "apollo", loan("l1"))).toMatchObject({ ok: false, error: { code: "bad_offer", field: "offer.id" } });
    // A hyperscaler cannot offer a loan (the engine's rule, through the same check).
    expect(book.propose(g, "microsoft", loan("m1"))).toMatchObject({ ok: false, error: { code: "bad_offer" } });
    expect(book.all()).toHaveLength(1);
  });

  it("answers: only the addressee, at most MAX_ACCEPTS accepted, a withdrawal takes the acceptance with it", () => {
    const book = new OfferBook();
    for (let i = 0; i < MAX_ACCEPTS + 1; i++) book.add("apollo", loan(`l${i}`));
    expect(book.answer("microsoft", "apollo/l0", true)).toMatchObject({ ok: false, error: { code: "no_such_offer", field: "key" } });
    for (let i = 0; i < MAX_ACCEPTS; i++) expect(book.answer("coreweave", `apollo/l${i}`, true).ok).toBe(true);
    expect(book.answer("coreweave", `apollo/l${MAX_ACCEPTS}`, true)).toMatchObject({ ok: false, error: { code: "bad_offer" } });
    // A bot's acceptance past the cap is a refusal, not an error.
    expect(book.botAnswer("coreweave", `apollo/l${MAX_ACCEPTS}`, true)?.status).toBe("rejected");
    expect(book.acceptedBy("coreweave")).toHaveLength(MAX_ACCEPTS);
    expect(book.withdraw("apollo", "l0").ok).toBe(true);
    expect(book.acceptedBy("coreweave")).not.toContain("apollo/l0");
    expect(book.withdraw("apollo", "l0")).toMatchObject({ ok: false, error: { code: "no_such_offer" } });
    expect(book.openTo("coreweave")).toHaveLength(0);
  });
});

describe("order composition", () => {
  it("a room of bots composes exactly the engine's bot round", () => {
    let g = game();
    for (let q = 0; q < 3; q++) {
      const book = new OfferBook();
      const ids = g.companies.map((c) => c.id);
      const sheets = botsOpen(g, ids, book);
      const seats = ids.map((companyId) => ({ companyId, sheet: null, botSheet: sheets.get(companyId)!, humanHere: false }));
      const composed = prepareOrders(g, composeOrders(g, seats, book));
      expect(composed).toEqual(prepareOrders(g, botRound(g)));
      g = resolveRound({ ...seeds, scenario: seeds.scenarios[START.scenario] }, g, composed).state;
    }
  });

  it("a seat nobody plays gets its bot's sheet and answers; a present player who sent nothing plays the default sheet", () => {
    const g = game();
    const book = new OfferBook();
    book.add("apollo", loan("l1", "coreweave"));
    book.add("apollo", loan("l2", "microsoft", 3));
    const orders = composeOrders(g, [
      { companyId: "coreweave", sheet: null, botSheet: null, humanHere: false },
      { companyId: "microsoft", sheet: null, botSheet: null, humanHere: true },
      { companyId: "apollo", sheet: null, botSheet: null, humanHere: true },
    ], book) as Record<string, { accept: string[]; offers: Offer[] }>;
    expect(orders.coreweave).toBeDefined(); // its bot decided
    expect(orders.microsoft).toBeUndefined(); // nothing sent, nothing accepted: the engine's default
    expect(orders.apollo.offers.map((o) => o.id)).toEqual(["l1", "l2"]);
  });

  it("prepareTotal: a seat whose orders the engine refuses plays its default, and acceptances of its offers drop", () => {
    const g = game();
    const bad = { role: "hyperscaler", chips: [{ from: "no-such-chipmaker", lots: 1 }] };
    const r = prepareTotal(g, { microsoft: bad, coreweave: { role: "neocloud", accept: ["microsoft/x"] } });
    expect(r.refused.length).toBeGreaterThan(0);
    expect(r.sheets.microsoft).toEqual(prepareOrders(g, {}).microsoft);
  });
});

describe("the phase clock", () => {
  it("pauses, resumes with the time left, takes extra time paused or not, and closes", () => {
    let c = clock.schedule(clock.idleClock(), 1_000, 30, "closeDecide");
    expect(c).toMatchObject({ next: "closeDecide", deadline: 31_000, paused: false });
    expect(clock.msLeft(c, 11_000)).toBe(20_000);
    c = clock.pause(c, 11_000);
    expect(c).toMatchObject({ paused: true, deadline: 0, left: 20_000 });
    expect(clock.msLeft(c, 99_000)).toBe(Number.POSITIVE_INFINITY);
    c = clock.addTime(c, 50_000, 60);
    expect(c.left).toBe(80_000);
    // A step scheduled while paused keeps the pause and its full time.
    expect(clock.schedule(c, 60_000, 5, "nextQuarter")).toMatchObject({ paused: true, left: 5_000, next: "nextQuarter" });
    c = clock.resume(c, 100_000);
    expect(c).toMatchObject({ paused: false, deadline: 180_000 });
    c = clock.addTime(c, 200_000, 10); // late: counts from now
    expect(c.deadline).toBe(210_000);
    const closed = clock.close(c);
    expect(closed.step).toBe("closeDecide");
    expect(closed.clock).toEqual(clock.idleClock());
  });
});

describe("the game record", () => {
  function played(): { steps: GameStep[]; state: GameState } {
    const setup = { ...seeds, scenario: seeds.scenarios[START.scenario] };
    let s = game();
    const steps: GameStep[] = [];
    while (!s.finished) {
      if (s.round === 2) {
        steps.push({ t: "inject", card: seeds.deck.find((c) => !s.news.includes(c.id))!.id });
        s = applyStep(seeds, START, s, steps[steps.length - 1]).state;
      }
      const sheets = prepareOrders(s, botRound(s));
      s = resolveRound(setup, s, sheets).state;
      steps.push({ t: "round", round: s.round, sheets, hash: stateHash(s) });
      if (s.round === 5) {
        steps.push({ t: "end" });
        s = applyStep(seeds, START, s, { t: "end" }).state;
      }
    }
    return { steps, state: s };
  }

  it("replays to the same state, byte for byte, through JSON (as stored)", () => {
    const { steps, state } = played();
    const stored = steps.map((x) => GameStep.parse(JSON.parse(JSON.stringify(x))));
    expect(stateHash(replayRecord(seeds, START, stored))).toBe(stateHash(state));
    expect(state.round).toBe(5);
  });

  it("stops at a quarter that does not give its recorded hash", () => {
    const { steps } = played();
    const tampered = steps.map((x) => (x.t === "round" && x.round === 3 ? { ...x, hash: "0".repeat(64) } : x));
    expect(() => replayRecord(seeds, START, tampered)).toThrow(ReplayError);
  });

  it("publishes a hash that says nothing about the seed without the secret", () => {
    const s = game();
    const other = startGame(seeds, { ...START, seed: START.seed + 1 });
    expect(publicHash("secret-a", s)).not.toBe(publicHash("secret-b", s));
    expect(publicHash("secret-a", s)).not.toBe(stateHash(s));
    expect(publicHash("secret-a", s)).not.toBe(publicHash("secret-a", other));
  });
});
