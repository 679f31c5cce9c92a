// Validation of the data under seeds/. A bad file fails loudly: the file, the path inside it,
// and what was expected. Cross-references (card ids, labs ids) are checked too.
import { z } from "zod";
import { Deck, LabsFile, ProfilesFile, Scenario, type Card, type Labs, type Profile } from "./schemas/seeds.ts";

export interface Seeds {
  cards: Record<string, Card>;
  deck: Card[];
  profiles: Record<string, Profile>;
  labs: Record<string, Labs>;
  scenarios: Record<string, Scenario>;
}

export interface RawSeeds {
  cards: { file: string; data: unknown };
  profiles: { file: string; data: unknown };
  labs: { file: string; data: unknown };
  scenarios: { file: string; data: unknown }[];
}

export class SeedError extends Error {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`invalid seed file ${file}:\n  ${problems.join("\n  ")}`);
    this.name = "SeedError";
    this.file = file;
    this.problems = problems;
  }
}

function parse<T>(schema: z.ZodType<T>, file: string, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new SeedError(
    file,
    r.error.issues.map((i) => `at ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`),
  );
}

export function loadSeeds(raw: RawSeeds): Seeds {
  const deck = parse(Deck, raw.cards.file, raw.cards.data).cards;
  const cards: Record<string, Card> = {};
  const dupes: string[] = [];
  deck.forEach((c, i) => {
    if (cards[c.id]) dupes.push(`at cards.${i}.id: card id "${c.id}" is used twice`);
    cards[c.id] = c;
  });
  if (dupes.length) throw new SeedError(raw.cards.file, dupes);

  const profiles: Record<string, Profile> = {};
  const plist = parse(ProfilesFile, raw.profiles.file, raw.profiles.data).profiles;
  plist.forEach((p, i) => {
    const problems: string[] = [];
    if (profiles[p.id]) problems.push(`at profiles.${i}.id: profile id "${p.id}" is used twice`);
    if (p.role === "chipmaker" && !p.fab) problems.push(`at profiles.${i}.fab: a chipmaker needs a fab`);
    if (p.role === "lender" && !p.fund) problems.push(`at profiles.${i}.fund: a lender needs a fund`);
    if (p.role !== "chipmaker" && p.fab) problems.push(`at profiles.${i}.fab: only chipmakers have a fab`);
    if (problems.length) throw new SeedError(raw.profiles.file, problems);
    profiles[p.id] = p;
  });

  const labs: Record<string, Labs> = {};
  for (const l of parse(LabsFile, raw.labs.file, raw.labs.data).labs) labs[l.id] = l;

  const scenarios: Record<string, Scenario> = {};
  for (const f of raw.scenarios) {
    const sc = parse(Scenario, f.file, f.data);
    const problems: string[] = [];
    if (!labs[sc.labs]) problems.push(`at labs: unknown labs "${sc.labs}" (known: ${Object.keys(labs).join(", ")})`);
    sc.schedule.forEach((s, i) => {
      if (s.round > sc.rounds) problems.push(`at schedule.${i}.round: round ${s.round} is past the scenario's ${sc.rounds} rounds`);
      s.cards.forEach((id, j) => {
        if (!cards[id]) problems.push(`at schedule.${i}.cards.${j}: unknown card "${id}"`);
      });
      (s.otherwise ?? []).forEach((id, j) => {
        if (!cards[id]) problems.push(`at schedule.${i}.otherwise.${j}: unknown card "${id}"`);
      });
    });
    sc.random.pool.forEach((id, j) => {
      if (!cards[id]) problems.push(`at random.pool.${j}: unknown card "${id}"`);
    });
    if (scenarios[sc.id]) problems.push(`at id: scenario id "${sc.id}" is used twice`);
    if (problems.length) throw new SeedError(f.file, problems);
    scenarios[sc.id] = sc;
  }
  return { cards, deck, profiles, labs, scenarios };
}
