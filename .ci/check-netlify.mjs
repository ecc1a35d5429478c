// Checks netlify.toml's headers with Netlify's own parser
// (@netlify/headers-parser, from the cached netlify-cli) and a built site
// against the Content-Security-Policy those headers send.
//
// usage: node .ci/check-netlify.mjs NODE_MODULES NETLIFY_TOML PUBLIC_DIR
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const [modules, toml, site] = process.argv.slice(2);
const { parseAllHeaders } = await import(join(modules, '@netlify/headers-parser/lib/index.js'));
const { headers, errors } = await parseAllHeaders({ netlifyConfigPath: toml, minimal: false });
let failed = 0;
const fail = (msg) => { console.error('netlify: ' + msg); failed++; };
for (const e of errors) fail(`netlify.toml: ${e.message || e}`);

// The headers a request path gets; a header set by two matching rules is
// an error, since Netlify would join their values.
const headersFor = (path) => {
  const got = {};
  for (const rule of headers) {
    if (!rule.forRegExp.test(path)) continue;
    for (const [k, v] of Object.entries(rule.values)) {
      const key = k.toLowerCase();
      if (key in got) fail(`${path}: ${k} is set by two rules`);
      got[key] = v;
    }
  }
  return got;
};

const want = {
  '/': { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' },
  '/threads/t1/': { 'referrer-policy': 'strict-origin-when-cross-origin' },
  '/assets/style.0123456789.css': { 'cache-control': 'public, max-age=31536000, immutable' },
  '/404.html': { 'x-content-type-options': 'nosniff' },
  '/search-index/2025-06-0123456789abcdef/t/7.json': { 'cache-control': 'public, max-age=31536000, immutable' },
  '/search-index/2025-06-0123456789abcdef/d/12.json': { 'cache-control': 'public, max-age=31536000, immutable' },
};
for (const dir of ['', '/stories', '/threads/t1', '/tags/kim-jong-un', '/outlets/afp']) {
  want[`${dir}/index.xml`] = { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'public, max-age=600' };
  want[`${dir}/atom.xml`] = { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=600' };
  want[`${dir}/feed.json`] = { 'content-type': 'application/feed+json; charset=utf-8', 'cache-control': 'public, max-age=600' };
}
for (const [path, values] of Object.entries(want)) {
  const got = headersFor(path);
  for (const [k, v] of Object.entries(values)) {
    if (got[k] !== v) fail(`${path}: ${k} is ${JSON.stringify(got[k])}, want ${JSON.stringify(v)}`);
  }
  if (!got['content-security-policy']) fail(`${path}: no Content-Security-Policy`);
}
for (const path of ['/sitemap.xml', '/threads/t1/', '/', '/search-index/manifest.json']) {
  if (headersFor(path)['cache-control']) fail(`${path}: HTML, sitemaps and the search manifest keep Netlify's revalidating default Cache-Control`);
}
const csp = headersFor('/')['content-security-policy'] || '';
for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
  if (!csp.includes(directive)) fail(`CSP lacks ${directive}`);
}
if (/unsafe-|\*|https?:|data:[^;]*(?:script|default)/.test(csp.replace("'wasm-unsafe-eval'", ''))) fail(`CSP allows inline code, eval or another origin: ${csp}`);

// The built pages must live within that policy: no inline script but
// JSON-LD data blocks, no inline style, no event handler attributes, no
// javascript: URLs, and nothing loaded from another origin.
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
  d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.html') ? [join(dir, d.name)] : []);
const pages = walk(site);
if (!pages.some((p) => p.endsWith('404.html') && relative(site, p) === '404.html')) fail('no 404.html at the top of the site');
const checks = [
  [/<script\b(?![^>]*\bsrc=)(?![^>]*type=["']?application\/ld\+json)[^>]*>/i, 'an inline script'],
  [/<style\b/i, 'a <style> element'],
  [/\sstyle=/i, 'a style attribute'],
  [/\son[a-z]+=/i, 'an event handler attribute'],
  [/javascript:/i, 'a javascript: URL'],
  [/<(?:iframe|object|embed)\b/i, 'a frame or plugin'],
];
// Resources (not links such as rel=canonical) must come from the site's
// own origin, which the home page's canonical link names.
const home = readFileSync(join(site, 'index.html'), 'utf8');
const origin = new URL((home.match(/<link rel="?canonical"? href="?([^"\s>]+)/) || [, 'http://invalid/'])[1]).origin;
const resource = /<(?:script|img|source|audio|video)\b[^>]*?\ssrc="?([^"\s>]+)|<link\b(?=[^>]*\srel="?(?:stylesheet|icon|preload|modulepreload|manifest)\b)[^>]*?\shref="?([^"\s>]+)/gi;
for (const p of pages) {
  const html = readFileSync(p, 'utf8');
  for (const [re, what] of checks) {
    const m = html.match(re);
    if (m) fail(`${relative(site, p)}: ${what} breaks the CSP: ${m[0].slice(0, 120)}`);
  }
  for (const m of html.matchAll(resource)) {
    const url = new URL(m[1] || m[2], origin + '/' + relative(site, p));
    if (url.origin !== origin && url.protocol !== 'data:') fail(`${relative(site, p)}: ${url} is from another origin than ${origin}`);
  }
}
if (failed) {
  console.error(`netlify: ${failed} problem(s)`);
  process.exit(1);
}
console.log(`netlify: headers of ${Object.keys(want).length} paths as intended; ${pages.length} pages within the CSP`);
