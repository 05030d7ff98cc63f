// Browser test of editors' corrections: logs in as an editor, rejects the
// first event of an article, confirms the next, and checks what editors
// and readers then see. Screenshots go to OUTDIR. Run by
// TestBrowserCorrections in internal/web; by hand:
//   node internal/web/browsertest/corrections.mjs BASEURL OUTDIR ARTICLE NAME PASSWORD
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, outdir, article, name, password] = process.argv.slice(2);
if (!base || !outdir || !article || !name || !password) {
  console.error("usage: node corrections.mjs BASEURL OUTDIR ARTICLE NAME PASSWORD");
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const userDataDir = mkdtempSync(join(tmpdir(), "sitrep-chromium-"));

const problems = [];
function check(ok, what) {
  if (!ok) {
    problems.push(what);
    console.error("FAIL " + what);
  } else {
    console.log("ok   " + what);
  }
}

async function open(profile, options) {
  const ctx = await chromium.launchPersistentContext(join(userDataDir, profile), {
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
    ...options,
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  // Any script error or CSP violation fails the run.
  page.on("pageerror", (e) => problems.push(`${profile}: page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${profile}: console error: ${m.text()}`);
  });
  return { ctx, page };
}

const events = (page) => page.locator("ol.event-list > li.event");

async function editor() {
  const { ctx, page } = await open("editor", { viewport: { width: 1280, height: 900 } });
  const articleURL = base + "/article/" + article;
  // Asking for the login page with next= brings the editor back.
  await page.goto(base + "/login?next=" + encodeURIComponent("/article/" + article));
  await page.fill("#login-name", name);
  await page.fill("#login-password", password);
  await Promise.all([page.waitForURL(articleURL), page.locator(".account-form button[type=submit]").click()]);
  check((await page.locator("#corrections-heading").count()) === 1, "an editor sees the corrections panel");
  const before = await events(page).count();
  check(before >= 2, `the article has ${before} events to correct`);
  const first = await events(page).nth(0).locator(".event-type strong").innerText();
  const secondQuote = await events(page).nth(1).locator(".event-quote").innerText();
  await shot(page, "corrections-before-desktop");

  // Reject the first event.
  await Promise.all([page.waitForURL(/correction=saved/), events(page).nth(0).locator("button.corr-reject").click()]);
  check((await events(page).count()) === before - 1, `rejecting leaves ${before - 1} events`);
  check((await page.locator(".notice[role=status]").first().innerText()).includes("Correction saved"), "a notice says the correction was saved");
  // The event that was second is now first: confirm it. (From the plain
  // URL, so that waiting for the next ?correction=saved waits for it.)
  check((await events(page).nth(0).locator(".event-quote").innerText()) === secondQuote, "the next event moved up");
  await page.goto(articleURL);
  await Promise.all([page.waitForURL(/correction=saved/), events(page).nth(0).locator("button.corr-confirm").click()]);
  const badge = events(page).nth(0).locator(".badge-verified");
  check((await badge.count()) === 1 && (await badge.isVisible()), "the confirmed event carries a visible verified badge");
  // An edit form opens without script and shows the event's values.
  await events(page).nth(0).locator("details.corr-edit > summary").click();
  check(await events(page).nth(0).locator("select[name=sub_type]").isVisible(), "the edit form opens");
  const history = await page.locator(".corr-history > li").count();
  check(history === 2, `the history lists both corrections (${history})`);
  await events(page).nth(0).screenshot({ path: join(outdir, "corrections-event-editor.png") });
  await page.locator("#corrections").screenshot({ path: join(outdir, "corrections-panel.png") });
  await shot(page, "corrections-after-desktop");
  await ctx.close();
  return { before, first, secondQuote };
}

async function reader({ before, secondQuote }) {
  const { ctx, page } = await open("reader", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  await page.goto(base + "/article/" + article);
  check((await page.locator("#corrections-heading").count()) === 0, "a reader sees no corrections panel");
  check((await page.locator("button.corr-confirm, button.corr-reject").count()) === 0, "a reader sees no correction buttons");
  check((await events(page).count()) === before - 1, "a reader no longer sees the rejected event");
  const firstEvent = events(page).nth(0);
  check((await firstEvent.locator(".event-quote").innerText()) === secondQuote && (await firstEvent.locator(".badge-verified").isVisible()),
    "a reader sees the confirmed event marked verified");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `the corrected article fits the phone's width (${width}px)`);
  await firstEvent.screenshot({ path: join(outdir, "corrections-event-reader-phone.png") });
  await shot(page, "corrections-reader-phone");
  await ctx.close();
}

async function shot(page, file) {
  await page.screenshot({ path: join(outdir, file + ".png"), fullPage: true });
}

try {
  const seen = await editor();
  await reader(seen);
} catch (e) {
  problems.push("exception: " + (e.stack || e));
}
rmSync(userDataDir, { recursive: true, force: true });
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n` + problems.join("\n"));
  process.exit(1);
}
console.log("\ncorrections browser test passed; screenshots in " + outdir);
