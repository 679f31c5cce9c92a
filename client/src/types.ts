// The room state as the client receives it (after toJSON()): plain objects whose types are derived
// from the one declaration of the synchronized state (shared/src/state/market.ts), never written twice.
import type { ToJSON } from "@colyseus/schema";
import type {
  CompanyState,
  EventState,
  MacroState,
  MarketState,
  OfferState,
  PlayerState,
  SeatPrivate,
  SeatState,
  SettingsState,
} from "../../shared/src/state/market.ts";
export type { Phase } from "../../shared/src/protocol/messages.ts";

export type PlayerJ = ToJSON<PlayerState>;
export type SeatJ = ToJSON<SeatState>;
export type OfferJ = ToJSON<OfferState>;
export type PrivateJ = ToJSON<SeatPrivate>;
export type MacroJ = ToJSON<MacroState>;
export type CompanyJ = ToJSON<CompanyState>;
export type EventJ = ToJSON<EventState>;
export type SettingsJ = ToJSON<SettingsState>;
export type StateJ = ToJSON<MarketState>;
