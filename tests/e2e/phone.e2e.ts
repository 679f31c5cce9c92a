// A phone held upright (360×640): the home screen and the order sheet fit the width (no sideways
// scrolling) and the sheet can be submitted with a tap.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch, newPlayer, pageErrors, shot, submitSheet, waitPhase } from "./helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("phone", () => {
  it("shows the order sheet usable at 360×640 without horizontal scrolling", async () => {
    const base = inject("baseUrl");
    const { page } = await newPlayer(browser, { width: 360, height: 640, mobile: true });
    await page.goto(`${base}/?fast=1`);
    await page.waitForSelector("[data-testid=play-solo]");
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await shot(page, "phone-home");
    // Play as the chipmaker: the longest sheet.
    await page.locator(".role-chip", { hasText: "Chipmaker" }).click();
    await page.click("[data-testid=play-solo]");
    await waitPhase(page, "decide", 1);
    await page.click("[data-testid=tab-orders]");
    await page.waitForSelector("[data-testid=submit-sheet]");
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await shot(page, "phone-board");
    // Every input of the sheet lies inside the screen's width.
    const outside = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".sheet input, .sheet select, .sheet button")).filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1);
      }).length,
    );
    expect(outside).toBe(0);
    // Change a field with the stepper, see the inline check, then submit with a tap.
    await page.locator("#f-listPrice").scrollIntoViewIfNeeded();
    await page.fill("#f-listPrice", "12");
    await expect.poll(() => page.locator(".field.has-error").count()).toBeGreaterThan(0);
    await shot(page, "phone-order-sheet-error");
    await page.fill("#f-listPrice", "4");
    await expect.poll(() => page.locator(".field.has-error").count()).toBe(0);
    await page.locator(".sheet fieldset").first().scrollIntoViewIfNeeded();
    await shot(page, "phone-order-sheet");
    await submitSheet(page);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    expect(pageErrors(page)).toEqual([]);
  });
});
