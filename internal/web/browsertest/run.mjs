// Browser test of the reader site: drives Debian's chromium through
// playwright-core, as a reader would, and writes screenshots (desktop and
// phone) and the downloaded export to OUTDIR. Run by TestBrowser in
// internal/web; by hand: node internal/web/browsertest/run.mjs BASEURL OUTDIR
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, outdir] = process.argv.slice(2);
if (!base || !outdir) {
  console.error("usage: node run.mjs BASEURL OUTDIR");
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
// A fresh profile for every run, outside the artefacts.
const userDataDir = mkdtempSync(join(tmpdir(), "sitrep-chromium-"));

const viewports = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
};

const problems = [];
function check(ok, what) {
  if (!ok) {
    problems.push(what);
    console.error("FAIL " + what);
  } else {
    console.log("ok   " + what);
  }
}

async function open(name) {
  const ctx = await chromium.launchPersistentContext(join(userDataDir, name), {
    executablePath,
    headless: true,
    acceptDownloads: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
    ...viewports[name],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  // Any script error or CSP violation fails the run.
  page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${name}: console error: ${m.text()}`);
  });
  page.on("requestfailed", (r) => {
    if (!r.url().startsWith(base)) return;
    problems.push(`${name}: request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) problems.push(`${name}: request off the site: ${r.url()}`);
  });
  return { ctx, page };
}

// Maps are shot in the viewport: a full-page shot resizes the window under
// Leaflet while it draws.
async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: join(outdir, name + ".png"), fullPage });
}

async function mapReady(page, id) {
  await page.waitForSelector(`#${id}[data-ready="1"]`, { timeout: 15000 });
  // The borders load asynchronously from our own static files.
  await page.waitForFunction((id) => document.querySelectorAll(`#${id} .leaflet-borders-pane path`).length > 100, id, { timeout: 15000 });
  return Number(await page.getAttribute(`#${id}`, "data-markers"));
}

async function desktop() {
  const { ctx, page } = await open("desktop");
  // Home: the latest articles and the week's map.
  await page.goto(base + "/");
  check((await page.locator(".lead-title a").count()) === 1, "home shows a lead article");
  check((await page.locator(".card").count()) >= 10, "home lists the latest articles");
  if (await page.locator("#home-map").count()) {
    await mapReady(page, "home-map");
  }
  await shot(page, "home-desktop");

  // An article with Country and Topic filled from the analysis.
  await page.locator(".card-title a").first().click();
  await page.waitForSelector("#story-title");
  const meta = await page.locator(".story-meta").innerText();
  check(/Published:\s*\S/.test(meta), "article shows Published: " + meta.replace(/\s+/g, " ").slice(0, 40));
  const countryLinks = page.locator('.story-meta a[href^="/country/"]');
  const topicLinks = page.locator('.story-meta a[href^="/topic/"]');
  check((await countryLinks.count()) > 0, "article has Country: links");
  check((await topicLinks.count()) > 0, "article has Topic: links");
  check((await page.locator(".story-meta time[datetime][title]").count()) === 1, "published date has <time datetime title>");
  check((await page.locator("mark.hl-place[title]").count()) > 0, "places are highlighted with titles");
  check((await page.locator('a[href="#comments"]').innerText()).includes("Comment"), "comments link");
  await shot(page, "article-desktop");

  // Follow the country link.
  const country = (await countryLinks.first().innerText()).trim();
  await countryLinks.first().click();
  await page.waitForSelector(".entity-header h1");
  check((await page.locator(".entity-header h1").innerText()).trim() === country, `country page of ${country}`);
  check((await page.locator(".card").count()) > 0, "country page lists articles");
  await shot(page, "country-desktop");

  // The map: markers, then a filter by event type.
  await page.goto(base + "/map");
  const all = await mapReady(page, "events-map");
  const drawn = await page.locator("#events-map path.ev, #events-map .marker-cluster").count();
  check(all > 0 && drawn > 0, `map shows markers (${all} events, ${drawn} drawn)`);
  await shot(page, "map-desktop", false);
  await page.selectOption("#f-type", "Battles");
  await page.locator('.map-filters button[type="submit"]').click();
  await page.waitForURL(/type=Battles/);
  const battles = await mapReady(page, "events-map");
  check(battles > 0 && battles < all, `type filter narrows the map (${battles} of ${all})`);
  const types = await page.locator("table.events tbody td:nth-child(2)").allInnerTexts();
  check(types.length > 0 && types.every((t) => t.startsWith("Battles")), "filtered list shows only battles");
  // A popup links to the source article: zoom into a cluster until a
  // marker shows, then open it.
  for (let i = 0; i < 6 && (await page.locator("#events-map path.ev").count()) === 0; i++) {
    await page.locator("#events-map .marker-cluster").first().click();
    await page.waitForTimeout(500);
  }
  await page.locator("#events-map path.ev").first().click({ force: true });
  await page.waitForSelector(".leaflet-popup-content a[href^='/article/']", { timeout: 5000 });
  check(true, "a marker's popup links to its article");
  await shot(page, "map-filtered-desktop", false);

  // The export of what the map shows.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads a[href^='/export/events.csv']").click()]);
  const file = join(outdir, "events.csv");
  await download.saveAs(file);
  const csv = readFileSync(file, "utf8").split("\n");
  check(csv[0].startsWith("event_id_cnty,event_date,year,"), "CSV export has ACLED's header");
  check(csv.length > 2 && csv.slice(1).filter(Boolean).every((l) => l.includes(",Battles,")), "CSV export is filtered like the map");

  // Search from the masthead, then narrow by a facet.
  await page.goto(base + "/");
  await page.fill("#masthead-q", "ambush");
  await page.press("#masthead-q", "Enter");
  await page.waitForSelector("#results-heading");
  const hits = await page.locator(".hit").count();
  check(hits > 0, `search finds ${hits} results`);
  check((await page.locator(".snippet mark").count()) > 0, "search snippets mark the matches");
  await page.locator(".facet a").first().click();
  await page.waitForSelector(".chips a");
  check((await page.locator(".hit").count()) > 0, "a facet narrows the search");
  await shot(page, "search-desktop");

  // Keyboard: the skip link is the first stop and leads to the content.
  await page.goto(base + "/");
  await page.keyboard.press("Tab");
  check((await page.evaluate(() => document.activeElement.className)) === "skip", "first Tab stop is the skip link");
  await ctx.close();
}

async function phone() {
  const { ctx, page } = await open("phone");
  await page.goto(base + "/");
  await shot(page, "home-phone");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `home fits the phone's width (${width}px)`);
  await page.locator(".card-title a").first().click();
  await page.waitForSelector("#story-title");
  await shot(page, "article-phone");
  const aw = await page.evaluate(() => document.documentElement.scrollWidth);
  check(aw <= 390, `article fits the phone's width (${aw}px)`);
  await page.goto(base + "/map");
  await mapReady(page, "events-map");
  await shot(page, "map-phone", false);
  await ctx.close();
}

try {
  await desktop();
  await phone();
} catch (e) {
  problems.push("exception: " + (e.stack || e));
}
rmSync(userDataDir, { recursive: true, force: true });
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n` + problems.join("\n"));
  process.exit(1);
}
console.log("\nbrowser test passed; screenshots in " + outdir);
