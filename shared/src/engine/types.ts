// The game state: plain JSON data only (no classes, no Maps, no undefined), so that it
// round-trips through JSON exactly and hashes the same everywhere.
import type { OrderSheet } from "../schemas/orders.ts";
import type { Role } from "../schemas/seeds.ts";

/** Who can hold cash or a claim: a company id, the AI labs, or the outside market (bond buyers, banks, end users). */
export type Party = string; // company id | "labs" | "market"
export const LABS = "labs";
export const MARKET = "market";

export interface Macro {
  /** Benchmark (policy) rate this quarter, decimal. */
  benchmark: number;
  /** Sum of rate-card shocks on top of the scenario's policy path. */
  rateShock: number;
  /** Spread moves from cards, decimal; they persist under the market's own stress premium. */
  igShock: number;
  hyShock: number;
  igSpread: number;
  hySpread: number;
  /** The bubble thermometer, 0..100. */
  hype: number;
  /** AI compute demand, GW of compute wanted this quarter at the reference price. */
  demandGw: number;
  /** Card shocks to the quarterly demand growth, added to the scenario path. */
  demandGrowthShock: number;
  /** New grid connections available per quarter for construction, GW (before energyFactor). */
  energyGw: number;
  energyFactor: number;
  /** Secondary-market price of a new current-generation lot (100 MW of GPUs), $B: what collateral fetches. */
  gpuSpot: number;
  /** Compute rental price, $B per GW-quarter, and the share of capacity that found a buyer. */
  computePrice: number;
  utilisation: number;
  /** Current chip generation; lots of older generations lose market value. */
  generation: number;
  /** Private-credit market appetite (1 = normal). */
  creditAppetite: number;
  srtPremiumFactor: number;
  /** LP money moved by this quarter's cards, fraction of NAV (reset each round). */
  lpShock: number;
}

/** A vintage of chip lots bought together: one lot = 100 MW of GPUs. */
export interface ChipLot {
  id: number;
  gen: number;
  /** Quarters since purchase. */
  ageQ: number;
  lots: number;
  /** What one lot cost; book value falls straight-line to 0 over the owner's depreciation life. */
  unitCost: number;
}

export interface Fab {
  capLots: number;
  unitCost: number;
  listPrice: number;
  /** Lots of fab capacity arriving at a future round (fab investment takes two quarters). */
  pending: { round: number; lots: number }[];
  book: number;
  vendorPct: number;
  /** Lots ordered at list price last quarter (the order book the market last read). */
  asked: number;
}

export interface Fund {
  units: number;
  startNavPerUnit: number;
  distributedPerUnit: number;
  regulated: boolean;
}

export interface Quarter {
  revenue: number;
  aiRevenue: number;
  coreRevenue: number;
  chipRevenue: number;
  interestIncome: number;
  opex: number;
  depreciation: number;
  interest: number;
  otherGains: number;
  netIncome: number;
  ebitda: number;
  capex: number;
  debtRaised: number;
  equityRaised: number;
  marginCalls: number;
}

export interface Company {
  id: string;
  profile: string;
  name: string;
  role: Role;
  seat: number;
  tags: string[];
  cash: number;
  sharesOut: number;
  price: number;
  startPrice: number;
  /** Cash paid out per share so far (dividends), part of the total return. */
  dividendsPerShare: number;
  credibility: number;
  depQ: number;
  chips: ChipLot[];
  /** Powered data-center capacity, GW, and the book value of the shells on the balance sheet. */
  dcGw: number;
  dcBook: number;
  /** Capacity held through off-balance-sheet vehicles (part of dcGw; its value is not on the balance sheet). */
  spvGw: number;
  /** Construction in progress, $B (paid, not yet powered). */
  cip: number;
  coreRevenue: number;
  coreMargin: number;
  coreGrowth: number;
  fab: Fab | null;
  fund: Fund | null;
  /** Book equity, moved only by booked profit and loss and by share issues, buybacks and dividends. */
  equityBook: number;
  bankrupt: boolean;
  bankruptRound: number;
  last: Quarter;
  prev: Quarter;
  /** This quarter's announcement reactions, fraction of the price, with why. */
  news: { pct: number; why: string }[];
  /** Value of the company's shares per the fundamentals alone (no sentiment), $/share. */
  fundamental: number;
  /** Revenue growth per quarter and quarterly earnings as the market sees them (smoothed). */
  growth: number;
  earnings: number;
  /** Net $B of this company's shares bought (+) or sold (−) by players this quarter. */
  flow: number;
}

