// Builds the client once (if stale) and starts the game server, in a child process, on a free
// loopback port for the browser tests; the tests read its URL with inject("baseUrl").
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { buildClient } from "../../scripts/client-build.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  await buildClient({ quiet: true });
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", fileURLToPath(new URL("./serve.ts", import.meta.url))], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the game server did not start within 30 s")), 30_000);
    child.once("exit", (code) => reject(new Error(`the game server exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string };
        if (msg.url) {
          clearTimeout(timer);
          resolve(msg.url);
        }
      } catch {
        /* a log line */
      }
    });
  });
  project.provide("baseUrl", url);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    if (child.exitCode === null) child.kill("SIGKILL");
  };
}
