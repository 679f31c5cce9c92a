// The HTTP limits of the game port (server/limits.ts), against real servers over loopback: request
// bodies are capped before Colyseus reads them, matchmaking and unknown room codes are rate-limited
// per address (a whole class behind one address still gets in), and the class downloads answer an
// unknown code exactly as a real one without its key.
import { request, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { GameServer, GameServerOptions } from "../../server/main.ts";
import { addressKey, DEFAULT_MAX_BODY_BYTES, DEFAULT_RATE_LIMITS } from "../../server/limits.ts";
import { ROOM_NAME } from "../../shared/src/protocol/index.ts";
import { joinStudent, openClass, waitFor, type SimStudent } from "../../scripts/classroom-sim.ts";
import { bootServer, create, FAST, sdk } from "./helpers.ts";

// Each test boots its own server with its own limits, and closes it before the next one boots
// (Colyseus's matchmaker is one per process).
let current: GameServer | undefined;
async function boot(opts: GameServerOptions = {}): Promise<GameServer> {
  current = await bootServer(opts);
  return current;
}
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const post = (gs: GameServer, path: string, body: BodyInit = "{}", init: RequestInit = {}) =>
  fetch(`${gs.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body, ...init });

/** A POST from another loopback address (127.0.0.2): the limits count per address. */
function postFrom(localAddress: string, gs: GameServer, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${gs.url}${path}`, { method: "POST", localAddress, headers: { "content-type": "application/json" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end("{}");
  });
}

async function expect429(r: Response) {
  expect(r.status).toBe(429);
  const body: any = await r.json();
  expect(Object.keys(body).sort()).toEqual(["error", "retryAfterSeconds"]);
  expect(body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(r.headers.get("retry-after")).toBe(String(body.retryAfterSeconds));
  expect(body.error).toMatch(/too many requests/);
}

describe("request bodies", () => {
  it("a 40 MB POST to /matchmake/create/market gets 413 unread, and the server stays healthy", async () => {
    const gs = await boot();
    const sockets: Socket[] = [];
    gs.server.transport.server!.on("connection", (s: Socket) => sockets.push(s));
    const size = 40 * 1024 * 1024;
    const r = await post(gs, `/matchmake/create/${ROOM_NAME}`, new Uint8Array(size));
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ error: `request body too large: at most ${DEFAULT_MAX_BODY_BYTES} bytes` });
    // The connection was closed long before the body was read (a few hundred KB sit in buffers).
    await waitFor(() => sockets.length > 0 && sockets.every((s) => s.destroyed), "the connection closed");
    expect(Math.max(...sockets.map((s) => s.bytesRead))).toBeLessThan(size / 4);
    // A body without a length (chunked) is cut at the cap too.
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 32; i++) c.enqueue(new Uint8Array(64 * 1024));
        c.close();
      },
    });
    const r2 = await post(gs, `/matchmake/create/${ROOM_NAME}`, chunked, { duplex: "half" } as RequestInit);
    expect(r2.status).toBe(413);
    await r2.body?.cancel();
    // Healthy: /healthz answers, and a room is still created (with a body under the cap).
    const h = await fetch(`${gs.url}/healthz`);
    expect(h.status).toBe(200);
    expect((await h.json()).rooms).toBe(0);
    const room = await create(gs, { ...FAST });
    expect(room.roomId).toMatch(/^[A-Z]{6}$/);
    await room.leave();
  });
});

