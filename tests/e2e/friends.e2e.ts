// Two players in two browser contexts: one creates a private room, the other joins it by typing
// the code, sits at a neocloud, gets ready; they trade an offer and play a quarter.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch, newPlayer, pageErrors, phaseOf, shot, submitSheet, waitPhase } from "./helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("friends", () => {
  it("create a room, join it by code, pick seats, start, send and accept an offer, play a round", async () => {
    const base = inject("baseUrl");
    const host = await newPlayer(browser, { width: 1920, height: 1080 });
    const guest = await newPlayer(browser, { width: 1280, height: 800, lang: "fr" });
    await host.page.goto(base);
    await host.page.fill("#nickname", "Teacher");
    await host.page.click("[data-testid=create-room]");
    const codeEl = host.page.locator("[data-testid=room-code]");
    await codeEl.waitFor();
    const code = (await codeEl.textContent())!.trim();
    expect(code).toMatch(/^[A-Z]{6}$/);
    // The guest types the code (its page is in French: the browser's language).
    await guest.page.goto(base);
    await guest.page.fill("#nickname", "Bo");
    await guest.page.fill("#code", code.toLowerCase());
    await guest.page.click("[data-testid=join]");
    await guest.page.waitForSelector("[data-testid=room-code]");
    await expect.poll(() => guest.page.textContent("h1")).toContain("Salle d'attente");
    // The guest moves to CoreWeave's seat (index 4) and says it is ready.
    await guest.page.click("[data-testid=seat-4] button.sit");
    await expect.poll(() => host.page.textContent("[data-testid=seat-4]")).toContain("Bo");
    await guest.page.click("[data-testid=ready]");
    await expect.poll(() => host.page.textContent("[data-testid=seat-4]")).toContain("Ready");
    await shot(host.page, "lobby");
    await host.page.click("[data-testid=start]");
    await waitPhase(host.page, "decide", 1);
    await waitPhase(guest.page, "decide", 1);
    await expect.poll(() => guest.page.textContent("[data-testid=my-company]")).toContain("CoreWeave");
    await expect.poll(() => host.page.textContent("[data-testid=my-company]")).toContain("Nvidia");
    // The chipmaker offers chips paid partly in shares (vendor financing) to the neocloud.
    await host.page.click("[data-testid=tab-offers]");
    await host.page.selectOption("#o-kind", "chipSale");
    await host.page.selectOption("#o-to", "coreweave");
    await host.page.click("[data-testid=send-offer]");
    await host.page.waitForSelector("[data-testid=offer-out]");
    await guest.page.click("[data-testid=tab-offers]");
    const offer = guest.page.locator("[data-testid=offer-in]", { hasText: "Nvidia" });
    await offer.waitFor();
    await offer.locator("button.primary").click();
    await expect.poll(() => host.page.textContent("[data-testid=offer-out]")).toContain("accepted");
    await shot(guest.page, "offers");
    await submitSheet(host.page);
    await submitSheet(guest.page);
    // Both in: the quarter resolves; both see the report of round 1.
    await host.page.waitForFunction(() => {
      const r = (globalThis as { __boomloop?: { room(): { state?: { round?: number; events?: { length: number } } } | null } }).__boomloop?.room();
      return (r?.state?.events?.length ?? 0) > 0;
    }, undefined, { timeout: 60_000 });
    await guest.page.click("[data-testid=tab-report]");
    await guest.page.waitForSelector(".report .big-move");
    const text = await guest.page.textContent(".report");
    expect(text).toContain("Nvidia");
    expect((await phaseOf(host.page)).round).toBeGreaterThanOrEqual(1);
    await shot(host.page, "board-projector");
    expect(pageErrors(host.page)).toEqual([]);
    expect(pageErrors(guest.page)).toEqual([]);
  });
});
