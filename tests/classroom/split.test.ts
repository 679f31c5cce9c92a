// Splitting a class into markets: every student seated, markets within one student of each
// other, roles handed out in turn.
import { describe, expect, it } from "vitest";
import { fillOrder, marketCount, splitIntoMarkets, type SeatTemplate } from "../../shared/src/classroom/split.ts";

const EIGHT: SeatTemplate[] = [
  { profile: "nvidia", role: "chipmaker" },
  { profile: "amd", role: "chipmaker" },
  { profile: "microsoft", role: "hyperscaler" },
  { profile: "meta", role: "hyperscaler" },
  { profile: "coreweave", role: "neocloud" },
  { profile: "fluidstack", role: "neocloud" },
  { profile: "blue-owl", role: "lender" },
  { profile: "apollo", role: "lender" },
];
const students = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

describe("splitting a class", () => {
  it("fills seats one role after another", () => {
    expect(fillOrder(EIGHT)).toEqual([0, 2, 4, 6, 1, 3, 5, 7]);
  });

  it.each([1, 7, 8, 9, 23, 60])("seats %i students in markets of at most 8, within one of each other", (n) => {
    const p = splitIntoMarkets(students(n), EIGHT);
    const k = marketCount(n, 8);
    expect(p).toHaveLength(n);
    const sizes = Array.from({ length: k }, (_, m) => p.filter((x) => x.market === m).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    // No seat is given twice in a market.
    for (let m = 0; m < k; m++) {
      const seats = p.filter((x) => x.market === m).map((x) => x.seat);
      expect(new Set(seats).size).toBe(seats.length);
    }
  });

  it("gives a market of 5 one student of each role before a second of any", () => {
    const roles = splitIntoMarkets(students(5), EIGHT).map((x) => EIGHT[x.seat].role);
    expect(new Set(roles.slice(0, 4)).size).toBe(4);
  });
});
