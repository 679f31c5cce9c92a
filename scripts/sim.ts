// npm run sim -- --scenario <id> --seed <n> [--rounds n] [--seats a,b,...] [--lang en|fr] [--json]
// Plays a whole game with the baseline bots and prints the story, or one JSON object.
import { describe, playGame, ranking, scores, stateHash, type Lang } from "../shared/src/index.ts";
import { DEFAULT_SCENARIO, STORY_SEATS, seeds } from "../seeds/index.ts";
import { flags, intFlag } from "./args.ts";

const f = flags({
  scenario: { type: "string", default: DEFAULT_SCENARIO },
  seed: { type: "string", default: "1" },
  rounds: { type: "string" },
  seats: { type: "string" },
  lang: { type: "string", default: "en" },
  json: { type: "boolean", default: false },
});
const scenario = seeds.scenarios[f.scenario as string];
if (!scenario) {
  console.error(`unknown scenario "${f.scenario}"; known: ${Object.keys(seeds.scenarios).join(", ")}`);
  process.exit(2);
}
const seed = intFlag(f.seed, "seed", 1);
const seats = ((f.seats as string | undefined)?.split(",") ?? STORY_SEATS).map((profile) => ({ profile }));
for (const s of seats) {
  if (!seeds.profiles[s.profile]) {
    console.error(`unknown profile "${s.profile}"; known: ${Object.keys(seeds.profiles).join(", ")}`);
    process.exit(2);
  }
}
const lang = (f.lang === "fr" ? "fr" : "en") as Lang;
const setup = { ...seeds, scenario };
const rounds = f.rounds === undefined ? undefined : intFlag(f.rounds, "rounds", scenario.rounds);
const game = playGame(setup, seats, seed, rounds === undefined ? {} : { rounds });
const s = game.state;
const h = s.history;

if (f.json) {
  const count = (t: string) => game.events.filter((e) => e.type === t).length;
  console.log(
    JSON.stringify({
      scenario: scenario.id,
      seed,
      rounds: s.rounds,
      stateHash: stateHash(s),
      companies: scores(s).map((c) => ({ id: c.id, role: c.role, score: c.score, bankrupt: c.bankrupt, startPrice: c.startPrice, endPrice: c.endPrice })),
      macro: {
        benchmark: h.benchmark,
        hype: h.hype,
        gpuSpot: h.gpuSpot,
        computePrice: h.computePrice,
        utilisation: h.utilisation,
        demandGw: h.demandGw,
        capacityGw: h.capacityGw,
      },
      prices: h.prices,
      defaults: h.defaults,
      marginCalls: h.marginCalls,
      forcedLots: h.forcedLots,
      labsMissedPayments: s.labs.missedPayments,
      events: { vendorFinancing: count("vendor_financing"), backstopsPaid: count("backstop_paid"), labContracts: count("lab_contract"), refinanced: count("refinanced") },
    }),
  );
} else {
  const names = Object.fromEntries(s.companies.map((c) => [c.id, c.name]));
  const quarter = (r: number) => {
    const q = scenario.start.quarter - 1 + (r - 1);
    return `${scenario.start.year + Math.floor(q / 4)} Q${(q % 4) + 1}`;
  };
  for (let r = 1; r <= s.rounds; r++) {
    console.log(`\n=== ${lang === "en" ? "Round" : "Tour"} ${r} — ${quarter(r)} ===`);
    console.log(
      `rate ${(h.benchmark[r] * 100).toFixed(2)} %  hype ${h.hype[r].toFixed(0)}  GPU spot ${h.gpuSpot[r].toFixed(2)}  compute ${h.computePrice[r].toFixed(2)} @ ${(h.utilisation[r] * 100).toFixed(0)} %  demand ${h.demandGw[r].toFixed(1)} GW / capacity ${h.capacityGw[r].toFixed(1)} GW`,
    );
    for (const e of game.events.filter((x) => x.round === r)) {
      const line = describe(e, lang, names, seeds.cards);
      if (line && e.type !== "compute_cleared") console.log(`  ${line}`);
    }
    console.log("  " + s.companies.map((c) => `${c.name} ${h.prices[c.id][r].toFixed(2)}`).join(" | "));
  }
  console.log(`\n${lang === "en" ? "Final ranking" : "Classement final"}:`);
  for (const c of ranking(s)) console.log(`  ${c.name.padEnd(14)} ${c.role.padEnd(12)} ${c.bankrupt ? "BANKRUPT" : `${(c.score * 100).toFixed(1)} %`}`);
  console.log(`defaults ${h.defaults}, margin calls ${h.marginCalls}, state hash ${stateHash(s)}`);
}
