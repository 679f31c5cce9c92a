// What the tournament's games add up to: who wins by role, who defaults, the bubble measures, the
// stylized facts of ../../../../shared/DESIGN.md with their thresholds, and the balance check.
import { P } from "../engine/params.ts";
import { ROLES, type Role } from "../schemas/seeds.ts";
import type { Seeds } from "../seeds.ts";
import { PERSONAS } from "../bots/personas.ts";
import { playTournament, type GameRecord, type TournamentOptions, type TournamentRun } from "./tournament.ts";

/**
 * The thresholds of the stylized facts and of the balance band. They were written down before any
 * tuning of the model or the bots (issue 5) and must not be loosened to make a fact hold: when a
 * fact fails, fix the model.
 */
export const THRESHOLDS = {
  /** Fact 1 (boom-2025): hype rises ≥ 10 points above its start, peaks before the last round and ends ≥ 25 points below its peak in ≥ 80 % of games; the neocloud peaks (≥ 1.25 × its start price) and then falls to half its peak or less, each in more than half of the neocloud seats. */
  boomBust: { hypeRise: 10, hypeFall: 25, hypeShare: 0.8, neocloudPeak: 1.25, neocloudPeakShare: 0.5, halvedShare: 0.5 },
  /** Fact 2: under rate-shock, levered borrowers (neoclouds, debt-funded hyperscalers) default ≥ 3 × as often as cash-rich hyperscalers (a zero counts as one default), and at least 5 % of them default; under soft-landing the default rate is ≤ 0.75 × boom-2025's. */
  defaults: { leveredOverCashRich: 3, leveredMinRate: 0.05, softOverBoom: 0.75 },
  /** Fact 3 (boom-2025): the chipmakers' mean return from the start to the hype peak is the best of the four roles in ≥ 50 % of games; where they hold circular-deal exposure at the peak (stakes, vendor-financing shares, backstops), it loses money after the peak in ≥ 60 % of those games. */
  chipmaker: { leadShare: 0.5, exposedLossShare: 0.6 },
  /** Fact 4: every forced sale of GPUs lowers the spot (unless it is already at its floor); in boom-2025 and rate-shock, ≥ 25 % of games show a spiral (a forced sale, then a margin call on another borrower at the lower spot, in the same round). */
  spiral: { loweringShare: 1, chainShare: 0.25 },
  /** Fact 5: every replayed game (recorded orders through JSON) gives the same state byte for byte, and a game played twice the same hash. */
  determinism: { identicalShare: 1 },
  /** Balance: with equally skilled bots, every role wins between 10 % and 45 % of the games of each scenario. */
  balance: { min: 0.1, max: 0.45 },
} as const;

export interface Fact {
  id: string;
  holds: boolean;
  /** The headline measure, compared with `threshold`; null when the run lacks the scenario it needs. */
  value: number | null;
  threshold: string;
  text: string;
  /** Every condition the fact checks, with its own measure and threshold. */
  parts: { what: string; value: number | null; threshold: string; holds: boolean }[];
}

type ByRole<T> = Record<Role, T>;
const byRole = <T,>(f: (r: Role) => T): ByRole<T> => Object.fromEntries(ROLES.map((r) => [r, f(r)])) as ByRole<T>;
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

export interface BubbleReport {
  rd: number;
  rad: number;
  amplitude: number;
  turnover: number;
  hypePeakRound: number;
  hypePeakRoundMedian: number;
  hypeStart: number;
  hypePeak: number;
  hypeEnd: number;
  byRole: Partial<ByRole<{ rd: number; rad: number; amplitude: number; turnover: number }>>;
}

export interface TournamentReport {
  games: number;
  seed: number;
  level: string;
  scenarios: string[];
  seats: string;
  roleWinShare: ByRole<number>;
  roleWinShareByScenario: Record<string, ByRole<number>>;
  meanScore: Record<string, ByRole<number>>;
  defaultRate: Record<string, ByRole<number> & { all: number; levered: number; cashRichHyperscaler: number }>;
  bubble: Record<string, BubbleReport>;
  stylizedFacts: Fact[];
  balance: { min: number; max: number; holds: boolean; failures: string[] };
  personas: Record<string, { role: Role; seats: number; wins: number; meanScore: number; defaultRate: number }>;
  thresholds: typeof THRESHOLDS;
  notes: string[];
}

