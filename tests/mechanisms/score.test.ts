// Mechanism 13: the score is the total return on the starting value: share price plus dividends per
// share (funds: NAV per unit plus distributions per unit) over the starting price, minus 1. It is
// comparable across roles whatever the price level; a bankrupt company scores −100 %.
import { describe, expect, it } from "vitest";
import { ranking, scores } from "../../shared/src/index.ts";
import { bond, clearClaims, co, game, idleRounds, orders, setup, step } from "../fixtures.ts";

const S = setup();
const seats = ["nvidia", "microsoft", "coreweave", "apollo"];
const scoreOf = (s: Parameters<typeof scores>[0], id: string) => scores(s).find((x) => x.id === id)!.score;

describe("score", () => {
  it("is the same return for the same move, whatever the role and the price level", () => {
    const s = game(S, seats);
    for (const c of s.companies) c.price = c.startPrice * 1.1;
    expect(scores(s).map((x) => x.score)).toEqual(seats.map(() => expect.closeTo(0.1, 9)));
    // Ties keep seat order.
    expect(ranking(s).map((x) => x.id)).toEqual(seats);
  });

  it("counts the dividends paid per share in the return", () => {
    const s = game(S, seats);
    const r = step(S, s, orders(s, { microsoft: { dividend: 5 } }));
    const ms = co(r.state, "microsoft");
    expect(ms.dividendsPerShare).toBeCloseTo(5 / co(s, "microsoft").sharesOut, 9);
    expect(scoreOf(r.state, "microsoft")).toBeCloseTo((ms.price + ms.dividendsPerShare) / ms.startPrice - 1, 9);
  });

  it("counts a fund's distributions: paying LPs out leaves its score unchanged", () => {
    const s = game(S, seats);
    const kept = step(S, s);
    const paidOut = step(S, s, orders(s, { apollo: { lpReturn: 5 } }));
    const f = co(paidOut.state, "apollo");
    expect(f.fund!.distributedPerUnit).toBeCloseTo(5 / co(s, "apollo").fund!.units, 9);
    expect(f.price).toBeLessThan(co(kept.state, "apollo").price);
    expect(scoreOf(paidOut.state, "apollo")).toBeCloseTo(scoreOf(kept.state, "apollo"), 9);
  });

  it("is −100 % for a bankrupt company, ranked last, to the end of the game", () => {
    const s = game(S, seats);
    clearClaims(s, "coreweave");
    bond(s, "coreweave", 40, { maturity: 1 }); // due now; no one refinances a CCC credit
    co(s, "coreweave").cash = 1;
    const end = idleRounds(S, s, s.rounds);
    expect(end.finished).toBe(true);
    expect(co(end, "coreweave").bankrupt).toBe(true);
    expect(scoreOf(end, "coreweave")).toBe(-1);
    expect(ranking(end).at(-1)!.id).toBe("coreweave");
    for (const x of scores(end).filter((x) => !x.bankrupt)) {
      const c = co(end, x.id);
      const paid = c.fund ? c.fund.distributedPerUnit : c.dividendsPerShare;
      expect(x.score).toBeCloseTo((c.price + paid) / c.startPrice - 1, 9);
      expect(x.score).toBeGreaterThan(-1);
    }
  });
});
