// Real-browser test of the built site: headless Chromium (Debian's) driven
// by playwright-core. It builds the demo site for a loopback address,
// serves it, walks home → story → article, searches, checks both colour
// schemes, the 404 page and the site without JavaScript, fails on any
// console error, and saves screenshots (desktop 1280×900, phone 390×844).
//
//   node test.mjs                 build from the repository's content/
//   SHOTS=dir node test.mjs       where screenshots go (default ./screenshots)
//   CHROMIUM=/path node test.mjs  another browser binary
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { createReadStream, readFileSync, writeFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const shots = resolve(process.env.SHOTS || join(here, "screenshots"));
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
// The Content-Security-Policy the host sends (netlify.toml's), so the test
// sees what CSP would block. upgrade-insecure-requests is dropped: the
// test serves plain HTTP on loopback.
const csp = (() => {
  try {
    const m = readFileSync(join(repo, "netlify.toml"), "utf8").match(/Content-Security-Policy\s*=\s*"([^"]*)"/);
    return m ? m[1].split(";").map((d) => d.trim()).filter((d) => d && d !== "upgrade-insecure-requests").join("; ") : "";
  } catch { return ""; }
})();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain",
  ".wasm": "application/wasm", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
};

// serve answers GET requests from dir() the way a static host does:
// folders by their index.html, unknown paths with 404.html and status 404.
function serve(root) {
  return createServer((req, res) => {
    const dir = root();
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(dir, p));
    if (!file.startsWith(dir + sep) && file !== dir) { res.writeHead(400); return res.end(); }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    let status = 200;
    if (!existsSync(file)) { status = 404; file = join(dir, "404.html"); }
    const headers = { "content-type": types[extname(file)] || "application/octet-stream" };
    if (csp) headers["content-security-policy"] = csp;
    res.writeHead(status, headers);
    createReadStream(file).pipe(res);
  });
}

// site builds the demo into a fresh folder for base. Without content/ in
// the repository (a bare checkout), the seed articles are imported first.
function site(base) {
  const tmp = mkdtempSync(join(tmpdir(), "digest-browser-"));
  const out = join(tmp, "public");
  const args = ["run", "./cmd/digest"];
  let root = [];
  if (!existsSync(join(repo, "content", "articles")) || readdirSync(join(repo, "content", "articles")).length === 0) {
    copyFileSync(join(repo, "digest.toml"), join(tmp, "digest.toml"));
    execFileSync("go", [...args, "import", "--root", tmp, join(repo, "testdata", "seeds")], { cwd: repo, stdio: "inherit" });
    root = ["--root", tmp];
  }
  execFileSync("go", [...args, "build", ...root, "--out", out, "--base-url", base], { cwd: repo, stdio: "inherit" });
  return { tmp, out };
}

let siteDir = "";
const server = serve(() => siteDir);
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const port = server.address().port;
const base = `http://127.0.0.1:${port}/`;
const { tmp, out } = site(base);
siteDir = resolve(out);
mkdirSync(shots, { recursive: true });