const isLevered = (s: GameRecord["seats"][number]) => s.role === "neocloud" || (s.role === "hyperscaler" && s.tags.includes("debt-funded"));
const isCashRich = (s: GameRecord["seats"][number]) => s.role === "hyperscaler" && !s.tags.includes("debt-funded");

function defaultRates(recs: GameRecord[]) {
  const seats = recs.flatMap((r) => r.seats);
  const rate = (f: (s: GameRecord["seats"][number]) => boolean) => {
    const xs = seats.filter(f);
    return xs.length ? xs.filter((s) => s.bankrupt).length / xs.length : 0;
  };
  return {
    ...byRole((role) => r4(rate((s) => s.role === role))),
    all: r4(rate(() => true)),
    levered: r4(rate(isLevered)),
    cashRichHyperscaler: r4(rate(isCashRich)),
  };
}

function bubbleOf(recs: GameRecord[]): BubbleReport {
  const seats = recs.flatMap((r) => r.seats).filter((s) => s.role !== "lender");
  const agg = (xs: typeof seats) => {
    const b = xs.map((s) => s.bubble).filter((x) => x !== null);
    return { rd: r4(mean(b.map((x) => x.rd))), rad: r4(mean(b.map((x) => x.rad))), amplitude: r4(mean(b.map((x) => x.amplitude))), turnover: r4(mean(xs.map((s) => s.turnover))) };
  };
  const all = agg(seats);
  const roles: Partial<ByRole<ReturnType<typeof agg>>> = {};
  for (const role of ROLES) if (role !== "lender") roles[role] = agg(seats.filter((s) => s.role === role));
  return {
    ...all,
    hypePeakRound: r4(mean(recs.map((r) => r.hypePeakRound))),
    hypePeakRoundMedian: median(recs.map((r) => r.hypePeakRound)),
    hypeStart: r4(mean(recs.map((r) => r.hype[0]))),
    hypePeak: r4(mean(recs.map((r) => r.hype[r.hypePeakRound]))),
    hypeEnd: r4(mean(recs.map((r) => r.hype[r.hype.length - 1]))),
    byRole: roles,
  };
}

function part(what: string, value: number | null, threshold: string, holds: boolean) {
  return { what, value: value === null ? null : r4(value), threshold, holds: value !== null && holds };
}

function fact(id: string, text: string, parts: Fact["parts"]): Fact {
  return { id, holds: parts.every((p) => p.holds), value: parts[0].value, threshold: parts[0].threshold, text, parts };
}

