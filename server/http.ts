// The HTTP side of the game port: GET /healthz, and the client's static files at /.
import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** The built client (client/dist) when there is one, else the client/ folder as it is. */
export function defaultStaticDir(root: string): string {
  const dist = join(root, "client", "dist");
  return existsSync(join(dist, "index.html")) ? dist : join(root, "client");
}

/** A GET handler serving files under `dir` (no listing, no escaping the folder); calls next() when there is no such file. */
export function staticFiles(dir: string) {
  const base = resolve(dir);
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return next();
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return next();
    let st;
    try {
      st = statSync(file);
    } catch {
      return next();
    }
    if (!st.isFile()) return next();
    const body = readFileSync(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
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
