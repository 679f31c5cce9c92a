// Zod schemas of every data file under seeds/: one source of truth for their types.
import { z } from "zod";

export const ROLES = ["chipmaker", "hyperscaler", "neocloud", "lender"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Text = z.object({ en: z.string().min(1), fr: z.string().min(1) }).strict();
export type Text = z.infer<typeof Text>;

export const SOURCE_CODES = ["XTB", "CEO", "XPD", "WYA", "PME"] as const;
export const Source = z
  .object({
    code: z.enum(SOURCE_CODES),
    outlet: z.string().min(1),
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "ISO date: YYYY, YYYY-MM or YYYY-MM-DD"),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** Which companies a card hits: every company of a role, those carrying a profile tag, or one profile. */
export const Target = z
  .object({
    role: Role.optional(),
    tag: z.string().optional(),
    profile: z.string().optional(),
  })
  .strict();
export type Target = z.infer<typeof Target>;

const pct = z.number().min(-0.9).max(3);
export const Effect = z.discriminatedUnion("kind", [
  /** Benchmark rate shock on top of the scenario's policy path, in decimal (0.005 = +50 bp); persists. */
  z.object({ kind: z.literal("rate"), delta: z.number().min(-0.05).max(0.05) }).strict(),
  /** Credit spreads move, decimal; persists. */
  z.object({ kind: z.literal("spread"), ig: z.number().min(-0.03).max(0.05).default(0), hy: z.number().min(-0.05).max(0.1).default(0) }).strict(),
  /** Hype index moves by points. */
  z.object({ kind: z.literal("hype"), delta: z.number().min(-50).max(50) }).strict(),
  /** AI compute demand level jumps by a fraction. */
  z.object({ kind: z.literal("demand"), pct }).strict(),
  /** Quarterly growth rate of AI compute demand changes by delta (0.02 = +2 points per quarter); persists. */
  z.object({ kind: z.literal("demandGrowth"), delta: z.number().min(-0.2).max(0.2) }).strict(),
  /** AI labs' quarterly revenue jumps by a fraction. */
  z.object({ kind: z.literal("labsRevenue"), pct }).strict(),
  /** AI labs raise (or lose) cash, $B. */
  z.object({ kind: z.literal("labsFunding"), amount: z.number().min(-200).max(200) }).strict(),
  /** AI labs announce extra compute commitments, GW (their wanted demand rises, and so does what they owe). */
  z.object({ kind: z.literal("labsCommitments"), gw: z.number().min(-20).max(20) }).strict(),
  /** Construction in progress of the targets is pushed back. */
  z.object({ kind: z.literal("delay"), target: Target, quarters: z.number().int().min(1).max(4) }).strict(),
  /** Energy available for new capacity each quarter changes by a fraction; persists. */
  z.object({ kind: z.literal("energy"), pct }).strict(),
  /** A new chip generation: older lots lose market value (obsolescence factor per generation behind). */
  z.object({ kind: z.literal("generation") }).strict(),
  /** The GPU spot price (collateral value) jumps by a fraction. */
  z.object({ kind: z.literal("gpuSpot"), pct }).strict(),
  /** The targets' share prices react by a fraction (an announcement the market reads). */
  z.object({ kind: z.literal("price"), target: Target, pct }).strict(),
  /** The targets' credibility with investors moves (0..1 scale). */
  z.object({ kind: z.literal("credibility"), target: Target, delta: z.number().min(-1).max(1) }).strict(),
  /** Private-credit market appetite (how much the market lends and how loosely) moves by a fraction; persists. */
  z.object({ kind: z.literal("creditAppetite"), pct }).strict(),
  /** LP money flowing into lenders' funds this quarter, as a fraction of their NAV. */
  z.object({ kind: z.literal("lpFlows"), pct: z.number().min(-0.5).max(0.5) }).strict(),
  /** The premium investors ask to take loan risk in a synthetic risk transfer changes by a fraction; persists. */
  z.object({ kind: z.literal("srtPremium"), pct }).strict(),
]);
export type Effect = z.infer<typeof Effect>;

export const MECHANISMS = [
  "rates",
  "spreads",
  "leverage",
  "collateral",
  "circular-deals",
  "vendor-financing",
  "backstop",
  "customer-concentration",
  "obsolescence",
  "energy",
  "construction",
  "sentiment",
  "private-credit",
  "risk-transfer",
  "demand",
  "equity",
] as const;

export const Card = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: Text,
    text: Text,
    mechanism: z.enum(MECHANISMS),
    effects: z.array(Effect).min(1),
    source: Source,
  })
  .strict();
export type Card = z.infer<typeof Card>;

export const Deck = z.object({ cards: z.array(Card).min(24) }).strict();
export type Deck = z.infer<typeof Deck>;

/** What the market reads from the last quarter: demand filling the capacity and the hype above its threshold, or not. */
export const BOOM_STATES = ["holding", "faltering"] as const;
export type BoomState = (typeof BOOM_STATES)[number];

