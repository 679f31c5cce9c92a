// The debt index (engine/ledger.ts) must give what a scan of s.debts gives, at every read: with
// the checks on, each read during a round is compared with a fresh scan and a stale entry throws.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, gpuDebt, nav, onBalanceDebt, PARAMS, playTournament } from "../shared/src/index.ts";
import { attachLedger, detachLedger, ledgerChecks } from "../shared/src/engine/ledger.ts";
import { DEFAULT_SEATS, seeds } from "../seeds/index.ts";

describe("debt index", () => {
  beforeAll(() => {
    ledgerChecks.on = true;
  });
  afterAll(() => {
    ledgerChecks.on = false;
  });

  it("matches a scan of the debts at every read of bot games (every scenario)", () => {
    const run = playTournament(seeds, { games: 16, seed: 5, scenarios: Object.keys(seeds.scenarios), replayEvery: 0 }, PARAMS.spotFloor);
    // Games with defaults and margin calls move debts between holders and remove them.
    expect(run.records.some((r) => r.defaults > 0)).toBe(true);
    expect(run.records.some((r) => r.marginCalls > 0)).toBe(true);
  });

  it("catches a change to a debt that bypasses ledger.ts", () => {
    const s = createGame({ ...seeds, scenario: seeds.scenarios["boom-2025"] }, DEFAULT_SEATS.map((profile) => ({ profile })), 1);
    const d = s.debts.find((x) => x.kind === "gpu") ?? s.debts[0];
    attachLedger(s);
    try {
      const before = d.kind === "gpu" ? gpuDebt(s, d.borrower) : onBalanceDebt(s, d.borrower);
      d.principal += 1;
      expect(() => (d.kind === "gpu" ? gpuDebt(s, d.borrower) : onBalanceDebt(s, d.borrower))).toThrow(/stale/);
      expect(before).toBeGreaterThan(0);
    } finally {
      detachLedger(s);
    }
  });

  it("serves only the state being resolved: other states are scanned", () => {
    const s = createGame({ ...seeds, scenario: seeds.scenarios["boom-2025"] }, DEFAULT_SEATS.map((profile) => ({ profile })), 1);
    const fund = s.companies.find((c) => c.fund)!;
    const before = nav(s, fund);
    const held = s.debts.find((d) => d.holder === fund.id)!;
    held.principal += 1;
    expect(nav(s, fund)).not.toBe(before);
  });

  it("is the only engine code that changes the debts (create.ts builds a state before any round)", () => {
    const dir = new URL("../shared/src/engine/", import.meta.url);
    const writes = /\.principal\s*[-+*/]?=(?!=)|\.holder\s*=(?!=)|\bdebts\s*=(?!=)|\bdebts\.(push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin)\(/;
    const offenders: string[] = [];
    for (const f of readdirSync(dir)) {
      if (!f.endsWith(".ts") || f === "ledger.ts" || f === "create.ts") continue;
      readFileSync(new URL(f, dir), "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (writes.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