export type DebtKind = "bond" | "bank" | "gpu" | "spv";
export interface Debt {
  id: string;
  kind: DebtKind;
  borrower: string;
  holder: Party;
  principal: number;
  /** Floating debts pay benchmark + spread; fixed ones pay `rate`. */
  floating: boolean;
  spread: number;
  rate: number;
  /** Round (1-based) at the end of which the principal is due. */
  maturity: number;
  /** GPU-backed loans: maximum loan ÷ collateral market value. */
  maxLtv: number;
  offBalance: boolean;
  /** Quarters a refinancing runs for. */
  tenor: number;
}

export interface Contract {
  id: string;
  seller: string;
  buyer: Party;
  gw: number;
  price: number;
  /** Last round (1-based) the contract runs. */
  ends: number;
}

export interface Stake {
  holder: string;
  issuer: string; // company id or "labs"
  shares: number;
  /** Value at the last mark, $B (stakes are carried at market value). */
  value: number;
}

export interface Short {
  holder: string;
  target: string;
  shares: number;
  /** Liability at the last mark, $B. */
  value: number;
}

export interface Backstop {
  id: string;
  provider: string;
  protected: string;
  gw: number;
  price: number;
  ends: number;
}

export interface Srt {
  id: string;
  holder: string;
  debt: string;
  fraction: number;
  /** Annual premium rate on the protected notional. */
  premium: number;
}

export interface BuildJob {
  id: string;
  owner: string;
  gw: number;
  cost: number;
  ready: number;
  spv: boolean;
}

export interface LabsState {
  id: string;
  name: string;
  cash: number;
  revenue: number;
  revenueGrowth: number;
  costs: number;
  fundraising: number;
  /** Compute the labs say they will use, GW; part of total demand. */
  commitmentsGw: number;
  /** Valuation of the labs, $B (stakes in the labs are marked against it). */
  valuation: number;
  /** Shares outstanding of the labs, so stakes have a share count. */
  shares: number;
  missedPayments: number;
  distressed: boolean;
}

export interface History {
  benchmark: number[];
  igSpread: number[];
  hySpread: number[];
  hype: number[];
  gpuSpot: number[];
  computePrice: number[];
  utilisation: number[];
  demandGw: number[];
  capacityGw: number[];
  cards: string[][];
  prices: Record<string, number[]>;
  fundamentals: Record<string, number[]>;
  defaults: number;
  marginCalls: number;
  forcedLots: number;
}

export interface GameState {
  schema: 1;
  scenario: string;
  seed: number;
  /** Rounds resolved so far; the next round to play is round + 1. */
  round: number;
  rounds: number;
  finished: boolean;
  rng: number[];
  nextId: number;
  /** This market's size against the reference market of the seeds (labs' money, card GW and $ scale with it). */
  scale: number;
  /** The outside world's cash balance: it starts at 0 and absorbs every flow in or out of the game. */
  marketCash: number;
  macro: Macro;
  labs: LabsState;
  companies: Company[];
  debts: Debt[];
  contracts: Contract[];
  stakes: Stake[];
  shorts: Short[];
  backstops: Backstop[];
  srts: Srt[];
  builds: BuildJob[];
  /** Cards revealed for the next round (the news phase), resolved at its start. */
  news: string[];
  /** The sheets resolved last round, by company: the default sheet repeats them. */
  sheets: Record<string, OrderSheet>;
  history: History;
}
