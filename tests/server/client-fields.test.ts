// What the browser client reads beyond the engine's public figures: each company's leverage and
// LTV against its covenant, the debrief's key moments, and each seat's own book (debts with ids,
// quotes, P&L, default sheet), sent to that seat only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameServer } from "../../server/main.ts";
import { OrderSheet } from "../../shared/src/schemas/orders.ts";
import { bootServer, create, FAST, joinById, st, waitFor } from "./helpers.ts";

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

describe("client fields", () => {
  it("publishes leverage, LTV, covenants, key moments and a private book per seat", async () => {
    const host = await create(gs, { ...FAST, private: true, seats: ["nvidia", "coreweave", "microsoft", "apollo"], rounds: 6 });
    const guest = await joinById(gs, host.roomId, { name: "Bo" });
    await waitFor(() => st(guest).players.get(guest.sessionId)?.seat === 1, "guest seated at CoreWeave");
    guest.send("ready", { ready: true });
    await waitFor(() => st(host).players.get(guest.sessionId)?.ready, "guest ready");
    host.send("start", {});
    await waitFor(() => st(host).phase === "decide" && st(guest).privates?.get("1")?.book, "decide phase with a book");
    const book = JSON.parse(st(guest).privates.get("1").book);
    expect(book.company).toBe("coreweave");
    expect(OrderSheet.safeParse(book.defaultSheet).success).toBe(true);
    expect(book.debts.length).toBeGreaterThan(0);
    expect(book.debts[0].id).toMatch(/\S/);
    expect(book.gpu.maxLtv).toBeGreaterThan(0);
    expect(book.quotes.gpu).toBeDefined();
    // The host sees its own book, never the guest's.
    expect(JSON.parse(st(host).privates.get("0").book).company).toBe("nvidia");
    expect(st(host).privates.get("1")).toBeUndefined();
    const cw = st(guest).companies.find((c: any) => c.id === "coreweave");
    expect(cw.ltv).toBeGreaterThan(0);
    expect(cw.maxLtv).toBeGreaterThan(0);
    expect(cw.leverage).toBeGreaterThan(0);
    expect(cw.rating).toMatch(/\S/);
    // After a quarter: the news cards are among the key moments.
    host.send("submitSheet", { sheet: JSON.parse(st(host).privates.get("0").book).defaultSheet });
    guest.send("submitSheet", { sheet: book.defaultSheet });
    await waitFor(() => st(host).moments?.length > 0, "key moments");
    expect(st(host).moments.some((e: any) => e.type === "card")).toBe(true);
    await guest.leave();
    await host.leave();
  });
});
