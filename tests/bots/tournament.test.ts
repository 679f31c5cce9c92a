// The bot tournament: a small one (30 games per scenario, fixed seed) must show the stylized facts
// of DESIGN.md that are safe to assert at that size, and no role may run away with the games.
// The full check is `npm run tournament -- --games 200 --seed 1 --scenario all`.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { seeds } from "../../seeds/index.ts";
import { ROLES, THRESHOLDS, bubbleMeasures, hardVsEasy, runTournament, turnover, type TournamentReport } from "../../shared/src/index.ts";

const SCENARIOS = ["boom-2025", "rate-shock", "soft-landing"];
const GAMES = 30;
const report: TournamentReport = runTournament(seeds, { games: GAMES, seed: 42, scenarios: SCENARIOS });
const fact = (id: string) => {
  const f = report.stylizedFacts.find((x) => x.id === id);
  if (!f) throw new Error(`no fact ${id}`);
  return f;
};

describe("bubble measures (Stöckl, Huber and Kirchler 2010)", () => {
  it("compute RD, RAD and amplitude against the mean fundamental", () => {
    // FV̄ = 10; deviations 0, +5, −2.5 → RD = (0 + 0.5 − 0.25)/3, RAD = (0 + 0.5 + 0.25)/3, amplitude = 0.5 − (−0.25).
    const b = bubbleMeasures([10, 17, 5.5], [10, 12, 8])!;
    expect(b.rd).toBeCloseTo(0.25 / 3, 12);
    expect(b.rad).toBeCloseTo(0.75 / 3, 12);
    expect(b.amplitude).toBeCloseTo(0.75, 12);
    expect(bubbleMeasures([], [])).toBeNull();
    expect(turnover(30, 120)).toBe(0.25);
  });
});

describe("the tournament report", () => {
  it("has the fields the issue asks for", () => {
    expect(report.games).toBe(GAMES);
    expect(report.scenarios).toEqual(SCENARIOS);
    for (const role of ROLES) expect(report.roleWinShare[role]).toBeGreaterThanOrEqual(0);
    // Each share is rounded to four decimals, so the sum is 1 to within 4 × 0.00005.
    expect(Math.abs(ROLES.reduce((a, r) => a + report.roleWinShare[r], 0) - 1)).toBeLessThanOrEqual(0.0002 + 1e-12);
    for (const sc of SCENARIOS) {
      for (const role of ROLES) expect(report.defaultRate[sc][role]).toBeGreaterThanOrEqual(0);
      const b = report.bubble[sc];
      for (const k of ["rd", "rad", "amplitude", "turnover", "hypePeakRound"] as const) expect(Number.isFinite(b[k])).toBe(true);
      expect(b.rad).toBeGreaterThanOrEqual(Math.abs(b.rd));
    }
    expect(report.stylizedFacts.map((f) => f.id)).toEqual(["boom-bust", "levered-default", "chipmaker-leads", "collateral-spiral", "determinism"]);
    for (const f of report.stylizedFacts) {
      expect(typeof f.holds).toBe("boolean");
      expect(f.text.length).toBeGreaterThan(20);
      expect(f.threshold).toMatch(/[≥≤<>]/);
    }
    expect(report.thresholds).toEqual(THRESHOLDS);
  });

  it("is reproducible: the same seed gives the same report", () => {
    const a = runTournament(seeds, { games: 4, seed: 9, scenarios: ["boom-2025"] });
    const b = runTournament(seeds, { games: 4, seed: 9, scenarios: ["boom-2025"] });
    expect(b).toEqual(a);
  });
});

describe("stylized facts (30 games a scenario)", () => {
  it("5. determinism: replayed games come out byte for byte", () => {
    expect(fact("determinism").holds).toBe(true);
  });

  it("1. boom then bust: the hype peaks and falls, the neocloud peaks and halves", () => {
    expect(fact("boom-bust").holds).toBe(true);
  });

  it("2. levered borrowers default far more under rate-shock; fewer defaults under soft-landing", () => {
    expect(fact("levered-default").holds).toBe(true);
  });

  it("3. the chipmaker leads the boom and its circular deals lose in the bust", () => {
    expect(fact("chipmaker-leads").holds).toBe(true);
  });

  it("4. forced sales press the GPU spot and the spiral shows up", () => {
    const f = fact("collateral-spiral");
    // Mechanical: every forced sale lowers the spot. The share of games with a chain is checked at
    // its threshold by the full run; here (60 bust games) that a spiral appears in several of them.
    expect(f.parts[0].value).toBe(1);
    expect(f.parts[1].value!).toBeGreaterThan(0.1);
  });
});

describe("balance (bands safe at 30 games)", () => {
  it("no role runs away with the games overall, and every role wins some", () => {
    for (const role of ROLES) {
      expect(report.roleWinShare[role], role).toBeGreaterThan(0.05);
      expect(report.roleWinShare[role], role).toBeLessThan(0.6);
    }
  });

  it("in every scenario every role wins at least one game and none wins most", () => {
    for (const sc of SCENARIOS) {
      for (const role of ROLES) {
        expect(report.roleWinShareByScenario[sc][role], `${sc} ${role}`).toBeGreaterThan(0);
        expect(report.roleWinShareByScenario[sc][role], `${sc} ${role}`).toBeLessThan(0.6);
      }
    }
  });
});

describe("difficulty", () => {
  it("a hard bot beats an easy bot of the same role and persona (seats swapped, boom-2025 and rate-shock)", () => {
    for (const role of ROLES) {
      const d = hardVsEasy(seeds, { role, games: 1, seed: 8, scenarios: ["boom-2025", "rate-shock"] });
      expect(d.games).toBe(12);
      expect(d.pairs).toBe(6);
      expect(d.meanDiff, role).toBeGreaterThan(0);
      // Counted by seat-swapped pair: a single game also measures Nvidia against AMD, not only hard
      // against easy (the hard chipmaker is ahead in about 62 % of games but nearly every pair).
      expect(d.pairsAhead, role).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("npm run tournament", () => {
  it("prints one JSON object with --json", () => {
    const out = JSON.parse(execFileSync(process.execPath, ["scripts/tournament.ts", "--games", "2", "--seed", "3", "--scenario", "boom-2025", "--json"], { encoding: "utf8", timeout: 60_000 }));
    expect(out).toMatchObject({ games: 2, scenarios: ["boom-2025"], seed: 3 });
    expect(out.seconds).toBeGreaterThan(0);
    expect(Object.keys(out.roleWinShare).sort()).toEqual([...ROLES].sort());
    expect(out.stylizedFacts).toHaveLength(5);
  });

  it("refuses an unknown scenario, naming the known ones", () => {
    expect(() => execFileSync(process.execPath, ["scripts/tournament.ts", "--scenario", "nope"], { encoding: "utf8", stdio: "pipe" })).toThrow(/unknown scenario "nope"; known: .*boom-2025/);
  });
});
