// npm run build:client — builds client/dist with Vite and prints each file's size, raw and gzipped.
import { buildClient, bundleSize } from "./client-build.ts";

await buildClient({ force: true });
const s = bundleSize();
for (const f of s.files.sort((a, b) => b.gzip - a.gzip)) console.log(`${f.file.padEnd(40)} ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  gzip ${(f.gzip / 1024).toFixed(1).padStart(7)} KB`);
console.log(`JS total: ${(s.jsBytes / 1024).toFixed(1)} KB, gzip ${(s.jsGzip / 1024).toFixed(1)} KB (all files gzip ${(s.totalGzip / 1024).toFixed(1)} KB)`);
if (process.argv.includes("--json")) console.log(JSON.stringify({ jsBytes: s.jsBytes, jsGzip: s.jsGzip, totalGzip: s.totalGzip }));
