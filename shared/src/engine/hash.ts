// The state hash that proves determinism: SHA-256 of the canonical JSON of the state.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { GameState } from "./types.ts";

export function stateHash(state: GameState): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(state))));
}
