import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Download, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import { createCentre, createStaff, TEST_PASSWORD, testClock } from './app.ts';
import { createTestDb, TMP_DIR, type TestDb } from './databases.ts';

/**
 * End-to-end harness: a whole Lieudit listening on a free port over a fresh test database,
 * Debian's Chromium driven by playwright-core, and axe on every page a journey visits.
 *
 * A journey moves only through `Journey` (visit, follow, submit): each of them waits for
 * the new page and runs axe on it, so no page escapes the audit. As a second guard, every
 * main-frame navigation is watched, and closing a journey fails if one was never audited.
 */

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
export { TEST_PASSWORD };

const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const SCREENSHOT_DIR = join(TMP_DIR, 'screenshots');

export interface E2EServer {
  app: FastifyInstance;
  db: TestDb;
  baseUrl: string;
  browser: Browser;
  /** A centre created at start, so that public pages have one. */
  centreId: string;
  /** A staff account (password TEST_PASSWORD) in the given centre. */
  createStaff(role: Role, options?: { centreId?: string; email?: string }): Promise<{ id: string; email: string; displayName: string }>;
  /** A browser tab with or without JavaScript, audited by axe after every navigation. */
  openJourney(options: { name: string; javaScript: boolean }): Promise<Journey>;
  close(): Promise<void>;
}

/** The app on a real port, with a test clock (`options.now`, else LIEUDIT_TEST_NOW, else the real time). */
export async function startE2E(options: { centreName?: string; now?: string | Date; env?: Record<string, string> } = {}): Promise<E2EServer> {
  const db = await createTestDb();
  const config = loadConfig({
    NODE_ENV: 'test',
    LIEUDIT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    PUBLIC_URL: 'http://127.0.0.1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const app = await buildApp(config, { db, migrate: false, clock: testClock(options.now) });
  let browser: Browser | undefined;
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const centreId = await createCentre(app, 'tilleuls', options.centreName ?? 'Centre social Les Tilleuls');
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROME_ARGS });
    const launched = browser;
    return {
      app,
      db,
      baseUrl,
      browser: launched,
      centreId,
      async createStaff(role, opts = {}) {
        const user = await createStaff(app, opts.centreId ?? centreId, role, opts.email);
        return { id: user.id, email: user.email, displayName: user.displayName };
      },
      async openJourney({ name, javaScript }) {
        return Journey.open(launched, baseUrl, name, javaScript);
      },
      async close() {
        await launched.close();
        await app.close();
        await db.drop();
      },
    };
  } catch (error) {
    await browser?.close();
    await app.close();
    await db.drop();
    throw error;
  }
}

/** JavaScript-disabled contexts, each with a script-enabled tab where its pages are audited. */
const noScriptContexts = new WeakMap<BrowserContext, { auditor: Promise<BrowserContext>; replay?: Promise<Page> }>();

/**
 * Runs axe (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA) on the page as it is now, and throws an error
 * listing every violation (rule id, help text, the offending nodes' selectors).
 *
 * In a JavaScript-disabled tab axe cannot run (its scheduling never resolves), so the page's
 * DOM — which, without scripts, is exactly the HTML the server sent — is replayed at the same
 * address in a hidden script-enabled tab, with the same stylesheet and window size, and
 * audited there. Scripts are stripped from the replay so that it stays what the user saw.
 */
