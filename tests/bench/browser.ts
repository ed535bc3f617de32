/**
 * The browser keeps up: streams a 2,000-chunk Markdown reply (code blocks, lists, tables, inline and
 * display math; highlight.js and KaTeX render them) into
 * three tabs of one session in Debian's Chromium, and reports main-thread long tasks and dropped
 * frames per tab. A measurement, not a test: it prints figures and asserts nothing.
 *   npm run bench:browser
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startFakeProvider } from '../fixtures/fake-provider/server.ts';
import { startInstance } from '../support/instances.ts';

const tabs = 3;
const chunks = 2_000;

/** Counts long tasks and frame gaps from the moment it is installed. */
function installProbe(): void {
  const probe = { longTasks: 0, longTaskMs: 0, frames: 0, dropped: 0, worstGapMs: 0 };
  (window as unknown as { __probe: typeof probe }).__probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks++;
      probe.longTaskMs += entry.duration;
    }
  }).observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  const frame = (now: number) => {
    const gap = now - last;
    last = now;
    probe.frames++;
    probe.worstGapMs = Math.max(probe.worstGapMs, gap);
    // At 60 Hz a frame is 16.7 ms; a gap of more than two frames means at least one was dropped.
    if (gap > 34) probe.dropped += Math.round(gap / 16.7) - 1;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Resolves once the tab has had nothing to do for a while (ten idle moments in a row with `spareMs`
 * to spare), or after 15 s: a reader opens a session and types before a reply streams, and the page
 * uses that time (it fetches the highlighter and KaTeX then). A page drawing every frame (the probe
 * does) has at most a frame's time to spare.
 */
function settle(spareMs: number): Promise<void> {
  return new Promise((resolve) => {
    const giveUp = setTimeout(resolve, 15_000);
    let quiet = 0;
    const check = (deadline: IdleDeadline) => {
      quiet = deadline.timeRemaining() >= spareMs ? quiet + 1 : 0;
      if (quiet < 10) requestIdleCallback(check);
      else {
        clearTimeout(giveUp);
        resolve();
      }
    };
    requestIdleCallback(check);
  });
}

/**
 * Resolves once a reply is streaming in this tab (`streaming`) or none is (`!streaming`). Asked with
 * a CSS selector every 100 ms from inside the page, not with getByRole or waitForFunction:
 * Playwright's role query walks the whole thread computing ARIA roles and names, and waitForFunction
 * injects its script into the page when first called, each a long task of its own that this bench
 * would count against the app.
 */
function replyStreaming(streaming: boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if ((document.querySelector('article[aria-busy="true"]') !== null) === streaming) resolve();
      else setTimeout(check, 100);
    };
    check();
  });
}

async function signIn(page: Page, url: string, apiKey: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Lounge', level: 1 }).waitFor();
}

const provider = await startFakeProvider({ tokenDelayMs: 5 });
const dataDir = await mkdtemp(path.join(tmpdir(), 'gptlab-bench-browser-'));
const server = await startInstance({ OPENAI_BASE_URL: provider.url, GPTLAB_SECRET: randomBytes(32).toString('base64'), DATA_DIR: dataDir, REDIS_URL: '', MONGODB_URL: '' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
try {
  // One context (window) per tab: pages sharing a window are background tabs, whose frames
  // Chromium throttles, which would measure the throttling rather than our rendering.
  const apiKey = `sk-test-browser-${randomBytes(4).toString('hex')}`;
  const first = await (await browser.newContext()).newPage();
  await signIn(first, server.url, apiKey);
  await first.goto(`${server.url}/assistant/brainstorm`);
  await first.getByRole('button', { name: 'Start session' }).click();
  await first.waitForURL(/\/session\//);
  const sessionUrl = first.url();
  const pages = [first];
  for (let i = 1; i < tabs; i++) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server.url, apiKey);
    await page.goto(sessionUrl);
    pages.push(page);
  }
  for (const page of pages) await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await Promise.all(pages.map((page) => page.evaluate(settle, 49)));
  for (const page of pages) await page.evaluate(installProbe);
  const started = performance.now();
  await first.getByRole('textbox', { name: 'Message' }).fill(`Show me everything [[markdown:${chunks}]]`);
  await first.getByRole('button', { name: 'Send' }).click();
  await Promise.all(pages.map((page) => page.evaluate(replyStreaming, true)));
  await Promise.all(pages.map((page) => page.evaluate(replyStreaming, false)));
  const seconds = (performance.now() - started) / 1000;
  // What the end of a reply sets off is counted too: a long task is reported after it ends.
  await Promise.all(pages.map((page) => page.evaluate(settle, 10)));
  console.log(`${chunks}-chunk Markdown reply streamed into ${tabs} tabs in ${seconds.toFixed(1)} s (each tab is its own page of one browser):`);
  console.log('tab  long tasks  long-task ms  frames  dropped  worst gap ms');
  for (const [i, page] of pages.entries()) {
    const p = await page.evaluate(() => (window as unknown as { __probe: Record<string, number> }).__probe);
    console.log(`${String(i + 1).padEnd(4)} ${String(p.longTasks).padStart(10)} ${p.longTaskMs!.toFixed(0).padStart(13)} ${String(p.frames).padStart(7)} ${String(p.dropped).padStart(8)} ${p.worstGapMs!.toFixed(0).padStart(13)}`);
  }
} finally {
  await browser.close();
  await server.stop('SIGTERM');
  await provider.close();
  await rm(dataDir, { recursive: true, force: true });
}