export const Scenario = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: Text,
    description: Text,
    rounds: z.number().int().min(6).max(16),
    start: z.object({ year: z.number().int(), quarter: z.number().int().min(1).max(4) }).strict(),
    /** Policy rate per round (decimal). Shorter than the game: the last value holds. */
    benchmarkPath: z.array(z.number().min(0).max(0.15)).min(1),
    macro: z
      .object({
        igSpread: z.number().min(0).max(0.1),
        hySpread: z.number().min(0).max(0.2),
        hype: z.number().min(0).max(100),
        /** End-user AI compute demand at the start, as a multiple of the seats' running capacity. */
        demandRatio: z.number().positive().max(3),
        /** Quarterly growth of AI compute demand per round; the last value holds. */
        demandGrowthPath: z.array(z.number().min(-0.3).max(0.5)).min(1),
        energyGw: z.number().positive(),
        gpuSpot: z.number().positive(),
        computePrice: z.number().positive(),
        creditAppetite: z.number().min(0).max(3).default(1),
      })
      .strict(),
    /** How the private-credit and bond funds stand in this market. */
    funds: z
      .object({
        /** Share of each fund's LP capital already lent at the start: the seated neoclouds' GPU-backed loans first, then the seated companies' bonds. */
        invested: z.number().min(0).max(0.9).default(0),
        /** Management fee, a share of NAV a year taken quarterly: what LPs earn is net of it. */
        feeAnnual: z.number().min(0).max(0.05).default(0),
        /**
         * Share of the GPU-backed loans, neocloud bonds and off-balance-sheet vehicles raised from the
         * market that the seated funds take up (private credit is that market), as far as their
         * spare cash and a per-borrower limit allow.
         */
        syndicate: z.number().min(0).max(1).default(0),
      })
      .strict()
      .default({ invested: 0, feeAnnual: 0, syndicate: 0 }),
    /**
     * What nobody knows at the start and the seeded generator draws once per game: how fast the AI
     * labs' revenue will grow (its growth × (1 + labsRevenue × a normal draw)) and a lasting shock to
     * the quarterly growth of compute demand (demandGrowth × a normal draw). Both 0: the path is known.
     */
    uncertainty: z
      .object({ labsRevenue: z.number().min(0).max(2).default(0), demandGrowth: z.number().min(0).max(0.05).default(0) })
      .strict()
      .default({ labsRevenue: 0, demandGrowth: 0 }),
    labs: z.string(),
    /**
     * Cards dealt each round (1-based rounds). An entry with `when` is dealt only if the boom is in
     * that state as the round opens (see `boomState` in engine/news.ts), else its `otherwise` cards
     * (none if absent): the bad news of a bust comes when there is a bust to report.
     */
    schedule: z.array(
      z
        .object({
          round: z.number().int().min(1),
          cards: z.array(z.string()).min(1),
          when: z.enum(BOOM_STATES).optional(),
          otherwise: z.array(z.string()).optional(),
        })
        .strict()
        .refine((s) => s.otherwise === undefined || s.when !== undefined, { message: "`otherwise` needs a `when`", path: ["otherwise"] }),
    ),
    /** Extra cards drawn by the seeded RNG: each round, with probability `chance`, one card of `pool`. */
    random: z.object({ chance: z.number().min(0).max(1), pool: z.array(z.string()) }).strict(),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

const ChipVintage = z
  .object({ genBehind: z.number().int().min(0).max(3), ageQ: z.number().int().min(0).max(15), lots: z.number().int().min(0) })
  .strict();

const DebtSeed = z
  .object({
    kind: z.enum(["bond", "bank", "gpu", "spv"]),
    amount: z.number().positive(),
    /** Spread over benchmark (decimal). Bonds: fixed coupon = benchmark at start + spread. */
    spread: z.number().min(0).max(0.2),
    quartersLeft: z.number().int().min(1).max(160),
    maxLtv: z.number().min(0.1).max(1.5).optional(),
  })
  .strict();

const ContractSeed = z
  .object({
    buyer: z.enum(["labs", "hyperscaler"]),
    gw: z.number().positive(),
    price: z.number().positive(),
    quartersLeft: z.number().int().min(1).max(40),
  })
  .strict();

export const Profile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    role: Role,
    model: z.string().min(1),
    tags: z.array(z.string()),
    blurb: Text,
    cash: z.number().min(0),
    sharesOut: z.number().positive(),
    sharePrice: z.number().positive(),
    credibility: z.number().min(0).max(1),
    depreciationQuarters: z.number().int().min(12).max(16),
    chips: z.array(ChipVintage).default([]),
    dcGw: z.number().min(0).default(0),
    coreRevenue: z.number().min(0).default(0),
    coreMargin: z.number().min(-1).max(1).default(0),
    coreGrowth: z.number().min(-0.2).max(0.2).default(0),
    debts: z.array(DebtSeed).default([]),
    contracts: z.array(ContractSeed).default([]),
    fab: z
      .object({ lotsPerQuarter: z.number().int().positive(), unitCost: z.number().positive(), listPrice: z.number().positive() })
      .strict()
      .optional(),
    fund: z.object({ capital: z.number().positive(), regulated: z.boolean() }).strict().optional(),
    sources: z.array(z.enum(SOURCE_CODES)).min(1),
  })
  .strict();
export type Profile = z.infer<typeof Profile>;

export const Labs = z
  .object({
    id: z.string(),
    name: z.string(),
    cash: z.number().min(0),
    revenue: z.number().min(0),
    revenueGrowth: z.number().min(-0.3).max(0.5),
    costs: z.number().min(0),
    fundraising: z.number().min(0),
    /** The labs' own compute needs as a share of the market's starting capacity. */
    commitmentsShare: z.number().min(0).max(2),
    valuation: z.number().positive(),
    /** The money figures above are for a market of this starting capacity; they scale with it. */
    referenceCapacityGw: z.number().positive(),
    sources: z.array(z.enum(SOURCE_CODES)).min(1),
  })
  .strict();
export type Labs = z.infer<typeof Labs>;

export const ProfilesFile = z.object({ profiles: z.array(Profile).min(1) }).strict();
export const LabsFile = z.object({ labs: z.array(Labs).min(1) }).strict();
