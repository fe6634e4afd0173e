// A small static file server for the exported site in out/ (no dependencies). Used by `npm start`, by the
// Playwright tests and by the browser benchmark. Only serves files below out/; directories map to index.html.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.env.SITE_DIR ?? 'out');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const basePath = process.env.NEXT_BASE_PATH ?? '';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.csv': 'text/csv; charset=utf-8',
};

if (!existsSync(root)) {
  console.error(`No built site at ${root}: run \`npm run build\` first.`);
  process.exit(1);
}

function resolveFile(urlPath) {
  let path = decodeURIComponent(urlPath.split('?')[0]);
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
  const candidate = normalize(join(root, path));
  if (!candidate.startsWith(root)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  if (existsSync(join(candidate, 'index.html'))) return join(candidate, 'index.html');
  if (existsSync(`${candidate}.html`)) return `${candidate}.html`;
  return null;
}

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const file = resolveFile(url);
  if (file && !url.split('?')[0].endsWith('/') && file.endsWith('index.html') && !url.endsWith('.html')) {
    // Directory without its trailing slash: redirect, as static hosts do, so relative URLs resolve.
    res.writeHead(308, { Location: `${url.split('?')[0]}/${url.includes('?') ? url.slice(url.indexOf('?')) : ''}` });
    res.end();
    return;
  }
  const target = file ?? join(root, '404.html');
  const status = file ? 200 : 404;
  if (!existsSync(target)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return;
  }
  res.writeHead(status, {
    'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
    'Cache-Control': target.includes('/_next/static/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(target).pipe(res);
});

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://localhost:${port}${basePath}/`);
});