describe("rate limits", () => {
  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(addressKey("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(addressKey("10.1.2.3")).toBe("10.1.2.3");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("a burst of unknown codes past the limit gets 429, and then a real code too (no oracle); another address is not affected", async () => {
    const gs = await boot({ rateLimits: { unknownCodesPerMinute: 5 } });
    const host = await create(gs, { ...FAST, private: true });
    const codes = ["QWERTY", "ASDFGH", "ZXCVBN", "PQRSTU", "MNBVCX", "HGFDSA", "YTREWQ", "KJHGFD"];
    // (A query string changes nothing: Colyseus routes on the path.)
    const answers = await Promise.all(codes.map((c, i) => post(gs, `/matchmake/joinById/${c}${i % 2 ? "?v=1" : ""}`)));
    const refused = answers.filter((r) => r.status === 429);
    const unknown = answers.filter((r) => r.status !== 429);
    expect(unknown).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const r of unknown) expect((await r.json()).error).toMatch(/not found/);
    for (const r of refused) await expect429(r);
    // Out of guesses, the address gets the same 429 for the real code.
    await expect429(await post(gs, `/matchmake/joinById/${host.roomId}`));
    await expect429(await post(gs, `/matchmake/reconnect/${host.roomId}`, JSON.stringify({ reconnectionToken: "x" })));
    // The SDK reports it as an error with the status as its code.
    await expect(sdk(gs).joinById(host.roomId, { name: "Late" })).rejects.toMatchObject({ code: 429, message: expect.stringMatching(/too many requests/) });
    // Creating a room is not a guess: still open.
    const other = await create(gs, { ...FAST });
    await other.leave();
    // Another address is counted apart: its unknown code gets Colyseus's own answer.
    const elsewhere = await postFrom("127.0.0.2", gs, `/matchmake/joinById/QWERTY`);
    expect(elsewhere.status).not.toBe(429);
    expect(JSON.parse(elsewhere.body).error).toMatch(/not found/);
    await host.leave();
  });

  it("matchmaking past the sustained rate and the burst gets 429 with retry-after", async () => {
    const gs = await boot({ rateLimits: { matchmakePerSecond: 1, matchmakeBurstPerMinute: 2 } });
    // An unknown room type: Colyseus refuses it without side effects, but every request counts.
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(gs, `/matchmake/joinOrCreate/no-such-room`)));
    const refused = answers.filter((r) => r.status === 429);
    // At least the first second's request and the burst of 2 pass; however slowly the 30 arrive,
    // fewer than 30 seconds' worth of requests do.
    expect(answers.length - refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) await expect429(r);
    for (const r of answers.filter((x) => x.status !== 429)) expect((await r.json()).error).toMatch(/no-such-room|not defined|provided room name/i);
    // Static files and /healthz are not limited.
    expect((await fetch(`${gs.url}/healthz`)).status).toBe(200);
  });

  it("the defaults let a class of 60 behind one address in at once: 60 joins of one session, then 60 of their markets", async () => {
    expect(DEFAULT_RATE_LIMITS.matchmakeBurstPerMinute + DEFAULT_RATE_LIMITS.matchmakePerSecond).toBeGreaterThanOrEqual(121);
    const gs = await boot();
    // Every matchmaking answer, as the server sent it.
    const answers: { path: string; status: number }[] = [];
    gs.server.transport.server!.on("request", (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith("/matchmake/")) res.on("finish", () => answers.push({ path: req.url!, status: res.statusCode }));
    });
    const c = await openClass(gs.url, 0, { rounds: 6, decideSeconds: 30, newsSeconds: 0, reportSeconds: 0, seed: 3 });
    // All 60 at once (not in waves), every one from 127.0.0.1.
    const students: SimStudent[] = await Promise.all(Array.from({ length: 60 }, (_, i) => joinStudent(gs.url, c.code, `Student ${i + 1}`)));
    expect(students.every((s) => s.id !== "")).toBe(true);
    c.students.push(...students);
    await waitFor(() => (c.teacher.state as any).students.size === 60, "60 students listed");
    expect(answers.filter((a) => a.path === `/matchmake/joinById/${c.code}`).map((a) => a.status)).toEqual(Array(60).fill(200));
    // Start: each student's phone asks for its market's seat at the same moment; every one gets it.
    expect(await c.teacher.request("start")).toEqual({ ok: true });
    await waitFor(() => students.every((s) => s.assignment), "every student assigned");
    const marketJoins = () => answers.filter((a) => students.some((s) => a.path === `/matchmake/joinById/${s.assignment!.roomId}`));
    await waitFor(() => marketJoins().length >= 60, "60 market joins answered");
    expect(marketJoins().map((a) => a.status)).toEqual(Array(60).fill(200));
    expect(answers.filter((a) => a.status === 429)).toEqual([]);
    expect(students.flatMap((s) => s.errors).filter((e) => /too many|429/.test(String(e)))).toEqual([]);
    await c.close();
  });
});

describe("class downloads", () => {
  it("answer an unknown code and a real one without its key alike, and are rate-limited", async () => {
    const gs = await boot({ rateLimits: { downloadsPerMinute: 8 } });
    const c = await openClass(gs.url, 0, { rounds: 6 });
    const real = c.code;
    const unknown = real === "QWERTY" ? "ASDFGH" : "QWERTY";
    const answer = async (path: string) => {
      const r = await fetch(`${gs.url}${path}`);
      return { status: r.status, type: r.headers.get("content-type"), body: await r.json() };
    };
    for (const file of ["rounds.csv", "export.json"]) {
      const a = await answer(`/classroom/${unknown}/${file}`);
      const b = await answer(`/classroom/${real}/${file}`);
      const d = await answer(`/classroom/${unknown}/${file}?key=${c.hostKey}`);
      expect(a.status).toBe(403);
      expect(b).toEqual(a);
      expect(d).toEqual(a);
    }
    // The host key opens its own session only.
    const ok = await fetch(`${gs.url}/classroom/${real}/export.json?key=${c.hostKey}`);
    expect(ok.status).toBe(200);
    expect((await ok.json()).session.code).toBe(real);
    // 7 downloads so far; the 9th and 10th are refused.
    const more = await Promise.all([1, 2, 3].map(() => fetch(`${gs.url}/classroom/${real}/rounds.csv?key=${c.hostKey}`)));
    expect(more.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of more.filter((x) => x.status !== 200)) await expect429(r);
    await c.close();
  });
});
