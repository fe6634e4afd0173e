// Serves the exported site in out/ the way a static host does: `sirv` with the precompressed .br/.gz files the build
// writes (scripts/compress.mjs), ETags, long-lived caching for Next's content-hashed assets and revalidation for the
// rest, the site's Content Security Policy as a header (scripts/csp.mjs), the base path, directory redirects and the
// 404 page. Used by `npm start`, by the Playwright tests and by the browser benchmark.
//
// Environment: PORT (3000), HOST (127.0.0.1), SITE_DIR (out), NEXT_BASE_PATH (the build's base path, '' by default).
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import sirv from 'sirv';
import { headerPolicy, htmlFiles, metaPolicyOf } from './csp.mjs';

const root = resolve(process.env.SITE_DIR ?? 'out');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const basePath = process.env.NEXT_BASE_PATH ?? '';

if (!existsSync(root)) {
  console.error(`No built site at ${root}: run \`npm run build\` first.`);
  process.exit(1);
}

// Each page's header policy is the one its meta tag carries (with that page's script hashes) plus frame-ancestors:
// the browser enforces both, so they must agree. Everything else (scripts, the worker, wasm, fonts, data) gets the
// policy without hashes, which is what a worker runs under.
const pagePolicies = new Map();
for (const file of htmlFiles(root)) {
  const policy = metaPolicyOf(readFileSync(file, 'utf8'));
  pagePolicies.set(`/${relative(root, file).split(sep).join('/')}`, headerPolicy(policy ?? undefined));
}
const assetPolicy = headerPolicy();

/** The header policy for a request path, as sirv resolves it (exact file, `.html`, or the directory's index). */
function policyFor(pathname) {
  const p = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return pagePolicies.get(p) ?? pagePolicies.get(`${p}.html`) ?? pagePolicies.get(`${p}/index.html`) ?? assetPolicy;
}

const files = sirv(root, {
  gzip: true,
  brotli: true,
  etag: true,
  extensions: ['html'],
  setHeaders(res, pathname) {
    // Next's /_next/static/ files are named by their content: cache them for good. Pages, results, the service
    // worker and the wasm binaries keep their names across deploys: revalidate (cheap, with the ETag).
    res.setHeader('Cache-Control', pathname.startsWith('/_next/static/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('Content-Security-Policy', policyFor(pathname));
    res.setHeader('X-Content-Type-Options', 'nosniff');
  },
});

const notFoundFile = join(root, '404.html');
const notFound = existsSync(notFoundFile) ? readFileSync(notFoundFile) : null;

function sendNotFound(res) {
  if (!notFound) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return;
  }
  res.writeHead(404, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': policyFor('/404.html'),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(notFound);
}

/** Whether `path` (below the base path) is a directory of the export holding an index.html. */
function isPageDirectory(path) {
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  const dir = resolve(root, `.${decoded}`);
  if (dir !== root && !dir.startsWith(root + sep)) return false;
  return existsSync(join(dir, 'index.html')) && statSync(dir).isDirectory();
}

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  let path = pathname;
  if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length) || '/';
  if (!path.endsWith('/') && isPageDirectory(path)) {
    // A directory without its trailing slash: redirect, as static hosts do, so relative URLs resolve.
    res.writeHead(308, { Location: `${pathname}/${query}` });
    res.end();
    return;
  }
  req.url = path + query;
  files(req, res, () => sendNotFound(res));
});

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://localhost:${port}${basePath}/`);
});
