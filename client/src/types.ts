// The room state as the client receives it (server/state.ts, after toJSON()): plain objects.
export interface PlayerJ {
  sessionId: string;
  name: string;
  seat: number;
  ready: boolean;
  connected: boolean;
  host: boolean;
}
export interface SeatJ {
  index: number;
  spec: string;
  profile: string;
  role: string;
  company: string;
  companyId: string;
  player: string;
  playerName: string;
  bot: boolean;
  connected: boolean;
  submitted: boolean;
}
export interface OfferJ {
  key: string;
  id: string;
  from: string;
  to: string;
  kind: string;
  json: string;
  status: "open" | "accepted" | "rejected";
}
export interface PrivateJ {
  sheet: string;
  sheetRound: number;
  offersOut: OfferJ[];
  offersIn: OfferJ[];
  book: string;
}
export interface MacroJ {
  benchmark: number;
  igSpread: number;
  hySpread: number;
  hype: number;
  demandGw: number;
  capacityGw: number;
  gpuSpot: number;
  computePrice: number;
  utilisation: number;
  energyGw: number;
  generation: number;
  creditAppetite: number;
  labsCash: number;
  labsRevenue: number;
  labsCommitmentsGw: number;
  labsMissedPayments: number;
  labsDistressed: boolean;
  defaults: number;
  marginCalls: number;
}
export interface CompanyJ {
  id: string;
  name: string;
  role: string;
  profile: string;
  seat: number;
  price: number;
  startPrice: number;
  fundamental: number;
  marketCap: number;
  cash: number;
  debt: number;
  offBalanceDebt: number;
  equityBook: number;
  revenue: number;
  aiRevenue: number;
  ebitda: number;
  netIncome: number;
  capex: number;
  gw: number;
  lots: number;
  credibility: number;
  listPrice: number;
  fabLots: number;
  vendorPct: number;
  bankrupt: boolean;
  leverage: number;
  rating: string;
  ltv: number;
  maxLtv: number;
  score: number;
  prices: number[];
}
export interface EventJ {
  round: number;
  type: string;
  mechanism: string;
  company: string;
  data: string;
}
export interface SettingsJ {
  scenario: string;
  rounds: number;
  decideSeconds: number;
  newsSeconds: number;
  reportSeconds: number;
  bots: boolean;
  private: boolean;
}
export type Phase = "lobby" | "news" | "decide" | "resolve" | "report" | "ended";
export interface StateJ {
  code: string;
  link: string;
  phase: Phase;
  round: number;
  rounds: number;
  deadline: number;
  settings: SettingsJ;
  host: string;
  players: Record<string, PlayerJ>;
  seats: SeatJ[];
  privates?: Record<string, PrivateJ>;
  macro: MacroJ;
  companies: CompanyJ[];
  news: string[];
  events: EventJ[];
  hype: number[];
  moments?: EventJ[];
  finished: boolean;
  stateHash: string;
  hashSecret: string;
  paused?: boolean;
  managed?: boolean;
}
