// A solo game against bots, played to the end through the UI, with the screenshots of each screen.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch, newPlayer, pageErrors, playToEnd, shot, waitPhase } from "./helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("solo", () => {
  it("one click starts a game against bots; a newcomer plays it to the end with the default sheets", async () => {
    const base = inject("baseUrl");
    const { page } = await newPlayer(browser, { width: 1366, height: 900 });
    await page.goto(`${base}/?fast=1`);
    await page.waitForSelector("[data-testid=play-solo]");
    await page.fill("#nickname", "Ada");
    await shot(page, "home");
    await page.click("[data-testid=play-solo]");
    await waitPhase(page, "decide", 1);
    // The board is drawn (a canvas), my company is named, the sheet is ready.
    expect(await page.locator("[data-testid=board] canvas").count()).toBe(1);
    await expect.poll(() => page.textContent("[data-testid=my-company]")).toContain("CoreWeave");
    await page.waitForSelector("[data-testid=submit-sheet]");
    await shot(page, "order-sheet");
    let reported = false;
    const rounds = await playToEnd(page, async (round) => {
      if (round === 2 && !reported) {
        reported = true;
        // The first quarter's report: price move and why, P&L, balance sheet, events; and the board's flows.
        await page.click("[data-testid=tab-report]");
        await page.waitForSelector(".report .fin");
        await page.waitForTimeout(600);
        await shot(page, "report");
        await page.click("[data-testid=tab-market]");
        await shot(page, "board");
        await page.click("[data-testid=tab-orders]");
      }
    });
    expect(rounds).toBe(6);
    expect(await page.locator("[data-testid=ranking] li").count()).toBe(8);
    await expect.poll(() => page.textContent("[data-testid=my-result]")).toContain("CoreWeave");
    await shot(page, "end");
    expect(pageErrors(page)).toEqual([]);
  });
});
