// The bot client (npm run bot) over the network: it creates and plays a room, or joins one by code.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameServer } from "../../server/main.ts";
import { bootServer, create, FAST, st, waitFor } from "./helpers.ts";

const run = promisify(execFile);
let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

describe("npm run bot", () => {
  it("--create --bots 3 --json plays a game to the end and prints the result", async () => {
    const { stdout } = await run(process.execPath, ["scripts/bot.ts", "--url", gs.url, "--create", "--bots", "3", "--rounds", "6", "--seed", "2", "--news", "0.05", "--report", "0.05", "--json"], { timeout: 30_000 });
    const out = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(out).toMatchObject({ rounds: 6, finished: true });
    expect(out.roomId).toMatch(/^[A-Z]{6}$/);
    expect(out.companies.map((c: any) => c.id)).toEqual(["microsoft", "nvidia", "amd", "meta"]);
    for (const c of out.companies) expect(typeof c.score).toBe("number");
  });

  it("--code CODE takes a free seat, gets ready and plays along a human", async () => {
    const host = await create(gs, { ...FAST, rounds: 6, seats: ["microsoft", "coreweave", "nvidia"] });
    const child = run(process.execPath, ["scripts/bot.ts", "--url", gs.url, "--code", host.roomId, "--json"], { timeout: 30_000 });
    await waitFor(() => [...st(host).players.values()].some((p: any) => !p.host && p.ready), "bot ready");
    const botClient = [...st(host).players.values()].find((p: any) => !p.host).sessionId;
    let played = 0;
    // Seat 1 as the game ended: the bot client leaves once it sees the end, and a seat whose player
    // left is played by the server's bot, so the patch that ends the game is the one to look at.
    let atEnd: { player: string; bot: boolean } | undefined;
    host.onStateChange(() => {
      const s = st(host);
      if (s.phase === "decide" && s.round > played) {
        played = s.round;
        host.send("submitSheet", { sheet: { role: "hyperscaler" } });
      }
      if (s.phase === "ended" && !atEnd) atEnd = { player: s.seats[1].player, bot: s.seats[1].bot };
    });
    host.send("start");
    const { stdout } = await child;
    const out = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(out).toMatchObject({ roomId: host.roomId, rounds: 6, finished: true });
    await waitFor(() => atEnd, "the host sees the end");
    expect(atEnd).toEqual({ player: botClient, bot: false });
    await host.leave();
  });
});
