// Runs after `next build` (before scripts/sw.mjs, which hashes the pages it precaches): writes the site's Content
// Security Policy into every exported page as `<meta http-equiv="Content-Security-Policy">` (DESIGN.md, "Security").
//
// Scripts come only from the site itself, plus the page's own inline scripts (the theme-init script and Next's RSC
// bootstrap), each allowed by the SHA-256 of its text; `'wasm-unsafe-eval'` lets the tfjs wasm backend compile its
// binary; `'unsafe-eval'` never appears. A meta policy cannot carry `frame-ancestors` (browsers ignore it there and
// say so on the console), so that directive travels only in the HTTP header `npm start` sends (scripts/serve.mjs,
// which imports `headerPolicy` from here) and a deploy should send (README, "Deploy").
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directives every page shares; `scriptHashes` are `'sha256-…'` sources for that page's inline scripts. */
export function pagePolicy(scriptHashes = []) {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(' '),
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The header form of a page's policy: the meta policy plus what only a header can say. */
export function headerPolicy(metaPolicy = pagePolicy()) {
  return `${metaPolicy}; frame-ancestors 'none'`;
}

const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\/>/;
// Inline classic scripts: a <script> without src. Their text is raw (no entities), so it is hashed as written.
const INLINE_SCRIPT = /<script([^>]*)>([\s\S]*?)<\/script>/g;

/** The policy written into an exported page, or null if it has none. */
export function metaPolicyOf(html) {
  const m = META.exec(html);
  return m ? m[1] : null;
}

/** `'sha256-…'` of every inline script of `html`, in document order, without repeats. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attrs, text] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc=/.test(attrs)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** `html` with its CSP meta tag (re)written from its current inline scripts, right after `<meta charSet>`. */
export function withPolicy(html) {
  const bare = html.replace(META, '');
  const tag = `<meta http-equiv="Content-Security-Policy" content="${pagePolicy(inlineScriptHashes(bare))}"/>`;
  const anchor = /<meta charSet="utf-8"\/>/i.exec(bare) ?? /<head[^>]*>/i.exec(bare);
  if (!anchor) throw new Error('csp: no <head> to put the policy in');
  const at = anchor.index + anchor[0].length;
  return bare.slice(0, at) + tag + bare.slice(at);
}

export function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = 'out';
  let scripts = 0;
  const pages = htmlFiles(out);
  for (const file of pages) {
    const html = withPolicy(readFileSync(file, 'utf8'));
    scripts += inlineScriptHashes(html).length;
    writeFileSync(file, html);
  }
  console.log(`csp: policy with ${scripts} inline-script hashes written into ${pages.length} pages`);
}