export async function checkA11y(page: Page): Promise<void> {
  const noScript = noScriptContexts.get(page.context());
  let target = page;
  if (noScript) {
    const url = page.url();
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    noScript.replay ??= noScript.auditor.then((auditor) => auditor.newPage());
    const replay = await noScript.replay;
    const size = page.viewportSize();
    if (size) await replay.setViewportSize(size);
    await replay.unrouteAll();
    await replay.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await replay.goto(url);
    target = replay;
  }
  const violations = await runAxe(target);
  if (violations.length > 0) {
    const lines = violations.map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`);
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    });
    throw new Error(`axe: ${violations.length} violation(s) on ${page.url()}\n${lines.join('\n')}`);
  }
}

/**
 * axe-core injected into the page and run on its document, violations only. Our pages have no
 * frames, so this is all an audit needs; @axe-core/playwright's builder also opens a blank tab
 * for every audit to merge frames' results, which made each audit three to four times slower.
 */
async function runAxe(page: Page): Promise<axe.Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe
      .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
      .then((results) => results.violations),
    AXE_TAGS,
  );
}

/**
 * One user's tab. Every method that leads to a new page waits for it, checks its status
 * (unless told otherwise), runs axe and, with E2E_SCREENSHOTS=1, saves a screenshot.
 */
export class Journey {
  private step = 0;
  private unaudited: string[] = [];
  private pendingUrl: string | null = null;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
    readonly name: string,
    readonly javaScript: boolean,
  ) {
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      if (this.pendingUrl) this.unaudited.push(this.pendingUrl);
      this.pendingUrl = frame.url();
    });
  }

  static async open(browser: Browser, baseUrl: string, name: string, javaScript: boolean): Promise<Journey> {
    const options = { baseURL: baseUrl, locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1024, height: 768 }, acceptDownloads: true };
    const context = await browser.newContext({ ...options, javaScriptEnabled: javaScript });
    if (!javaScript) noScriptContexts.set(context, { auditor: browser.newContext({ ...options, javaScriptEnabled: true }) });
    // A missing label or button should fail in seconds, not at the test's time limit.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    return new Journey(context, page, baseUrl, `${name}-${javaScript ? 'js' : 'nojs'}`, javaScript);
  }

  /** Called after every navigation: axe, then a screenshot when asked for. */
  async afterNavigation(label: string): Promise<void> {
    await this.page.waitForLoadState('load');
    await checkA11y(this.page);
    this.pendingUrl = null;
    await this.screenshot(label);
  }

  /** Opens an address typed in the address bar. */
  async visit(path: string, options: { status?: number } = {}): Promise<void> {
    const response = await this.page.goto(path);
    const status = response?.status() ?? 0;
    const expected = options.status ?? 200;
    if (status !== expected) throw new Error(`GET ${path} answered ${status}, expected ${expected}`);
    await this.afterNavigation(path);
  }

  /** Follows a link by its accessible name (exact text), as a user would. */
  async follow(name: string | RegExp, options: { within?: Locator } = {}): Promise<void> {
    const scope = options.within ?? this.page;
    await this.navigateBy(() => scope.getByRole('link', { name, exact: typeof name === 'string' }).first().click(), `lien ${String(name)}`);
  }

  /** Presses a button by its accessible name and waits for the page the server answers with. */
  async submit(name: string | RegExp, options: { within?: Locator; status?: number } = {}): Promise<void> {
    const scope = options.within ?? this.page;
    await this.navigateBy(() => scope.getByRole('button', { name, exact: typeof name === 'string' }).first().click(), `bouton ${String(name)}`, options.status);
  }

  /** Runs an action that leads to a new document, then audits it. */
  async navigateBy(action: () => Promise<unknown>, label: string, status?: number): Promise<void> {
    const [response] = await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), action()]);
    const got = response?.status() ?? 0;
    if (status !== undefined && got !== status) throw new Error(`${label} led to ${this.page.url()} with status ${got}, expected ${status}`);
    if (status === undefined && got >= 400 && got !== 422) throw new Error(`${label} led to ${this.page.url()} with status ${got}`);
    await this.afterNavigation(label);
  }

  /** Clicks something that starts a download (no navigation) and answers the file. */
  async download(action: () => Promise<unknown>): Promise<Download> {
    const [file] = await Promise.all([this.page.waitForEvent('download'), action()]);
    return file;
  }

  async fill(label: string | RegExp, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: typeof label === 'string' }).fill(value);
  }

  /** The page's <title>, to check the GOV.UK "Erreur : …" pattern. */
  title(): Promise<string> {
    return this.page.title();
  }

  heading(): Promise<string> {
    return this.page.locator('h1').first().innerText();
  }

  async screenshot(label: string): Promise<void> {
    if (process.env.E2E_SCREENSHOTS !== '1') return;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    this.step += 1;
    const slug = label.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase();
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, `${this.name}-${String(this.step).padStart(2, '0')}-${slug}.png`), fullPage: true });
  }

  /** Closes the tab; fails if a page was reached without being audited. */
  async close(): Promise<void> {
    if (this.pendingUrl) this.unaudited.push(this.pendingUrl);
    const auditor = noScriptContexts.get(this.context)?.auditor;
    await this.context.close();
    if (auditor) await (await auditor).close();
    if (this.unaudited.length > 0) {
      throw new Error(`pages visited without an axe check: ${this.unaudited.join(', ')} — move through Journey.visit/follow/submit`);
    }
  }
}
