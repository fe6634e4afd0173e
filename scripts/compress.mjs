// Runs last in `npm run build`: writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of out/,
// so the local server (scripts/serve.mjs, sirv) answers with compressed bodies exactly as a static host or CDN does,
// and local measurements (Lighthouse, load times) are honest. Copies that save less than 5 % are not kept.
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const out = 'out';
const COMPRESSIBLE = /\.(html|js|mjs|css|json|txt|svg|wasm|csv|ttf|map|xml|webmanifest)$/;
const MIN_BYTES = 1024;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
// Stale copies from an earlier run go first (a page may have changed since).
for (const file of files(out)) if (/\.(br|gz)$/.test(file)) rmSync(file);
for (const file of files(out)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const data = readFileSync(file);
  if (data.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gzip = gzipSync(data, { level: 9 });
  raw += data.length;
  count += 1;
  if (brotli.length < data.length * 0.95) {
    writeFileSync(`${file}.br`, brotli);
    br += brotli.length;
  } else br += data.length;
  if (gzip.length < data.length * 0.95) {
    writeFileSync(`${file}.gz`, gzip);
    gz += gzip.length;
  } else gz += data.length;
}
const kB = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`compress: ${count} files, ${kB(raw)} → ${kB(br)} brotli, ${kB(gz)} gzip`);
