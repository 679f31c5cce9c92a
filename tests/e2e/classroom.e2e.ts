// A class session in the browser: the teacher hosts a session from Home (short timers, 4 seats per
// market), a student on a phone opens the join link, names itself and waits; the teacher starts;
// the student plays a quarter through the normal game screens; the projector shows the markets;
// the teacher ends the game and reads the debrief.
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

type ClassJ = { phase: string; students: Record<string, unknown>; markets: { round: number; finished: boolean; seats: { submitted: boolean; bot: boolean }[] }[] };
const classState = (page: Page) => page.evaluate(() => (globalThis as unknown as { __boomloopClass?: { state(): unknown } }).__boomloopClass?.state() as ClassJ | null);

describe("classroom", () => {
  it("host a class, a phone student joins by link, start, play a quarter, projector, end, debrief", async () => {
    const base = inject("baseUrl");
    const host = await newPlayer(browser, { width: 1600, height: 1000 });
    host.page.on("dialog", (d) => void d.accept());
    await host.page.goto(`${base}/?fast=1`);
    await host.page.click("[data-testid=host-class]");
    await host.page.selectOption("#hf-rounds", "6");
    await host.page.selectOption("#hf-seats", "4");
    await host.page.selectOption("#hf-decide", "10");
    await host.page.click("[data-testid=host-create]");
    const codeEl = host.page.locator("[data-testid=class-code]");
    await codeEl.waitFor();
    const code = (await codeEl.textContent())!.trim();
    expect(code).toMatch(/^[A-Z]{6}$/);
    expect(host.page.url()).toContain(`host=${code}`);
    await host.page.waitForSelector(".qr svg");

    // The student opens the join link on a phone: /class/CODE → /?class=CODE.
    const student = await newPlayer(browser, { width: 360, height: 640, mobile: true });
    await student.page.goto(`${base}/class/${code}`);
    await student.page.waitForSelector("[data-testid=class-join]");
    expect((await student.page.inputValue("#class-nick")).length).toBeGreaterThan(2);
    await student.page.fill("#class-nick", "Ada");
    await shot(student.page, "student-join");
    await student.page.click("[data-testid=class-join-btn]");
    await student.page.waitForSelector("[data-testid=class-wait]");
    await expect.poll(() => student.page.textContent("[data-testid=class-wait]")).toContain("Ada");
    await host.page.waitForSelector("[data-testid=student-row]");
    expect(await host.page.textContent("[data-testid=students]")).toContain("Ada");

    // Start: the student lands in its market's normal game screens and submits a quarter.
    await host.page.click("[data-testid=class-start]");
    await waitPhase(student.page, "decide", 1, 40_000);
    await submitSheet(student.page);
    await host.page.waitForSelector("[data-testid=monitor-0]");
    await expect.poll(async () => (await classState(host.page))?.markets[0]?.round ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await shot(host.page, "host-console");

    // The projector, in another tab of the teacher's browser.
    const proj = await host.context.newPage();
    await proj.goto(`${base}/?projector=${code}`);
    await proj.waitForSelector("[data-testid=proj-market]");
    await shot(proj, "projector");

    // A reload returns the teacher to its console (host key) and the student to its seat (student key).
    await host.page.reload();
    await host.page.waitForSelector("[data-testid=class-start], [data-testid=class-end]");
    await student.page.reload();
    await student.page.waitForSelector("[data-testid=phase]", { timeout: 20_000 });
    expect(await student.page.textContent("[data-testid=my-company]")).toContain("Nvidia");

    // End the game, then the debrief.
    await host.page.click("[data-testid=class-end]");
    await expect.poll(async () => (await classState(host.page))?.phase, { timeout: 30_000 }).toBe("ended");
    await host.page.click("[data-testid=tab-debrief]");
    await host.page.waitForSelector("[data-testid=debrief-market]");
    await host.page.waitForSelector("[data-testid=debrief-ranking]");
    expect(await host.page.textContent("[data-testid=debrief-ranking]")).toContain("Ada");
    // Each company's price is drawn against its fundamental value (at least two quarters were played).
    expect(await host.page.locator("[data-testid=debrief-market] svg[aria-label^='Share price']").count()).toBeGreaterThan(0);
    await shot(host.page, "debrief");

    // The downloads (on the console tab) open with the host key.
    await host.page.click("[data-testid=tab-console]");
    const href = await host.page.getAttribute("[data-testid='dl-rounds.csv']", "href");
    const csv = await (await fetch(`${base}${href}`)).text();
    expect(csv.split("\n")[0]).toContain("market");
    expect(pageErrors(host.page)).toEqual([]);
    expect(pageErrors(student.page)).toEqual([]);
    expect(pageErrors(proj)).toEqual([]);
  });
});
