// npm run build:client — builds client/dist with Vite, writes the .br/.gz copies the server sends, and
// prints each file's size: raw, gzip and brotli.
import { buildClient, bundleSize } from "./client-build.ts";

await buildClient({ force: true });
const s = bundleSize();
const kb = (n: number) => (n / 1024).toFixed(1);
for (const f of s.files.sort((a, b) => b.br - a.br)) console.log(`${f.file.padEnd(40)} ${kb(f.bytes).padStart(8)} KB  gzip ${kb(f.gzip).padStart(7)} KB  br ${kb(f.br).padStart(7)} KB`);
console.log(`JS total: ${kb(s.jsBytes)} KB, gzip ${kb(s.jsGzip)} KB, br ${kb(s.jsBrotli)} KB (all files gzip ${kb(s.totalGzip)} KB, br ${kb(s.totalBrotli)} KB)`);
if (process.argv.includes("--json")) console.log(JSON.stringify({ jsBytes: s.jsBytes, jsGzip: s.jsGzip, jsBrotli: s.jsBrotli, totalGzip: s.totalGzip, totalBrotli: s.totalBrotli }));
