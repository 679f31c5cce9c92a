// The port's HTTP side (/healthz, the client page), room creation options and private rooms by code.
// (The built client's caching and compression: static.test.ts; the HTTP limits: limits.test.ts.)
import { get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameServer } from "../../server/main.ts";
import { DEFAULT_ROOM_CONFIG } from "../../server/room.ts";
import { CODE_ALPHABET, ROOM_NAME, RoomCode } from "../../shared/src/protocol/index.ts";
import pkg from "../../package.json" with { type: "json" };
import { bootServer, create, FAST, joinById, sdk, st, waitFor } from "./helpers.ts";

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

describe("http", () => {
  it("GET /healthz answers 200 JSON {version, rooms, clients}", async () => {
    const r0 = await fetch(`${gs.url}/healthz`);
    expect(r0.status).toBe(200);
    expect(r0.headers.get("content-type")).toContain("application/json");
    expect(await r0.json()).toEqual({ version: pkg.version, rooms: 0, clients: 0 });
    const room = await create(gs, { ...FAST });
    const h = await (await fetch(`${gs.url}/healthz`)).json();
    expect(h).toEqual({ version: pkg.version, rooms: 1, clients: 1 });
    await room.leave();
  });

  it("serves the client page at / on the same port", async () => {
    const r = await fetch(`${gs.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    expect(await r.text()).toContain("Boom Loop");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    expect((await fetch(`${gs.url}/nothing-here.js`)).status).toBe(404);
    // Paths sent as written (fetch would normalise the dots away).
    const status = (path: string) =>
      new Promise<number>((resolve, reject) => get({ host: "127.0.0.1", port: gs.port, path }, (res) => (res.resume(), resolve(res.statusCode!))).on("error", reject));
    for (const evil of ["/../package.json", "/..%2Fpackage.json", "/%2e%2e/package.json", "/%2e%2e%2fpackage.json", "/src/../../package.json", "/src/..%2F..%2Fpackage.json", "/..%5Cpackage.json"]) {
      expect(await status(evil), evil).toBe(404);
    }
  });
});

describe("rooms", () => {
  it("a private room has a 6-letter code, is not matched by joinOrCreate, and is joined by code", async () => {
    const host = await create(gs, { ...FAST, private: true, name: "Teacher" });
    const code = host.roomId;
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(RoomCode.parse(code.toLowerCase())).toBe(code);
    expect(st(host).code).toBe(code);
    // The join link opens the client page on this room.
    expect(st(host).link).toBe(`/join/${code}`);
    const link = await fetch(`${gs.url}${st(host).link}`, { redirect: "manual" });
    expect(link.status).toBe(302);
    expect(link.headers.get("location")).toBe(`/?join=${code}`);
    expect(st(host).settings.private).toBe(true);
    const other = await sdk(gs).joinOrCreate(ROOM_NAME, { name: "Stranger" });
    expect(other.roomId).not.toBe(code);
    const friend = await joinById(gs, code, { name: "Friend" });
    expect(friend.roomId).toBe(code);
    await waitFor(() => st(host).players.size === 2, "friend in");
    expect([...st(host).players.values()].map((p: any) => p.name).sort()).toEqual(["Friend", "Teacher"]);
    await other.leave();
    await friend.leave();
    await host.leave();
  });

  it("bad creation options are refused with the field named", async () => {
    await expect(sdk(gs).create(ROOM_NAME, { rounds: 40 })).rejects.toThrow(/rounds/);
    await expect(sdk(gs).create(ROOM_NAME, { seats: ["nvidia"] })).rejects.toThrow(/seats/);
    await expect(sdk(gs).create(ROOM_NAME, { seats: ["nvidia", "unicorn"] })).rejects.toThrow(/seats\.1.*unknown seat "unicorn"/);
    await expect(sdk(gs).create(ROOM_NAME, { scenario: "nope" })).rejects.toThrow(/scenario/);
    await expect(sdk(gs).create(ROOM_NAME, { colour: "red" })).rejects.toThrow(/colour|Unrecognized/i);
  });

  it("seats by role pick distinct profiles; the creator's options shape the lobby", async () => {
    const host = await create(gs, { ...FAST, seats: ["hyperscaler", "hyperscaler", "neocloud", "microsoft"], rounds: 8, scenario: "rate-shock", decideSeconds: 45 });
    const s = st(host);
    expect(s.seats.map((x: any) => x.profile)).toEqual(["meta", "alphabet", "coreweave", "microsoft"]);
    expect(s.settings.toJSON()).toMatchObject({ scenario: "rate-shock", rounds: 8, decideSeconds: 45, bots: true, private: false });
    // The host changes settings in the lobby.
    host.send("settings", { scenario: "soft-landing", seats: ["nvidia", "coreweave"] });
    await waitFor(() => st(host).settings.scenario === "soft-landing" && st(host).seats.length === 2, "settings applied");
    expect(st(host).seats[0].player).toBe(host.sessionId);
    await host.leave();
  });

  it("holds a dropped seat at least 90 s", () => {
    expect(DEFAULT_ROOM_CONFIG.reconnectSeconds).toBeGreaterThanOrEqual(90);
  });
});
