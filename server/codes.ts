// Room codes are unique across every room type of the server (markets and class sessions), so a
// code typed on a phone can only mean one room. The set lives in presence: with Redis, it is shared
// by every process.
import { randomInt } from "node:crypto";
import type { Presence } from "@colyseus/core";
import { makeRoomCode } from "../shared/src/protocol/index.ts";

const CODES_SET = "boomloop:room-codes";

export async function newRoomCode(presence: Presence): Promise<string> {
  const taken = new Set(await presence.smembers(CODES_SET));
  let code = makeRoomCode(randomInt);
  while (taken.has(code)) code = makeRoomCode(randomInt);
  await presence.sadd(CODES_SET, code);
  return code;
}

/** A restored room takes its code back. */
export async function claimRoomCode(presence: Presence, code: string): Promise<void> {
  await presence.sadd(CODES_SET, code);
}

export async function releaseRoomCode(presence: Presence, code: string): Promise<void> {
  await presence.srem(CODES_SET, code);
}