export function stylizedFacts(run: TournamentRun): Fact[] {
  const T = THRESHOLDS;
  const of = (sc: string) => run.records.filter((r) => r.scenario === sc);
  const boom = of("boom-2025");
  const shock = of("rate-shock");
  const soft = of("soft-landing");
  const share = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : null);
  const facts: Fact[] = [];

  // 1. Boom then bust.
  const neo = boom.flatMap((r) => r.seats.filter((s) => s.role === "neocloud"));
  const halved = share(neo.map((s) => s.halvedFromPeak));
  const peaked = share(neo.map((s) => s.peakOverStart >= T.boomBust.neocloudPeak));
  const hypeOk = share(
    boom.map((r) => {
      const peak = r.hype[r.hypePeakRound];
      return peak >= r.hype[0] + T.boomBust.hypeRise && r.hypePeakRound < r.hype.length - 1 && r.hype[r.hype.length - 1] <= peak - T.boomBust.hypeFall;
    }),
  );
  facts.push(
    fact("boom-bust", "Under boom-2025 the hype rises, peaks and falls; the neocloud's share price peaks and then falls by half or more from its peak in most games (CoreWeave: $187 → $75.35).", [
      part("neocloud seats whose price fell to half its peak or less after it", halved, `> ${T.boomBust.halvedShare}`, halved !== null && halved > T.boomBust.halvedShare),
      part(`neocloud seats whose price peaked at ≥ ${T.boomBust.neocloudPeak} × its start`, peaked, `> ${T.boomBust.neocloudPeakShare}`, peaked !== null && peaked > T.boomBust.neocloudPeakShare),
      part(`games where the hype rose ≥ ${T.boomBust.hypeRise} points, peaked before the end and ended ≥ ${T.boomBust.hypeFall} points below its peak`, hypeOk, `≥ ${T.boomBust.hypeShare}`, hypeOk !== null && hypeOk >= T.boomBust.hypeShare),
    ]),
  );

  // 2. Defaults: levered borrowers under rate-shock; soft-landing against boom-2025.
  const shockSeats = shock.flatMap((r) => r.seats);
  const lev = shockSeats.filter(isLevered);
  const rich = shockSeats.filter(isCashRich);
  const levRate = lev.length ? lev.filter((s) => s.bankrupt).length / lev.length : null;
  const richDefaults = rich.filter((s) => s.bankrupt).length;
  const richRate = rich.length ? Math.max(richDefaults, 1) / rich.length : null;
  const ratio = levRate !== null && richRate !== null ? levRate / richRate : null;
  const rate = (recs: GameRecord[]) => {
    const xs = recs.flatMap((r) => r.seats);
    return xs.length ? xs.filter((s) => s.bankrupt).length / xs.length : null;
  };
  const softRate = rate(soft);
  const boomRate = rate(boom);
  const softOverBoom = softRate !== null && boomRate !== null && boomRate > 0 ? softRate / boomRate : null;
  facts.push(
    fact("levered-default", "Under rate-shock, levered borrowers default several times more often than cash-rich hyperscalers; under the rate-cut scenario (soft-landing), fewer companies default than under boom-2025.", [
      part("rate-shock: levered borrowers' default rate ÷ cash-rich hyperscalers' (a zero counts as one default)", ratio, `≥ ${T.defaults.leveredOverCashRich}`, ratio !== null && ratio >= T.defaults.leveredOverCashRich),
      part("rate-shock: levered borrowers' default rate", levRate, `≥ ${T.defaults.leveredMinRate}`, levRate !== null && levRate >= T.defaults.leveredMinRate),
      part("soft-landing default rate ÷ boom-2025 default rate", softOverBoom, `≤ ${T.defaults.softOverBoom}`, softOverBoom !== null && softOverBoom <= T.defaults.softOverBoom),
    ]),
  );

  // 3. The chipmaker leads the boom; vendor financing exposes it in the bust.
  const leads = share(
    boom.map((r) => {
      const m = byRole((role) => mean(r.seats.filter((s) => s.role === role).map((s) => s.returnAtHypePeak)));
      return ROLES.every((role) => role === "chipmaker" || m.chipmaker > m[role]);
    }),
  );
  const exposed = boom.filter((r) => r.chipmakerExposed);
  const lost = share(exposed.map((r) => r.chipmakerCircularLossAfterPeak > 0));
  facts.push(
    fact("chipmaker-leads", "The chipmaker leads the boom's returns; vendor financing (stakes and shares taken for chips, backstops) exposes it in the bust.", [
      part("boom-2025 games where the chipmakers' return to the hype peak is the best of the four roles", leads, `≥ ${T.chipmaker.leadShare}`, leads !== null && leads >= T.chipmaker.leadShare),
      part(`boom-2025 games with circular exposure at the peak (${exposed.length}) where it lost money after the peak`, lost, `≥ ${T.chipmaker.exposedLossShare}`, lost !== null && lost >= T.chipmaker.exposedLossShare),
    ]),
  );

  // 4. The collateral spiral.
  const all = run.records;
  const sales = all.reduce((a, r) => a + r.forcedSales, 0);
  const lowering = sales > 0 ? all.reduce((a, r) => a + r.forcedSalesLowering, 0) / sales : null;
  const busts = [...boom, ...shock];
  const chain = share(busts.map((r) => r.spiralChains > 0));
  facts.push(
    fact("collateral-spiral", "Forced GPU sales move the GPU spot price down and cause further margin calls (the spiral is visible in the log).", [
      part(`forced sales of GPU lots (${sales}) that lowered the spot price (or found it at its floor)`, lowering, `≥ ${T.spiral.loweringShare}`, lowering !== null && lowering >= T.spiral.loweringShare),
      part("boom-2025 and rate-shock games where a forced sale was followed, at the lower spot, by a margin call on another borrower", chain, `≥ ${T.spiral.chainShare}`, chain !== null && chain >= T.spiral.chainShare),
    ]),
  );

  // 5. Determinism.
  const replays = all.filter((r) => r.replayIdentical !== null);
  const same = share([...replays.map((r) => r.replayIdentical === true), ...run.rerunIdentical]);
  facts.push(
    fact("determinism", "Same seed, same orders → the same game, byte for byte.", [
      part(`games replayed from their orders (${replays.length}) or played twice (${run.rerunIdentical.length}) that came out identical`, same, `≥ ${T.determinism.identicalShare}`, same !== null && same >= T.determinism.identicalShare),
    ]),
  );
  return facts;
}

