// A reload in the middle of a game returns the player to its seat; a dropped connection shows
// "reconnecting…" and comes back by itself.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch, newPlayer, pageErrors, phaseOf, submitSheet, waitPhase } from "./helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("reconnection", () => {
  it("a reload mid-game returns to the same seat, and a dropped socket reconnects", async () => {
    const base = inject("baseUrl");
    const { page } = await newPlayer(browser);
    await page.goto(`${base}/?fast=1`);
    await page.locator(".role-chip", { hasText: "Hyperscaler" }).click();
    await page.click("[data-testid=play-solo]");
    await waitPhase(page, "decide", 1);
    await submitSheet(page);
    await waitPhase(page, "decide", 2);
    const company = (await page.textContent("[data-testid=my-company]"))!;
    expect(company).toContain("Microsoft");
    const before = await page.evaluate(() => (globalThis as any).__boomloop.room().sessionId);
    expect(page.url()).toMatch(/\?.*join=[A-Z]{6}/);
    await page.reload();
    await waitPhase(page, "decide", 2);
    expect(await page.textContent("[data-testid=my-company]")).toBe(company);
    const after = await page.evaluate(() => (globalThis as any).__boomloop.room().sessionId);
    expect(after).toBe(before);
    // The private part came back with the seat: the sheet can be submitted.
    await submitSheet(page);
    await waitPhase(page, "decide", 3);
    // A network drop: the banner says so, then the SDK reconnects by itself.
    await page.waitForTimeout(1500);
    await page.evaluate(() => (globalThis as any).__boomloop.room().connection.transport.ws.close());
    await page.waitForSelector("[data-testid=reconnecting]", { timeout: 10_000 });
    await page.waitForSelector("[data-testid=reconnecting]", { state: "detached", timeout: 30_000 });
    expect(await page.textContent("[data-testid=my-company]")).toContain("Microsoft");
    expect((await phaseOf(page)).round).toBeGreaterThanOrEqual(3);
    expect(pageErrors(page)).toEqual([]);
  });
});
