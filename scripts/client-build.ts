// Builds the browser client with Vite (client/ → client/dist) when it is missing or older than
// its sources, writes a brotli (.br) and a gzip (.gz) copy next to each compressible file for the
// server to send as is, and measures what a player downloads.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

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
  // A build from before the compressed copies were written.
  const assets = join(DIST_DIR, "assets");
  if (!existsSync(assets) || !readdirSync(assets).some((f) => f.endsWith(".br"))) return true;
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

/** Text formats worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map", ".xml", ".wasm"]);
/** Smaller files are sent as they are: a compressed copy would save less than a packet. */
const MIN_BYTES = 1024;

/** Every file under `dir` except the compressed copies, as paths. */
function builtFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...builtFiles(p));
    else if (!p.endsWith(".br") && !p.endsWith(".gz")) out.push(p);
  }
  return out;
}

export const brotli = (body: Buffer) =>
  brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
export const gzip = (body: Buffer) => gzipSync(body, { level: constants.Z_BEST_COMPRESSION });

/**
 * Writes `file.br` (brotli, quality 11) and `file.gz` (gzip, level 9) next to each compressible file of
 * `dir` of at least 1 KB, when the copy is smaller. Returns the files compressed.
 */
export function precompress(dir = DIST_DIR): string[] {
  const done: string[] = [];
  for (const p of builtFiles(dir)) {
    if (!COMPRESSIBLE.has(extname(p).toLowerCase())) continue;
    const body = readFileSync(p);
    if (body.length < MIN_BYTES) continue;
    const br = brotli(body);
    const gz = gzip(body);
    if (br.length < body.length) writeFileSync(`${p}.br`, br);
    if (gz.length < body.length) writeFileSync(`${p}.gz`, gz);
    done.push(relative(dir, p));
  }
  return done;
}

export interface BundleSize {
  files: { file: string; bytes: number; gzip: number; br: number }[];
  jsBytes: number;
  jsGzip: number;
  jsBrotli: number;
  totalGzip: number;
  totalBrotli: number;
}

/**
 * Sizes of the built files: raw, gzipped (level 9) and brotli (quality 11), JS summed apart — what a
 * browser downloads, since the server sends the .br (else .gz) copy the build wrote, when there is one.
 */
export function bundleSize(): BundleSize {
  const files: BundleSize["files"] = builtFiles(DIST_DIR).map((p) => {
    const body = readFileSync(p);
    const copy = (ext: string, make: (b: Buffer) => Buffer) => (existsSync(p + ext) ? statSync(p + ext).size : Math.min(body.length, make(body).length));
    return { file: relative(DIST_DIR, p), bytes: body.length, gzip: copy(".gz", gzip), br: copy(".br", brotli) };
  });
  const js = files.filter((f) => f.file.endsWith(".js"));
  const sum = (list: typeof files, k: "bytes" | "gzip" | "br") => list.reduce((a, f) => a + f[k], 0);
  return {
    files,
    jsBytes: sum(js, "bytes"),
    jsGzip: sum(js, "gzip"),
    jsBrotli: sum(js, "br"),
    totalGzip: sum(files, "gzip"),
    totalBrotli: sum(files, "br"),
  };
}

/** Runs `vite build` through Vite's JS API with client/vite.config.ts. */
export async function buildClient(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!opts.force && !clientIsStale()) return false;
  const { build } = await import("vite");
  const t0 = Date.now();
  if (!opts.quiet) console.log("Building the browser client (vite build)…");
  await build({ configFile: join(CLIENT_DIR, "vite.config.ts"), logLevel: opts.quiet ? "silent" : "warn" });
  precompress(DIST_DIR);
  if (!opts.quiet) {
    const s = bundleSize();
    console.log(`Client built in ${((Date.now() - t0) / 1000).toFixed(1)} s: JS ${(s.jsBytes / 1024).toFixed(0)} KB, ${(s.jsBrotli / 1024).toFixed(1)} KB brotli, ${(s.jsGzip / 1024).toFixed(1)} KB gzip.`);
  }
  return true;
}
