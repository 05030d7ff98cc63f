// Browser part of the XSS suite: opens pages whose data carries attack
// payloads in headless chromium, hovers and clicks every map marker so
// that Leaflet builds its tooltips and popups from that data, and fails
// if any payload ran (a dialog, window.__xss) or added an element or an
// event handler to the page. Each page is read twice: with the site's
// Content-Security-Policy, and without it, so that the escaping is shown
// to hold on its own. Run by TestSecurityBrowserXSS in internal/web; by
// hand: node internal/web/browsertest/xss.mjs BASEURL PATH...
import { chromium } from "playwright-core";

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node xss.mjs BASEURL PATH...");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const problems = [];
let checked = 0;

// inspect runs in the page: what a payload may have added to the DOM.
function inspect() {
  const out = [];
  const allowedInOverlay = new Set(["DIV", "SPAN", "P", "STRONG", "A", "UL", "LI"]);
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith("on")) out.push(`<${el.tagName.toLowerCase()} ${a.name}>`);
    }
    if (el.tagName === "A" && /^\s*(javascript|data|vbscript):/i.test(el.getAttribute("href") || "")) {
      out.push(`<a href="${el.getAttribute("href")}">`);
    }
    if (["IFRAME", "OBJECT", "EMBED", "BASE", "STYLE"].includes(el.tagName)) out.push(`<${el.tagName.toLowerCase()}>`);
    if (el.tagName === "SCRIPT" && el.src && !el.src.startsWith(location.origin + "/static/")) out.push(`<script src=${el.src}>`);
    if (el.closest(".leaflet-tooltip, .leaflet-popup-content") && !allowedInOverlay.has(el.tagName)) {
      out.push(`<${el.tagName.toLowerCase()}> in a map overlay`);
    }
  }
  if (window.__xss) out.push("window.__xss was set");
  return out;
}

for (const bypassCSP of [false, true]) {
  const ctx = await browser.newContext({ bypassCSP, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const label = bypassCSP ? "without CSP" : "with CSP";
  page.on("dialog", async (d) => {
    problems.push(`${label} ${page.url()}: a payload opened a ${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`${label} ${page.url()}: page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations = (window.__violations || []).concat(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  for (const path of paths) {
    await page.goto(base + path);
    await page.waitForFunction(() => [...document.querySelectorAll("[data-map]")].every((n) => n.dataset.ready === "1" || n.dataset.mapError),
      null, { timeout: 15000 }).catch(() => problems.push(`${label} ${path}: a map was not drawn`));
    const markers = page.locator("path.ev");
    const n = await markers.count();
    const tooltips = new Set(), popups = new Set();
    const texts = (sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent));
    // Events sent to each marker itself: hovering a point could reach a
    // marker drawn over it instead.
    for (let i = 0; i < n; i++) {
      const m = markers.nth(i);
      await m.dispatchEvent("mouseover");
      for (const t of await texts(".leaflet-tooltip")) tooltips.add(t);
      for (const p of await page.evaluate(inspect)) problems.push(`${label} ${path}: marker ${i} tooltip: ${p}`);
      await m.dispatchEvent("click");
      for (const t of await texts(".leaflet-popup-content")) popups.add(t);
      for (const p of await page.evaluate(inspect)) problems.push(`${label} ${path}: marker ${i} popup: ${p}`);
      checked += 2;
    }
    if (tooltips.size < n || popups.size < n) {
      problems.push(`${label} ${path}: ${tooltips.size} tooltips and ${popups.size} popups for ${n} markers`);
    }
    for (const p of await page.evaluate(inspect)) problems.push(`${label} ${path}: ${p}`);
    const violations = await page.evaluate(() => window.__violations || []);
    for (const v of violations) problems.push(`${label} ${path}: something tried what the CSP forbids: ${v}`);
    console.log(`ok   ${label} ${path}: ${n} markers, ${tooltips.size} tooltips and ${popups.size} popups built from their data`);
    checked++;
  }
  await ctx.close();
}
await browser.close();

console.log(`${checked} page states checked`);
if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  const uniq = [...new Set(problems)];
  for (const p of uniq.filter((p) => p.includes("opened a")).slice(0, 10).concat(uniq.slice(0, 40))) console.log(p);
  process.exit(1);
}
