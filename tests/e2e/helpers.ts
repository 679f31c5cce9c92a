// Browser-test helpers: Chromium with the flags this machine needs, screenshots, and small waits
// on what the page shows.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const SHOTS = join(import.meta.dirname, "..", "..", "artifacts", "screenshots");
mkdirSync(SHOTS, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (its own storage: a separate player). */
export async function newPlayer(browser: Browser, opts: { width?: number; height?: number; mobile?: boolean; lang?: "en" | "fr" } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    deviceScaleFactor: 1,
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
    locale: opts.lang === "fr" ? "fr-FR" : "en-US",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  return { context, page };
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** The room's phase and round, as the page shows them. */
export async function phaseOf(page: Page): Promise<{ phase: string; round: number }> {
  return page.evaluate(() => {
    const r = (globalThis as { __boomloop?: { room(): { state?: { phase?: string; round?: number } } | null } }).__boomloop?.room();
    return { phase: r?.state?.phase ?? "", round: r?.state?.round ?? 0 };
  });
}

export async function waitPhase(page: Page, phase: string, round?: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    ([p, r]) => {
      const room = (globalThis as { __boomloop?: { room(): { state?: { phase?: string; round?: number } } | null } }).__boomloop?.room();
      return room?.state?.phase === p && (r === null || room.state.round === r) && document.querySelector(p === "ended" ? "[data-testid=ranking]" : `[data-testid=phase][data-phase=${p}]`) !== null;
    },
    [phase, round ?? null] as const,
    { timeout, polling: 100 },
  );
}

/** Submits the order sheet as filled (the default: last quarter's choices) and waits for the server's yes. */
export async function submitSheet(page: Page): Promise<void> {
  await page.click("[data-testid=tab-orders]");
  const btn = page.locator("[data-testid=submit-sheet]");
  await btn.waitFor({ state: "visible" });
  const before = await phaseOf(page);
  await btn.click();
  // Accepted: the page says so, or (everyone in) the quarter moves on at once.
  await page.waitForFunction(
    ([round]) => {
      const r = (globalThis as { __boomloop?: { room(): { state?: { phase?: string; round?: number } } | null } }).__boomloop?.room();
      return document.querySelector("[data-testid=submitted]") !== null || r?.state?.phase !== "decide" || r?.state?.round !== round;
    },
    [before.round] as const,
    { timeout: 15_000, polling: 50 },
  );
}

/** Plays every quarter with the default sheet until the end screen; `each` runs at each decide phase. */
export async function playToEnd(page: Page, each?: (round: number) => Promise<void>, timeout = 120_000): Promise<number> {
  const t0 = Date.now();
  let done = 0;
  for (;;) {
    if (Date.now() - t0 > timeout) throw new Error(`game did not end within ${timeout} ms (round ${done})`);
    const { phase, round } = await phaseOf(page);
    if (phase === "ended") {
      await page.waitForSelector("[data-testid=ranking]");
      return done;
    }
    if (phase === "decide" && round > done) {
      const ok = await page.locator("[data-testid=submit-sheet]").isVisible().catch(() => false);
      if (!ok) {
        await page.click("[data-testid=tab-orders]").catch(() => {});
        await page.waitForTimeout(100);
        continue;
      }
      if (each) await each(round);
      const still = await phaseOf(page);
      if (still.phase === "decide" && still.round === round) {
        await submitSheet(page);
      }
      done = round;
    }
    await page.waitForTimeout(100);
  }
}
