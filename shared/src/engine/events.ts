// What happened during a round, for reports, the log and the debrief. Each event names its
// mechanism so a player can learn which one acted.
export type Mechanism =
  | "news"
  | "chips"
  | "construction"
  | "compute"
  | "labs"
  | "depreciation"
  | "debt"
  | "covenant"
  | "collateral"
  | "default"
  | "equity"
  | "circular"
  | "price"
  | "hype"
  | "lender"
  | "order";

export interface GameEvent {
  round: number;
  type: string;
  mechanism: Mechanism;
  company?: string;
  /** Numbers that say how much: amounts in $B, rates as decimals. */
  data: Record<string, number | string | boolean>;
}

/** One cash movement between two parties: the only way cash changes. */
export interface Flow {
  from: string;
  to: string;
  amount: number;
  why: string;
}
