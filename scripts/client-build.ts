// Builds the browser client with Vite (client/ → client/dist) when it is missing or older than
// its sources, and measures what a player downloads (JS, gzipped).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CLIENT_DIR = join(ROOT, "client");
export const DIST_DIR = join(CLIENT_DIR, "dist");

function newest(dir: string, skip: (p: string) => boolean): number {
  let t = 0;
  if (!existsSync(dir)) return 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (skip(p)) continue;
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p, skip) : st.mtimeMs);
  }
  return t;
}

/** True when client/dist is missing or older than anything the client is built from. */
export function clientIsStale(): boolean {
  const built = join(DIST_DIR, "index.html");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const skip = (p: string) => p.startsWith(DIST_DIR) || p.includes("node_modules");
  const sources = Math.max(
    newest(CLIENT_DIR, skip),
    newest(join(ROOT, "shared", "src"), skip),
    newest(join(ROOT, "seeds"), skip),
    statSync(join(ROOT, "package-lock.json")).mtimeMs,
  );
  return sources > builtAt;
}

export interface BundleSize {
  files: { file: string; bytes: number; gzip: number }[];
  jsBytes: number;
  jsGzip: number;
  totalGzip: number;
}

/** Sizes of the built files: raw and gzipped (level 9), JS summed apart. */
export function bundleSize(): BundleSize {
  const files: BundleSize["files"] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const body = readFileSync(p);
        files.push({ file: relative(DIST_DIR, p), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
      }
    }
  };
  walk(DIST_DIR);
  const js = files.filter((f) => f.file.endsWith(".js"));
  return {
    files,
    jsBytes: js.reduce((a, f) => a + f.bytes, 0),
    jsGzip: js.reduce((a, f) => a + f.gzip, 0),
    totalGzip: files.reduce((a, f) => a + f.gzip, 0),
  };
}

/** Runs `vite build` through Vite's JS API with client/vite.config.ts. */
export async function buildClient(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!opts.force && !clientIsStale()) return false;
  const { build } = await import("vite");
  const t0 = Date.now();
  if (!opts.quiet) console.log("Building the browser client (vite build)…");
  await build({ configFile: join(CLIENT_DIR, "vite.config.ts"), logLevel: opts.quiet ? "silent" : "warn" });
  if (!opts.quiet) {
    const s = bundleSize();
    console.log(`Client built in ${((Date.now() - t0) / 1000).toFixed(1)} s: JS ${(s.jsBytes / 1024).toFixed(0)} KB, ${(s.jsGzip / 1024).toFixed(1)} KB gzipped.`);
  }
  return true;
}
