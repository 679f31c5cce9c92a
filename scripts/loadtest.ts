// npm run loadtest -- --classroom --students 60 [--url http://localhost:2567] [--rounds 6] [--json]
// Runs a whole class session over real WebSockets against a running server: every student joins
// by code, is placed in a market, and submits a sheet every quarter until every market ends.
import { runClass } from "./classroom-sim.ts";
import { flags, intFlag } from "./args.ts";

const f = flags({
  classroom: { type: "boolean", default: false },
  students: { type: "string", default: "60" },
  url: { type: "string", default: "http://localhost:2567" },
  rounds: { type: "string", default: "6" },
  json: { type: "boolean", default: false },
});
if (!f.classroom) {
  console.error("say --classroom (the only load test so far: a class session)");
  process.exit(2);
}
const students = intFlag(f.students, "students", 60);
const rounds = intFlag(f.rounds, "rounds", 6);
try {
  const r = await runClass(f.url as string, students, { rounds, decideSeconds: 30, newsSeconds: 0, reportSeconds: 0, seed: 1 });
  if (f.json) console.log(JSON.stringify(r));
  else {
    console.log(`${r.joined} students joined, ${r.markets} markets, ${r.finishedMarkets} finished after ${r.roundsCompleted} quarters (${r.seconds} s)`);
    console.log(`submitSheet round trips: p50 ${r.p50AckMs} ms, p99 ${r.p99AckMs} ms over ${r.submissions}; ${r.errors} errors`);
  }
  process.exit(r.finishedMarkets === r.markets && r.joined === students ? 0 : 1);
} catch (e) {
  console.error(`loadtest failed: ${(e as Error).message}`);
  process.exit(1);
}
