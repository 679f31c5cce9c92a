// The HTTP side of the game port: GET /healthz, and the client's static files at /.
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import sirv from "sirv";

/** The built client (client/dist) when there is one, else the client/ folder as it is. */
export function defaultStaticDir(root: string): string {
  const dist = join(root, "client", "dist");
  return existsSync(join(dist, "index.html")) ? dist : join(root, "client");
}

/** Vite's hashed output (`assets/name-[hash].ext`): its name changes whenever its content does. */
const HASHED = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const REVALIDATE = "no-cache";

/**
 * A GET/HEAD handler serving the files under `dir` through sirv (no listing, no escaping the folder);
 * calls next() when there is no such file. It sends a file's precompressed `.br` or `.gz` sibling
 * (written by the client build) to a browser that accepts it; hashed assets are cached for good,
 * everything else (index.html first) is revalidated with its ETag on every use.
 * `dev` looks files up on disk at each request (the client/ sources); otherwise the folder's list of
 * files is read once, at start.
 */
export function staticFiles(dir: string, opts: { dev?: boolean } = {}) {
  const serve = sirv(resolve(dir), {
    dev: opts.dev ?? false,
    etag: true,
    brotli: true,
    gzip: true,
    extensions: ["html"],
    setHeaders: (res, pathname) => res.setHeader("cache-control", HASHED.test(pathname) ? IMMUTABLE : REVALIDATE),
  });
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    serve(req, res, next);
  };
}

/** The join link of a room: its path on the game port. */
export function joinPath(code: string): string {
  return `/join/${code}`;
}

/** GET /join/CODE: the client page, told which room to open (it reads ?join=). */
export function joinLinks(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const m = /^\/join\/([A-Za-z]{6})\/?$/.exec(new URL(req.url ?? "/", "http://x").pathname);
  if (!m || (req.method !== "GET" && req.method !== "HEAD")) return next();
  res.writeHead(302, { location: `/?join=${m[1].toUpperCase()}`, "cache-control": "no-store" });
  res.end();
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}
