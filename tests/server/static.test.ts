// The built client's files as the game port serves them (sirv): the precompressed .br/.gz copies the
// client build writes, immutable caching of Vite's hashed assets, index.html revalidated, and no way
// out of the folder — against a real server over a miniature build in a temp folder (its own file:
// one Colyseus server per test process at a time).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameServer } from "../../server/main.ts";
import { IMMUTABLE } from "../../server/http.ts";
import { precompress } from "../../scripts/client-build.ts";
import { bootServer } from "./helpers.ts";

/**
 * GET `path` exactly as written (fetch would normalise `%2e%2e` away) and the raw bytes as they
 * travel (fetch would decompress them).
 */
function raw(gs: GameServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port: gs.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("the built client's files", () => {
  // A client build in miniature: an index.html, a hashed bundle and stylesheet as Vite names them,
  // an unhashed file, compressed by the build's own step.
  const dir = mkdtempSync(join(tmpdir(), "boomloop-dist-"));
  const bundle = "/assets/index-Cq3k_x9Z.js";
  const js = Buffer.from(Array.from({ length: 2000 }, (_, i) => `export const v${i} = "value number ${i}";\n`).join(""));
  const html = Buffer.from(`<!doctype html><title>Boom Loop</title><script type="module" src="${bundle}"></script>${"<!-- padding -->".repeat(100)}`);
  let dist: GameServer;
  beforeAll(async () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), html);
    writeFileSync(join(dir, bundle), js);
    writeFileSync(join(dir, "assets", "index-B7x_Qw2e.css"), "body{margin:0}".repeat(200));
    writeFileSync(join(dir, "robots.txt"), "User-agent: *\n".repeat(100));
    expect(precompress(dir).sort()).toEqual(["assets/index-B7x_Qw2e.css", "assets/index-Cq3k_x9Z.js", "index.html", "robots.txt"]);
    dist = await bootServer({ staticDir: dir });
  });
  afterAll(async () => {
    await dist?.close();
  });

  it("sends a hashed bundle brotli-compressed to a browser that accepts it, cached for good", async () => {
    const r = await fetch(`${dist.url}${bundle}`, { headers: { "accept-encoding": "br" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-encoding")).toBe("br");
    expect(r.headers.get("cache-control")).toBe(IMMUTABLE);
    expect(r.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(r.headers.get("vary")).toBe("Accept-Encoding");
    expect(r.headers.get("content-type")).toMatch(/^text\/javascript/);
    const brFile = readFileSync(join(dir, `${bundle}.br`));
    expect(Number(r.headers.get("content-length"))).toBe(brFile.length);
    expect(brFile.length).toBeLessThan(js.length / 4);
    expect(Buffer.from(await r.arrayBuffer()).equals(js)).toBe(true); // fetch decoded it
    // The bytes on the wire are the .br file, and decompress to the bundle.
    const wire = await raw(dist, bundle, { "accept-encoding": "gzip, deflate, br" });
    expect(wire.headers["content-encoding"]).toBe("br");
    expect(wire.body.equals(brFile)).toBe(true);
    expect(brotliDecompressSync(wire.body).equals(js)).toBe(true);
  });

  it("falls back to gzip, then to the file as it is", async () => {
    const gz = await raw(dist, bundle, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["cache-control"]).toBe(IMMUTABLE);
    expect(gunzipSync(gz.body).equals(js)).toBe(true);
    const plain = await raw(dist, bundle, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["cache-control"]).toBe(IMMUTABLE);
    expect(plain.body.equals(js)).toBe(true);
    const css = await raw(dist, "/assets/index-B7x_Qw2e.css", { "accept-encoding": "br" });
    expect(css.headers["content-type"]).toMatch(/^text\/css/);
    expect(css.headers["cache-control"]).toBe(IMMUTABLE);
  });

  it("revalidates index.html and anything not hashed (ETag, 304)", async () => {
    for (const path of ["/", "/index.html", "/robots.txt"]) {
      const r = await fetch(`${dist.url}${path}`, { headers: { "accept-encoding": "br" } });
      expect(r.status, path).toBe(200);
      expect(r.headers.get("cache-control"), path).toBe("no-cache");
      expect(r.headers.get("content-encoding"), path).toBe("br");
      const etag = r.headers.get("etag");
      expect(etag, path).toBeTruthy();
      await r.arrayBuffer();
      const again = await fetch(`${dist.url}${path}`, { headers: { "accept-encoding": "br", "if-none-match": etag! } });
      expect(again.status, path).toBe(304);
    }
    expect(await (await fetch(`${dist.url}/`)).text()).toBe(html.toString());
    const head = await fetch(`${dist.url}${bundle}`, { method: "HEAD", headers: { "accept-encoding": "br" } });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-encoding")).toBe("br");
  });

  it("keeps the join links, refuses other methods and paths out of the folder", async () => {
    const link = await fetch(`${dist.url}/join/kxprtm`, { redirect: "manual" });
    expect(link.status).toBe(302);
    expect(link.headers.get("location")).toBe("/?join=KXPRTM");
    expect((await fetch(`${dist.url}${bundle}`, { method: "PUT", body: "x" })).status).toBe(404);
    for (const evil of ["/../package.json", "/..%2Fpackage.json", "/%2e%2e/package.json", "/assets/../../index.html", "/assets/..%2F..%2Findex.html", "/assets/%2e%2e/%2e%2e/package.json", `/${"..%2F".repeat(8)}etc/passwd`, "/..\\package.json"]) {
      expect((await raw(dist, evil)).status, evil).toBe(404);
    }
    expect((await fetch(`${dist.url}/assets/`)).status).toBe(404);
  });
});