console.log(csp ? `serving with the host's CSP: ${csp}` : "no CSP found in netlify.toml");
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const problems = [];
async function newPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !page.url().includes("/no-such-page/")) problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`exception on ${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => {
    // A page left before its favicon arrived aborts the request; not a fault.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().includes("/no-such-page/")) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return page;
}
async function shoot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}
const bg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
// layoutShift sums the page's layout shifts so far (Chromium's own metric).
const layoutShift = (page) => page.evaluate(() => new Promise((ok) => {
  let sum = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) sum += e.value; })
    .observe({ type: "layout-shift", buffered: true });
  setTimeout(() => ok(sum), 300);
}));

try {
  for (const [label, options] of [
    ["desktop", { viewport: { width: 1280, height: 900 } }],
    ["phone", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ]) {
    const page = await newPage(options);
    // Home.
    let res = await page.goto(base, { waitUntil: "load" });
    check(res.status() === 200, `${label}: home answers 200`);
    const cards = await page.locator(".card").count();
    check(cards > 0, `${label}: home lists ${cards} stories`);
    check((await page.locator("h1").count()) === 1, `${label}: home has one h1`);
    check(await page.evaluate((w) => document.documentElement.scrollWidth <= w, options.viewport.width), `${label}: home does not scroll sideways`);
    const cls = await layoutShift(page);
    check(cls < 0.01, `${label}: home layout shift ${cls.toFixed(4)} < 0.01`);
    await shoot(page, `${label}-home`);
    // Story.
    const headline = (await page.locator(".card-title a").first().innerText()).trim();
    await page.locator(".card-title a").first().click();
    await page.waitForLoadState("load");
    check(page.url().startsWith(base + "threads/"), `${label}: a story title leads to its page (${page.url()})`);
    check((await page.locator("h1").innerText()).trim() === headline, `${label}: the story page is headed "${headline}"`);
    const items = await page.locator(".timeline .item").count();
    check(items > 0, `${label}: the story's timeline has ${items} reports`);
    check((await page.locator('a[type="application/rss+xml"]').count()) > 0, `${label}: the story has a follow link`);
    await shoot(page, `${label}-thread`);
    // Article.
    const title = (await page.locator(".timeline .item-title a").first().innerText()).trim();
    await page.locator(".timeline .item-title a").first().click();
    await page.waitForLoadState("load");
    check(page.url().startsWith(base + "articles/"), `${label}: a report's title leads to its page`);
    check((await page.locator("h1").innerText()).trim() === title, `${label}: the article page is headed "${title}"`);
    const paras = await page.locator(".article .body p").count();
    check(paras > 1, `${label}: the article shows its text (${paras} paragraphs)`);
    check((await page.locator(".story").count()) === 1, `${label}: the article shows the story around it`);
    check(await page.evaluate((w) => document.documentElement.scrollWidth <= w, options.viewport.width), `${label}: article does not scroll sideways`);
    await shoot(page, `${label}-article`);
    await page.screenshot({ path: join(shots, `${label}-article-full.png`), fullPage: true });
    // Search from the header link, typing a word of the article's title.
    await page.getByRole("link", { name: "Search", exact: true }).click();
    await page.waitForLoadState("load");
    const input = page.locator("#q");
    await input.waitFor({ timeout: 10000 });
    const word = title.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter((w) => w.length > 4)[0] || title.split(/\s+/)[0];
    await input.fill(word);
    const result = page.locator(".search-result .search-title a").first();
    await result.waitFor({ timeout: 10000 });
    const found = await page.locator(".search-result").count();
    check(found > 0, `${label}: searching "${word}" finds ${found} results`);
    await shoot(page, `${label}-search`);
    const href = await result.getAttribute("href");
    res = await page.goto(new URL(href, page.url()).href);
    check(res.status() === 200 && /\/(articles|threads)\//.test(page.url()), `${label}: the first result opens (${href})`);
    // A query in the address, as the home page's SearchAction promises.
    await page.goto(base + "search/?q=" + encodeURIComponent(word));
    await page.locator(".search-result").first().waitFor({ timeout: 10000 });
    check((await page.locator("#q").inputValue()) === word, `${label}: /search/?q= runs the query`);
    await page.context().close();
  }

  // Colour schemes follow the system; axe-core checks every kind of page
  // in both (contrast above all), the search page with results shown.
  const schemes = {};
  for (const scheme of ["light", "dark"]) {
    // bypassCSP lets axe-core in; the other contexts keep the host's CSP.
    const page = await newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, bypassCSP: true });
    const urls = [base, base + "archive/", base + "tags/", base + "outlets/", base + "no-such-page/"];
    await page.goto(base);
    for (const sel of [".card-title a", ".card .headlines a"]) urls.push(new URL(await page.locator(sel).first().getAttribute("href"), base).href);
    await page.goto(urls.at(-1));
    urls.push(new URL(await page.locator(".article .kicker a").getAttribute("href"), base).href);
    for (const href of await page.locator(".article-foot .tags a, .meta a").evaluateAll((as) => as.map((a) => a.href))) urls.push(href);
    urls.push(base + "search/?q=korea");
    for (const u of urls) {
      await page.goto(u);
      if (u.includes("/search/")) await page.locator(".search-result").first().waitFor({ timeout: 10000 });
      await page.addScriptTag({ content: axeSource });
      const r = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] }));
      const v = r.violations.map((x) => `${x.id} (${x.nodes.length}: ${x.nodes[0].target.join(" ")})`);
      check(v.length === 0, `${scheme}: axe finds no violations on ${u.replace(base, "/")}${v.length ? ": " + v.join("; ") : ""}`);
    }
    await page.goto(base);
    schemes[scheme] = await bg(page);
    await shoot(page, `scheme-${scheme}-home`);
    await page.locator(".card-title a").first().click();
    await page.waitForLoadState("load");
    await page.locator(".timeline .item-title a").first().click();
    await page.waitForLoadState("load");
    await shoot(page, `scheme-${scheme}-article`);
    await page.context().close();
  }
  check(schemes.light !== schemes.dark, `light (${schemes.light}) and dark (${schemes.dark}) backgrounds differ`);

  // Keyboard: the first Tab shows the skip link, with a visible outline.
  {
    const page = await newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base);
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { text: el.textContent.trim(), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), left: el.getBoundingClientRect().left };
    });
    check(focus.text === "Skip to content" && focus.left >= 0, "the first Tab reaches the skip link, on screen");
    check(focus.outline !== "none" && focus.width >= 2, `focus is visible (${focus.outline} ${focus.width}px)`);
    // 404.
    const res = await page.goto(base + "no-such-page/");
    check(res.status() === 404 && (await page.locator("h1").innerText()).includes("not found"), "an unknown address shows the 404 page");
    await page.context().close();
  }

  // The index is sharded by month and searched as one in the browser: a site with
  // one article a month before the demo's, found by a fixed set of
  // queries whose answers live in either shard, ranked title match first.
  {
    const sharded = mkdtempSync(join(tmpdir(), "digest-browser-shards-"));
    try {
      const src = existsSync(join(repo, "content", "articles")) ? join(repo, "content") : null;
      execFileSync("cp", ["-r", src || join(tmp, "content"), join(sharded, "content")]);
      copyFileSync(join(repo, "digest.toml"), join(sharded, "digest.toml"));
      writeFileSync(join(sharded, "content", "articles", "zanzibar-clove-harvest-0123456789ab.md"),
        '---\nid: 0123456789ab\ntitle: "Zanzibar clove harvest breaks records"\ndate: "2025-06-03T08:00:00Z"\nsource: "BBC News"\nlanguage: en\n---\n\n' +
        "Farmers on Pemba island brought in the largest clove harvest in a decade, the cooperative said.\n\nPrices held steady at the Stone Town auction.\n");
      execFileSync("go", ["run", "./cmd/digest", "build", "--root", sharded, "--out", join(sharded, "public"), "--base-url", base], { cwd: repo, stdio: "inherit" });
      siteDir = resolve(join(sharded, "public"));
      const page = await newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(base + "search/");
      const index = await page.locator("#search").getAttribute("data-index");
      const manifest = await page.evaluate(async (u) => (await fetch(u)).json(), new URL(index + "manifest.json", base).href);
      const segs = manifest.s.map((x) => x[0]);
      check(segs.length >= 2 && segs.some((d) => d.startsWith("2025-06-")), `sharded: the index has the older month's segment (${segs.join(", ")})`);
      const queries = [
        // [query, the URL the first result must have, results expected at least]
        ["clove", "articles/zanzibar-clove-harvest-0123456789ab/", 1],
        ["pemba", "articles/zanzibar-clove-harvest-0123456789ab/", 1],
        // All words, the last one a prefix; case and diacritics folded.
        ["clove harv", "articles/zanzibar-clove-harvest-0123456789ab/", 1],
        ["PEMBA Íslánd", "articles/zanzibar-clove-harvest-0123456789ab/", 1],
      ];
      for (const [q, want, n] of queries) {
        await page.goto(base + "search/?q=" + encodeURIComponent(q));
        await page.locator(".search-result").first().waitFor({ timeout: 10000 });
        const links = await page.locator(".search-result .search-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        check(links.length >= n && links[0].endsWith(want), `sharded: "${q}" finds ${want} first (${links.join(", ")})`);
        const marks = await page.locator(".search-result").first().locator("mark").allInnerTexts();
        check(marks.length > 0, `sharded: "${q}": the first result's excerpt marks the words (${marks.join(", ")})`);
      }
      {
        const q = "Lavrov";
        await page.goto(base + "search/?q=" + q);
        await page.locator(".search-result").first().waitFor({ timeout: 10000 });
        const first = (await page.locator(".search-result .search-title a").first().innerText()).trim();
        const n = await page.locator(".search-result").count();
        check(n > 1 && first.includes(q), `sharded: "${q}" finds ${n} demo articles, a title with the word first ("${first}")`);
        const urls = await page.locator(".search-result .search-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        check(urls.every((u) => /\/articles\//.test(u)), "sharded: results are articles, each indexed once (no story pages repeating them)");
      }
      await page.context().close();
    } finally {
      siteDir = resolve(out);
      if (!process.env.KEEP) rmSync(sharded, { recursive: true, force: true });
    }
  }

  // Without JavaScript everything but live search works, and the search
  // page says how to browse instead.
  {
    const page = await newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await page.goto(base);
    check((await page.locator(".card").count()) > 0, "without JavaScript: home lists stories");
    await page.goto(base + "search/?q=korea");
    check(await page.locator("form.search-form").isVisible(), "without JavaScript: the search page keeps its plain form");
    const text = await page.locator("main").innerText();
    check(text.includes("needs JavaScript"), "without JavaScript: the search page explains");
    await shoot(page, "nojs-search");
    await page.context().close();
  }
} finally {
  await browser.close();
  server.close();
  if (!process.env.KEEP) rmSync(tmp, { recursive: true, force: true });
}

for (const p of problems) console.log(`FAIL ${p}`);
failures += problems.length;
console.log(failures ? `\n${failures} failure(s)` : `\nall browser checks passed; screenshots in ${shots}`);
process.exit(failures ? 1 : 0);
