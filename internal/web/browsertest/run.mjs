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

// A console error a step causes on purpose (a refused login's 401).
let expectedConsole = null;

async function open(name, viewport = name) {
  const ctx = await chromium.launchPersistentContext(join(userDataDir, name), {
    executablePath,
    headless: true,
    acceptDownloads: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
    ...viewports[viewport],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  // Any script error or CSP violation fails the run.
  page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !(expectedConsole && expectedConsole.test(m.text()))) problems.push(`${name}: console error: ${m.text()}`);
  });
  page.on("requestfailed", (r) => {
    if (!r.url().startsWith(base)) return;
    // A page left while its favicon or an image still loads aborts the
    // request: the browser's doing, not the server's.
    if (r.failure()?.errorText === "net::ERR_ABORTED" && ["image", "other"].includes(r.resourceType())) return;
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

  // Stories: the list, then one story's timeline and disagreements.
  await page.goto(base + "/stories");
  check((await page.locator(".story-card").count()) > 0, "the stories page lists stories");
  await page.goto(base + "/stories");
  const storyLinks = await page.locator(".story-card .card-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  let disputed = null;
  for (const href of storyLinks) {
    await page.goto(base + href);
    await page.waitForSelector("#timeline-heading");
    if ((await page.locator(".contradiction").count()) > 0) { disputed = href; break; }
  }
  check(disputed !== null, "a story shows where its sources disagree");
  check((await page.locator(".timeline-event").count()) > 0, "the story has a timeline of events");
  await shot(page, "story-desktop");

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
  await page.goto(base + "/stories");
  await page.locator(".story-card .card-title a").first().click();
  await page.waitForSelector("#timeline-heading");
  await shot(page, "story-phone");
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  check(sw <= 390, `story fits the phone's width (${sw}px)`);
  await page.goto(base + "/map");
  await mapReady(page, "events-map");
  await shot(page, "map-phone", false);
  await ctx.close();
}

// A reader comments on an article; an editor logs in, finds the comment
// in the moderation queue and publishes it; the reader then sees it and
// the article's count. Reader and editor are separate browsers.
async function newsroom() {
  const editorName = process.env.SITREP_EDITOR, editorPassword = process.env.SITREP_EDITOR_PASSWORD;
  if (!editorName || !editorPassword) {
    problems.push("newsroom: SITREP_EDITOR and SITREP_EDITOR_PASSWORD are not set");
    return;
  }
  const reader = await open("reader", "desktop");
  const r = reader.page;
  await r.goto(base + "/");
  const href = await r.locator(".card-title a").first().getAttribute("href");
  await r.goto(base + href);
  check((await r.locator('a[href="/login"]').innerText()).trim() === "Log in", "masthead offers Log in to a reader");
  const before = (await r.locator('.story-meta a[href="#comments"]').innerText()).trim();
  const hp = await r.locator("#comment-website").boundingBox();
  check(hp === null || hp.x + hp.width <= 0, "the honeypot field is out of sight");
  const text = "Seen from the market road at dawn.\nTwo trucks, no escort.";
  await r.fill("#comment-name", "Browser Reader");
  await r.fill("#comment-text", text);
  await Promise.all([r.waitForURL(/comment=held/), r.locator('#comment-form button[type="submit"]').click()]);
  const notice = await r.locator("#comments .notice").innerText();
  check(notice.includes("Your comment is held for moderation"), "reader is told the comment is held");
  check(!(await r.locator("#comments").innerText()).includes("market road"), "a held comment is not shown");
  await r.locator("#comments").screenshot({ path: join(outdir, "comments-held-desktop.png") });

  const editor = await open("editor", "desktop");
  const e = editor.page;
  await e.goto(base + "/moderation");
  await e.waitForURL(/\/login\?next=%2Fmoderation/);
  check(true, "the moderation queue asks for a login");
  await e.fill("#login-name", editorName);
  await e.fill("#login-password", "not the password");
  expectedConsole = /status of 401/;
  const [refused] = await Promise.all([
    e.waitForResponse((res) => res.url() === base + "/login" && res.request().method() === "POST"),
    e.locator('.account-form button[type="submit"]').click(),
  ]);
  check(refused.status() === 401 && (await e.locator(".error").innerText()).includes("Wrong user name or password"),
    "a wrong password is refused");
  expectedConsole = null;
  await e.fill("#login-password", editorPassword);
  await Promise.all([e.waitForURL(base + "/moderation"), e.locator('.account-form button[type="submit"]').click()]);
  check((await e.locator(".account-name").innerText()).trim() === editorName, "masthead shows the editor's name");
  const item = e.locator(".queue-item", { hasText: "market road" });
  check((await item.count()) === 1, "the comment waits in the moderation queue");
  check((await item.locator(".comment-text").innerText()) === text, "the queue shows the comment as written, line breaks kept");
  await shot(e, "moderation-desktop");
  await Promise.all([e.waitForURL(/done=published/), item.locator('button[value="published"]').click()]);
  check((await e.locator(".notice").innerText()).includes("Comment published"), "the editor publishes it");

  await r.goto(base + href);
  const comment = r.locator(".comment", { hasText: "market road" });
  check((await comment.count()) === 1, "the published comment is on the article");
  check((await comment.locator(".comment-author").innerText()) === "Browser Reader", "with its author");
  const after = (await r.locator('.story-meta a[href="#comments"]').innerText()).trim();
  const n = (s) => (s === "No Comments" ? 0 : parseInt(s, 10));
  check(n(after) === n(before) + 1 && /^\d+ Comments?$/.test(after), `the Comments: field counts it (${before} -> ${after})`);
  await r.locator("#comments").screenshot({ path: join(outdir, "comments-desktop.png") });

  // Log out with the masthead's button (a form: no script needed).
  await Promise.all([e.waitForURL(base + "/"), e.locator('.logout button[type="submit"]').click()]);
  check((await e.locator('a[href="/login"]').count()) === 1, "after logging out the masthead offers Log in again");
  await reader.ctx.close();
  await editor.ctx.close();
}

try {
  await desktop();
  await phone();
  await newsroom();
} catch (e) {
  problems.push("exception: " + (e.stack || e));
}
rmSync(userDataDir, { recursive: true, force: true });
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n` + problems.join("\n"));
  process.exit(1);
}
console.log("\nbrowser test passed; screenshots in " + outdir);
