// npm run scenarios -- [--json]: the scenarios, their cards and the company profiles.
import { seeds } from "../seeds/index.ts";
import { flags } from "./args.ts";

const f = flags({ json: { type: "boolean", default: false } });
const scenarios = Object.values(seeds.scenarios).map((sc) => {
  const ids = [...new Set([...sc.schedule.flatMap((s) => [...s.cards, ...(s.otherwise ?? [])]), ...sc.random.pool])];
  return {
    id: sc.id,
    rounds: sc.rounds,
    name: sc.name,
    cards: ids.map((id) => {
      const c = seeds.cards[id];
      return { id, title: c.title, source: { outlet: c.source.outlet, date: c.source.date } };
    }),
  };
});
const companies = Object.values(seeds.profiles).map((p) => ({ id: p.id, role: p.role, name: p.name }));
if (f.json) console.log(JSON.stringify({ scenarios, companies }));
else {
  for (const s of scenarios) {
    console.log(`${s.id} (${s.rounds} rounds): ${s.name.en}`);
    for (const c of s.cards) console.log(`  ${c.id.padEnd(30)} ${c.title.en} — ${c.source.outlet}, ${c.source.date}`);
  }
  console.log(`\ncompanies: ${companies.map((c) => `${c.id} (${c.role})`).join(", ")}`);
}
