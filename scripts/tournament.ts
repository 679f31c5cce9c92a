// npm run tournament -- --games <n> --seed <s> [--scenario <id>|all] [--level easy|normal|hard] [--json]
// npm run tournament -- --duel [--games <n>] [--seed <s>] [--scenario <id>|all] [--json]
// Plays n games per scenario with mixed bot personas (seeded, reproducible) and prints the report:
// who wins by role, default rates, bubble measures, the stylized facts of DESIGN.md, the balance.
// --duel instead pits a hard bot against an easy bot of the same role and persona (seats swapped).
import { formatReport, hardVsEasy, LEVELS, ROLES, runTournament, type Level } from "../shared/src/index.ts";
import { seeds } from "../seeds/index.ts";
import { flags, intFlag } from "./args.ts";

const f = flags({
  games: { type: "string" },
  seed: { type: "string", default: "1" },
  scenario: { type: "string", default: "all" },
  level: { type: "string", default: "normal" },
  duel: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
});
const games = intFlag(f.games, "games", f.duel ? 2 : 200);
if (games < 1) {
  console.error("--games must be at least 1");
  process.exit(2);
}
const seed = intFlag(f.seed, "seed", 1);
const known = Object.keys(seeds.scenarios);
const scenarios = f.scenario === "all" ? known : [f.scenario as string];
for (const s of scenarios) {
  if (!seeds.scenarios[s]) {
    console.error(`unknown scenario "${s}"; known: ${known.join(", ")}, or all`);
    process.exit(2);
  }
}
const level = f.level as Level;
if (!LEVELS.includes(level)) {
  console.error(`unknown level "${f.level}"; known: ${LEVELS.join(", ")}`);
  process.exit(2);
}
const t0 = performance.now();
const elapsed = () => Math.round((performance.now() - t0) / 10) / 100;
if (f.duel) {
  const duels = ROLES.map((role) => hardVsEasy(seeds, { role, games, seed, scenarios }));
  const seconds = elapsed();
  if (f.json) console.log(JSON.stringify({ duels, scenarios, seed, seconds }));
  else {
    console.log(`Hard against easy, same role and persona, seats swapped: ${games} game(s) per persona and scenario × 2 (${scenarios.join(", ")}), ${seconds} s`);
    for (const d of duels) console.log(`  ${d.role.padEnd(12)} hard ahead in ${d.pairsAhead} of ${d.pairs} seat-swapped pairs, ${d.hardAhead} of ${d.games} games; mean score gap ${(d.meanDiff * 100).toFixed(1)} points`);
  }
} else {
  const report = runTournament(seeds, { games, seed, scenarios, level });
  const seconds = elapsed();
  if (f.json) console.log(JSON.stringify({ ...report, seconds }));
  else console.log(formatReport({ ...report, seconds }));
}