export function buildReport(run: TournamentRun): TournamentReport {
  const o = run.options;
  const recs = run.records;
  const winShare = (xs: GameRecord[]) => byRole((role) => r4(xs.length ? xs.filter((r) => r.winner.role === role).length / xs.length : 0));
  const byScenario = <T,>(f: (xs: GameRecord[]) => T): Record<string, T> => Object.fromEntries(o.scenarios.map((sc) => [sc, f(recs.filter((r) => r.scenario === sc))]));
  const roleWinShareByScenario = byScenario(winShare);
  const failures: string[] = [];
  for (const sc of o.scenarios)
    for (const role of ROLES) {
      const v = roleWinShareByScenario[sc][role];
      if (v < THRESHOLDS.balance.min || v > THRESHOLDS.balance.max) failures.push(`${sc}: ${role} wins ${(v * 100).toFixed(1)} %`);
    }
  const personas: TournamentReport["personas"] = {};
  for (const p of PERSONAS) {
    const seats = recs.flatMap((r) => r.seats.filter((s) => s.persona === p.id).map((s) => ({ s, won: r.winner.id === s.id })));
    personas[p.id] = {
      role: p.role,
      seats: seats.length,
      wins: seats.filter((x) => x.won).length,
      meanScore: r4(mean(seats.map((x) => x.s.score))),
      defaultRate: r4(seats.length ? seats.filter((x) => x.s.bankrupt).length / seats.length : 0),
    };
  }
  return {
    games: o.games,
    seed: o.seed,
    level: o.level,
    scenarios: o.scenarios,
    seats: "8 seats, 2 per role: Nvidia and AMD, two of the five hyperscalers, two of the three neoclouds, two of the four lenders, drawn per game with a persona each, in shuffled seat order; the same draw in every scenario",
    roleWinShare: winShare(recs),
    roleWinShareByScenario,
    meanScore: byScenario((xs) => byRole((role) => r4(mean(xs.flatMap((r) => r.seats.filter((s) => s.role === role).map((s) => s.score)))))),
    defaultRate: byScenario(defaultRates),
    bubble: byScenario(bubbleOf),
    stylizedFacts: stylizedFacts(run),
    balance: { min: THRESHOLDS.balance.min, max: THRESHOLDS.balance.max, holds: failures.length === 0, failures },
    personas,
    thresholds: THRESHOLDS,
    notes: [
      "Winner: the company with the best total return (share price plus dividends, or NAV plus distributions, on the start; bankrupt = -100 %); ties go to the earlier seat.",
      "Bubble measures (Stöckl, Huber and Kirchler 2010) per listed company (lenders trade at NAV and are left out), over the rounds it was alive, then averaged: P_t is the share price after round t, FV_t the model's fundamental value per share (earnings or asset value, without sentiment) from state.history.",
      "Turnover: shares traded over the game (issues, vendor-financing shares, stakes bought, buybacks, shorts opened and covered) over the average shares outstanding; the outside market's own trading is not modelled.",
    ],
  };
}

export function runTournament(seeds: Seeds, opts: TournamentOptions): TournamentReport {
  return buildReport(playTournament(seeds, opts, P.spotFloor));
}

