// The bots' personalities: three or more per role, each a set of knobs the role's policy reads,
// with a name and a one-line description in English and French for the lobby and the solo mode.
import type { Role, Text } from "../schemas/seeds.ts";

export const LEVELS = ["easy", "normal", "hard"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_TEXT: Record<Level, { name: Text; description: Text }> = {
  easy: {
    name: { en: "Easy", fr: "Facile" },
    description: {
      en: "Follows the crowd: reads the hype, not the cycle; keeps borrowing and building into the bust.",
      fr: "Suit la foule : lit l'euphorie, pas le cycle ; continue d'emprunter et de construire dans le krach.",
    },
  },
  normal: {
    name: { en: "Normal", fr: "Normal" },
    description: {
      en: "Plays its persona with care: watches utilisation, prices, covenants and the hype's direction.",
      fr: "Joue son personnage avec soin : surveille l'utilisation, les prix, les covenants et le sens de l'euphorie.",
    },
  },
  hard: {
    name: { en: "Hard", fr: "Difficile" },
    description: {
      en: "Looks ahead: plays a few candidate plans forward with the rules over the next quarters and keeps the best.",
      fr: "Anticipe : joue quelques plans candidats sur les trimestres suivants avec les règles du jeu et garde le meilleur.",
    },
  },
};

export interface ChipmakerKnobs {
  /** Price rise when orders exceed the fab, and cut when they fall below 60 % of it (fractions). */
  priceUp: number;
  priceDown: number;
  /** Lowest list price as a multiple of the unit cost. */
  minMarkup: number;
  /** Share of what a lot earns its buyer (over 16 quarters at the expected rent) the list price aims at. */
  valueShare: number;
  /** Highest list price as a multiple of the unit cost (what the buyers' own chips and rivals allow). */
  maxMarkup: number;
  /** Fab investment when rationing, fraction of cash (capped at the schema's 50). */
  fabInvest: number;
  /** Share of the price buyers may pay in their own shares, in a boom and otherwise. */
  vendorBoom: number;
  vendorBust: number;
  /** GW of capacity promised to each neocloud in a boom (0: no backstops). */
  backstopGw: number;
  /** $B of each neocloud's shares bought in a boom, and $B into the AI labs. */
  stakeAmount: number;
  labInvest: number;
  /** Share of cash above the reserve paid out each quarter as dividends, and as buybacks when cheap. */
  payout: number;
  buyback: number;
}

export interface HyperscalerKnobs {
  /** Chips added per quarter when expanding, fraction of the chips it runs. */
  growth: number;
  /** Expand only above this utilisation and this compute price (× the reference price). */
  minUtil: number;
  minPrice: number;
  /** Stop expanding when the hype fell by more than this many points in the last quarter. */
  hypeStop: number;
  /** How it pays: cash only, or bonds too, and whether builds go off balance sheet. */
  borrow: boolean;
  spv: boolean;
  /** Borrows against its GPUs too (secured, with an LTV covenant) before issuing bonds. */
  gpuLoans: boolean;
  /** Cash kept aside, quarters of core revenue. */
  reserve: number;
  /** GW asked of the AI labs on take-or-pay in a boom. */
  labGw: number;
  /** Buyback and dividend out of excess cash when not expanding (fractions of the excess). */
  buyback: number;
  dividend: number;
  /** Capex plans carry over: weight of last quarter's chip order in this quarter's. */
  inertia: number;
  /** Buy only while a new lot pays for itself within this many quarters at today's rents. */
  payback: number;
}

export interface NeocloudKnobs {
  growth: number;
  /** Share of the GPU-loan limit the market offers that it takes. */
  gpuBorrow: number;
  /** Highest LTV it is willing to run at before it stops borrowing and pays down. */
  maxLtv: number;
  /** Quarters of its GPU-backed loans (they amortise over them). */
  gpuQuarters: number;
  /** Expand only when contracts cover at least this share of its capacity. */
  contractCover: number;
  /** Pay part of chips in shares when the chipmaker allows it. */
  vendor: boolean;
  /** Share of the bond market's limit it takes to fund growth (0: no bonds). */
  bonds: number;
  /** Issue shares to fund growth when the price is at least this multiple of the start (0: never). */
  issueFloor: number;
  /** Sell shares at the top: above this multiple of the start price, this share of the market value a quarter (0: never). */
  issueAbove: number;
  issueShare: number;
  /** Cash buffer, $B. */
  buffer: number;
  labGw: number;
  /** GW offered to each hyperscaler on take-or-pay in a boom, as a share of its unsold capacity (0: none). */
  sellToHyperscalers: number;
  /** Hype level below which it stops growing, and the share of its spare cash it then puts into paying down GPU debt. */
  retreatHype: number;
  deleverage: number;
  inertia: number;
  payback: number;
}

export interface LenderKnobs {
  /** Share of free cash lent against GPUs to neoclouds, and the covenant offered. */
  gpuShare: number;
  gpuLtv: number;
  /** Extra spread asked over the market's high-yield spread on GPU loans, and their quarters. */
  gpuSpread: number;
  gpuQuarters: number;
  /** Share of free cash lent to investment-grade hyperscalers (bank loans) and bonds bought. */
  bankShare: number;
  bondShare: number;
  /** Lend only while the hype is below this level (cautious lenders pull back in froth). */
  maxHype: number;
  /** Sell this fraction of each GPU loan's risk (SRT), 0: none. */
  srt: number;
  /** Short the AI names above this hype, this share of NAV; cover below coverHype. */
  shortHype: number;
  shortShare: number;
  coverHype: number;
  /** LP money raised in a boom, share of NAV. */
  lpRaise: number;
  /** Bank facility drawn while it lends (back-leverage), share of NAV, spent on bonds; repaid when it stops lending. */
  leverage: number;
  /** Buys the neoclouds' high-yield bonds too, not only the investment-grade hyperscalers'. */
  junkBonds: boolean;
  /** Most it holds of one issuer's debt, share of NAV (the funds' syndicate limit is P.fundMaxExposure). */
  issuerCap: number;
}

export type Knobs =
  | { role: "chipmaker"; k: ChipmakerKnobs }
  | { role: "hyperscaler"; k: HyperscalerKnobs }
  | { role: "neocloud"; k: NeocloudKnobs }
  | { role: "lender"; k: LenderKnobs };

export interface Persona {
  id: string;
  role: Role;
  name: Text;
  description: Text;
  knobs: Knobs;
}

const chip = (id: string, name: Text, description: Text, k: ChipmakerKnobs): Persona => ({ id, role: "chipmaker", name, description, knobs: { role: "chipmaker", k } });
const hyper = (id: string, name: Text, description: Text, k: HyperscalerKnobs): Persona => ({ id, role: "hyperscaler", name, description, knobs: { role: "hyperscaler", k } });
const neo = (id: string, name: Text, description: Text, k: NeocloudKnobs): Persona => ({ id, role: "neocloud", name, description, knobs: { role: "neocloud", k } });
const lend = (id: string, name: Text, description: Text, k: LenderKnobs): Persona => ({ id, role: "lender", name, description, knobs: { role: "lender", k } });

export const PERSONAS: readonly Persona[] = [
  chip(
    "volume-seller",
    { en: "Volume seller", fr: "Vendeur de volume" },
    {
      en: "Prices to sell every lot, cuts fast when orders thin, and expands its fabs; little vendor financing.",
      fr: "Fixe ses prix pour écouler chaque lot, baisse vite quand les commandes faiblissent et agrandit ses usines ; peu de financement fournisseur.",
    },
    { priceUp: 0.08, priceDown: 0.08, minMarkup: 1.5, valueShare: 0.55, maxMarkup: 3.5, fabInvest: 0.25, vendorBoom: 0.1, vendorBust: 0.05, backstopGw: 0, stakeAmount: 0, labInvest: 0, payout: 0.05, buyback: 0.1 },
  ),
  chip(
    "vendor-financier",
    { en: "Vendor financier", fr: "Financeur de ses clients" },
    {
      en: "Lends its balance sheet to its customers: chips paid in shares, backstops, stakes in neoclouds and money for the AI labs (Nvidia in 2025).",
      fr: "Prête son bilan à ses clients : puces payées en actions, garanties de capacité, participations dans les néoclouds et argent pour les labos d'IA (Nvidia en 2025).",
    },
    { priceUp: 0.12, priceDown: 0.05, minMarkup: 1.8, valueShare: 0.65, maxMarkup: 4, fabInvest: 0.15, vendorBoom: 0.3, vendorBust: 0.15, backstopGw: 0.2, stakeAmount: 1, labInvest: 5, payout: 0.03, buyback: 0 },
  ),
  chip(
    "price-maximiser",
    { en: "Price maximiser", fr: "Maximiseur de prix" },
    {
      en: "Prices at most of what a lot earns its buyer, raises it whenever buyers are rationed, never finances a customer, and pays the cash out.",
      fr: "Fixe son prix au plus près de ce qu'un lot rapporte à l'acheteur, le monte dès que les acheteurs sont rationnés, ne finance jamais un client et distribue le cash.",
    },
    { priceUp: 0.2, priceDown: 0.03, minMarkup: 2.2, valueShare: 0.8, maxMarkup: 5, fabInvest: 0.05, vendorBoom: 0, vendorBust: 0, backstopGw: 0, stakeAmount: 0, labInvest: 0, payout: 0.4, buyback: 0.2 },
  ),
  hyper(
    "cash-builder",
    { en: "Cash-funded builder", fr: "Bâtisseur autofinancé" },
    {
      en: "Builds steadily out of operating cash flow and never borrows for it; buys back shares when capacity is slack (Microsoft-like).",
      fr: "Construit régulièrement sur ses flux de trésorerie sans emprunter ; rachète ses actions quand la capacité est en excès (à la Microsoft).",
    },
    { growth: 0.15, minUtil: 0.85, minPrice: 0.75, hypeStop: 12, borrow: false, spv: false, gpuLoans: false, reserve: 0.3, labGw: 0.2, buyback: 0.3, dividend: 0.05, inertia: 0.5, payback: 20 },
  ),
  hyper(
    "debt-racer",
    { en: "Debt-funded racer", fr: "Coureur à crédit" },
    {
      en: "Races for capacity on GPU-backed loans, bonds and off-balance-sheet vehicles and signs big contracts with the AI labs (Meta, Oracle).",
      fr: "Court après la capacité avec des prêts gagés sur ses GPU, des obligations et des véhicules hors bilan, et signe de gros contrats avec les labos d'IA (Meta, Oracle).",
    },
    { growth: 0.25, minUtil: 0.8, minPrice: 0.7, hypeStop: 25, borrow: true, spv: true, gpuLoans: true, reserve: 0.15, labGw: 0.4, buyback: 0.1, dividend: 0, inertia: 0.6, payback: 24 },
  ),
  hyper(
    "disciplined-monetiser",
    { en: "Disciplined monetiser", fr: "Monétiseur discipliné" },
    {
      en: "Adds capacity only while compute sells dear and the hype is not turning; returns the rest (Alphabet-like).",
      fr: "N'ajoute de la capacité que tant que le calcul se vend cher et que l'euphorie ne tourne pas ; rend le reste (à la Alphabet).",
    },
    { growth: 0.12, minUtil: 0.95, minPrice: 1.0, hypeStop: 5, borrow: false, spv: false, gpuLoans: false, reserve: 0.4, labGw: 0.2, buyback: 0.4, dividend: 0.1, inertia: 0.2, payback: 17 },
  ),
  neo(
    "land-grab",
    { en: "Land-grab borrower", fr: "Conquérant à crédit" },
    {
      en: "Borrows against every GPU to buy the next ones, pays in shares where it can, and sells stock at the top (CoreWeave).",
      fr: "Emprunte sur chaque GPU pour acheter les suivants, paie en actions quand il le peut et vend des actions au sommet (CoreWeave).",
    },
    { growth: 0.35, gpuBorrow: 1, maxLtv: 0.8, gpuQuarters: 16, contractCover: 0, vendor: true, bonds: 0.7, issueFloor: 1, issueAbove: 2, issueShare: 0.1, buffer: 0.3, labGw: 0.3, sellToHyperscalers: 0, retreatHype: 30, deleverage: 0, inertia: 0.5, payback: 24 },
  ),
  neo(
    "contract-first",
    { en: "Contract-first builder", fr: "Bâtisseur sous contrat" },
    {
      en: "Sells its capacity to the hyperscalers on multi-year take-or-pay contracts and buys chips only for capacity already sold, with moderate GPU debt.",
      fr: "Vend sa capacité aux hyperscalers sur des contrats fermes pluriannuels et n'achète des puces que pour une capacité déjà vendue, avec une dette GPU modérée.",
    },
    { growth: 0.3, gpuBorrow: 0.6, maxLtv: 0.65, gpuQuarters: 16, contractCover: 0.5, vendor: false, bonds: 0.3, issueFloor: 1.2, issueAbove: 2, issueShare: 0.15, buffer: 0.6, labGw: 0, sellToHyperscalers: 1, retreatHype: 40, deleverage: 0.6, inertia: 0.3, payback: 20 },
  ),
  neo(
    "cautious-renter",
    { en: "Cautious renter", fr: "Loueur prudent" },
    {
      en: "Grows little, keeps a cash buffer, pays down GPU debt as soon as the hype turns and raises equity while it is dear.",
      fr: "Croît peu, garde un coussin de cash, rembourse sa dette GPU dès que l'euphorie tourne et lève des fonds propres tant qu'ils sont chers.",
    },
    { growth: 0.1, gpuBorrow: 0.3, maxLtv: 0.55, gpuQuarters: 8, contractCover: 0.3, vendor: false, bonds: 0, issueFloor: 1.5, issueAbove: 1.5, issueShare: 0.3, buffer: 1, labGw: 0.1, sellToHyperscalers: 0.3, retreatHype: 55, deleverage: 0.8, inertia: 0.2, payback: 16 },
  ),
  lend(
    "yield-chaser",
    { en: "Yield chaser", fr: "Chasseur de rendement" },
    {
      en: "Lends as much as it can against GPUs at high spreads with loose covenants, borrows from banks to buy junk bonds too, and raises LP money in the boom.",
      fr: "Prête autant que possible contre des GPU à forte marge avec des covenants lâches, emprunte aux banques pour acheter aussi des obligations à haut rendement, et lève l'argent des LP dans le boom.",
    },
    { gpuShare: 0.5, gpuLtv: 0.85, gpuSpread: 0.03, gpuQuarters: 16, bankShare: 0.2, bondShare: 0.2, maxHype: 101, srt: 0, shortHype: 101, shortShare: 0, coverHype: 0, lpRaise: 0.05, leverage: 1, junkBonds: true, issuerCap: 0.6 },
  ),
  lend(
    "cautious-underwriter",
    { en: "Cautious underwriter", fr: "Prêteur prudent" },
    {
      en: "Lends to investment-grade hyperscalers and buys their bonds; lends against GPUs only with tight covenants, and pulls back in froth.",
      fr: "Prête aux hyperscalers bien notés et achète leurs obligations ; ne prête contre des GPU qu'avec des covenants serrés, et se retire dans l'euphorie.",
    },
    { gpuShare: 0.2, gpuLtv: 0.7, gpuSpread: 0.04, gpuQuarters: 8, bankShare: 0.3, bondShare: 0.8, maxHype: 70, srt: 0, shortHype: 101, shortShare: 0, coverHype: 0, lpRaise: 0, leverage: 0.5, junkBonds: false, issuerCap: 0.3 },
  ),
  lend(
    "hedger",
    { en: "Hedger", fr: "Couvreur" },
    {
      en: "Lends, then sells the loans' risk (SRT) and shorts the AI names when the hype runs hot; covers in the bust (Deutsche Bank).",
      fr: "Prête, puis cède le risque de ses prêts (SRT) et vend à découvert les valeurs de l'IA quand l'euphorie s'emballe ; rachète dans le krach (Deutsche Bank).",
    },
    { gpuShare: 0.35, gpuLtv: 0.75, gpuSpread: 0.03, gpuQuarters: 12, bankShare: 0.3, bondShare: 0.3, maxHype: 101, srt: 0.5, shortHype: 68, shortShare: 0.05, coverHype: 35, lpRaise: 0, leverage: 0.3, junkBonds: false, issuerCap: 0.3 },
  ),
];

export function personaById(id: string): Persona {
  const p = PERSONAS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown persona "${id}"; known: ${PERSONAS.map((x) => x.id).join(", ")}`);
  return p;
}

export function personasOf(role: Role): Persona[] {
  return PERSONAS.filter((p) => p.role === role);
}

/** The persona a seat plays when no one chose one: the one its real-world model is known for. */
export function defaultPersona(company: { role: Role; profile: string; tags: string[] }): Persona {
  const byProfile: Record<string, string> = {
    nvidia: "vendor-financier",
    amd: "volume-seller",
    microsoft: "cash-builder",
    amazon: "cash-builder",
    meta: "debt-racer",
    oracle: "debt-racer",
    alphabet: "disciplined-monetiser",
    coreweave: "land-grab",
    fluidstack: "land-grab",
    crusoe: "contract-first",
    pimco: "cautious-underwriter",
    "blue-owl": "yield-chaser",
    apollo: "yield-chaser",
    "deutsche-bank": "hedger",
  };
  const id = byProfile[company.profile];
  if (id) return personaById(id);
  if (company.tags.includes("debt-funded")) return personaById("debt-racer");
  return personasOf(company.role)[0];
}