const pc = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)} %`);
const f2 = (x: number | null) => (x === null ? "n/a" : x.toFixed(2));

/** The report as text, for people. */
export function formatReport(r: TournamentReport & { seconds?: number }): string {
  const L: string[] = [];
  const pad = (s: string, n: number) => s.padEnd(n);
  L.push(`Boom Loop tournament: ${r.games} games per scenario × ${r.scenarios.length} scenario(s), seed ${r.seed}, ${r.level} bots${r.seconds !== undefined ? `, ${r.seconds.toFixed(1)} s` : ""}`);
  L.push(`Seats: ${r.seats}.`);
  L.push("");
  L.push("Who wins (share of games won by a company of each role; balance band " + `${r.balance.min * 100}–${r.balance.max * 100} %)`);
  L.push(`  ${pad("scenario", 14)}${ROLES.map((x) => pad(x, 13)).join("")}`);
  for (const sc of r.scenarios) L.push(`  ${pad(sc, 14)}${ROLES.map((x) => pad(pc(r.roleWinShareByScenario[sc][x]), 13)).join("")}`);
  L.push(`  ${pad("all", 14)}${ROLES.map((x) => pad(pc(r.roleWinShare[x]), 13)).join("")}`);
  L.push(`  balance: ${r.balance.holds ? "holds" : "FAILS: " + r.balance.failures.join("; ")}`);
  L.push("");
  L.push("Mean total return by role");
  for (const sc of r.scenarios) L.push(`  ${pad(sc, 14)}${ROLES.map((x) => pad(pc(r.meanScore[sc][x]), 13)).join("")}`);
  L.push("");
  L.push("Default rate (share of company-games ending bankrupt)");
  L.push(`  ${pad("scenario", 14)}${[...ROLES, "levered", "cash-rich hyp.", "all"].map((x) => pad(x, 13)).join("")}`);
  for (const sc of r.scenarios) {
    const d = r.defaultRate[sc];
    L.push(`  ${pad(sc, 14)}${[...ROLES.map((x) => d[x]), d.levered, d.cashRichHyperscaler, d.all].map((x) => pad(pc(x), 13)).join("")}`);
  }
  L.push("");
  L.push("Bubble measures (Stöckl-Huber-Kirchler 2010; share prices against fundamental value)");
  L.push(`  ${pad("scenario", 14)}${["RD", "RAD", "amplitude", "turnover", "hype peak rd", "hype start→peak→end"].map((x) => pad(x, 13)).join("")}`);
  for (const sc of r.scenarios) {
    const b = r.bubble[sc];
    L.push(`  ${pad(sc, 14)}${[f2(b.rd), f2(b.rad), f2(b.amplitude), f2(b.turnover), `${b.hypePeakRound.toFixed(1)} (med ${b.hypePeakRoundMedian})`].map((x) => pad(x, 13)).join("")}${b.hypeStart.toFixed(0)} → ${b.hypePeak.toFixed(0)} → ${b.hypeEnd.toFixed(0)}`);
    L.push(`  ${pad("", 14)}by role: ${(["chipmaker", "hyperscaler", "neocloud"] as const).map((x) => `${x} RD ${f2(b.byRole[x]?.rd ?? null)} RAD ${f2(b.byRole[x]?.rad ?? null)}`).join("; ")}`);
  }
  L.push("");
  L.push("Stylized facts (thresholds fixed before tuning)");
  for (const f of r.stylizedFacts) {
    L.push(`  [${f.holds ? "holds" : "FAILS"}] ${f.id}: ${f.text}`);
    for (const p of f.parts) L.push(`      ${p.holds ? "ok  " : "FAIL"} ${p.what}: ${p.value === null ? "n/a" : p.value.toFixed(3)} (threshold ${p.threshold})`);
  }
  L.push("");
  L.push("Personas (all scenarios)");
  for (const [id, p] of Object.entries(r.personas)) {
    if (p.seats === 0) continue;
    L.push(`  ${pad(id, 24)}${pad(p.role, 13)}seats ${String(p.seats).padStart(5)}  wins ${pc(p.seats ? p.wins / p.seats : 0).padStart(7)} of its seats  mean return ${pc(p.meanScore).padStart(8)}  defaults ${pc(p.defaultRate)}`);
  }
  L.push("");
  for (const n of r.notes) L.push(`Note: ${n}`);
  return L.join("\n");
}
