import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import { startingAt, type ManualClock } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { createTestDb, type TestDb } from './databases.ts';

export const TEST_PASSWORD = 'un mot de passe de test';

export interface TestApp {
  app: FastifyInstance;
  db: TestDb;
  /** The app's clock (also `app.ctx.clock`): tests compute "tomorrow" from it, and may set or advance it. */
  clock: ManualClock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The instant the app's clock starts at; default LIEUDIT_TEST_NOW, else the real time. */
  now?: string | Date;
}

/**
 * Where test clocks start: LIEUDIT_TEST_NOW (an ISO instant, e.g. "2026-12-31T22:59:00Z") when
 * set, so that the whole suite can run on 29 February or on New Year's Eve; else the real time.
 */
export function testStartInstant(): Date {
  const text = process.env.LIEUDIT_TEST_NOW?.trim();
  // The real time is the default start of test clocks: developers run `npm test` plainly.
  if (!text) return new Date();
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) throw new Error(`LIEUDIT_TEST_NOW is not an ISO instant: ${text}`);
  return new Date(ms);
}

/** A test clock starting at `now`, else at LIEUDIT_TEST_NOW, else at the real time (for tests that call buildApp themselves). */
export function testClock(now?: string | Date): ManualClock {
  return startingAt(now ?? testStartInstant());
}

/** A whole Lieudit over a fresh copy of the migrated test database, with a test clock. */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDb();
  const config = loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test', ...env });
  const clock = testClock(options.now);
  const app = await buildApp(config, { db, migrate: false, clock });
  return {
    app,
    db,
    clock,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export async function createCentre(app: FastifyInstance, slug = `c${newId().slice(-8)}`, name = `Centre ${slug}`): Promise<string> {
  const id = newId();
  const now = app.ctx.clock.nowIso();
  await app.ctx.kysely
    .insertInto('centers')
    .values({ id, slug, name, address: '1 rue de la Gare', postalCode: '59400', communeInsee: '59122', openingHours: 'Mo-Fr 09:00-17:00', email: null, phone: null, createdAt: now, updatedAt: now })
    .execute();
  return id;
}

/** A browser-like client: keeps cookies, knows the CSRF token, posts forms. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';

  /** `remoteAddress`: the client's own address, as the server sees it (limits per address). */
  constructor(readonly app: FastifyInstance, readonly options: { remoteAddress?: string } = {}) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() }, remoteAddress: this.options.remoteAddress });
    this.remember(response);
    return response;
  }

  /** Posts a form (url-encoded), adding the CSRF token unless told not to. */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    if (!this.csrf) await this.get('/connexion');
    const params = new URLSearchParams();
    if (options.csrf !== false) params.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    }
    const response = await this.app.inject({
      remoteAddress: this.options.remoteAddress,
      method: 'POST',
      url,
      headers: { ...options.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
    this.remember(response);
    return response;
  }

  /** A JSON API call riding on the session cookie. */
  async api(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { ...headers, cookie: this.cookieHeader(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

export async function createStaff(app: FastifyInstance, centerId: string, role: Role, email = `${role}-${newId().slice(-10)}@exemple.fr`) {
  return app.ctx.auth.createUser({ centerId, email, displayName: `${role} ${email.slice(0, 4)}`, role, password: TEST_PASSWORD });
}

/** Creates a staff account of the given role and answers a client signed in as them. */
export async function signIn(app: FastifyInstance, centerId: string, role: Role): Promise<Client & { userId: string }> {
  const user = await createStaff(app, centerId, role);
  const client = new Client(app);
  await client.get('/connexion');
  const response = await client.post('/connexion', { email: user.email, password: TEST_PASSWORD });
  if (response.statusCode !== 303) throw new Error(`login failed: ${response.statusCode}`);
  return Object.assign(client, { userId: user.id });
}

/** Bearer-token API caller. */
export async function apiToken(app: FastifyInstance, centerId: string, role: Role) {
  const { token } = await app.ctx.auth.createToken(centerId, role, `test ${role}`);
  return (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
}

/**
 * The personal link (reset or invitation) of the newest e-mail to `recipient`, as the recipient
 * reads it — the outbox keeps it apart and encrypted; staff never see it. A path like
 * `/mot-de-passe/nouveau?jeton=…`, or undefined when there is none.
 */
export async function personalLink(app: FastifyInstance, recipient: string): Promise<string | undefined> {
  await app.ctx.auth.whenIdle();
  const rows = await app.ctx.kysely.selectFrom('outbox').selectAll().where('recipient', '=', recipient).orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
  const mail = rows[0] && app.ctx.outbox.forRecipient(rows[0]);
  return mail ? /http:\/\/lieudit\.test(\/mot-de-passe\/nouveau\?jeton=[\w-]+)/.exec(mail.body)?.[1] : undefined;
}

export function titleOf(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
}

const decodeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeHtml(m[1]!) : undefined;
};

/**
 * The URL a browser goes to when a GET form of `html` (found by its action) is submitted:
 * every field with its current value — empty ones included, as browsers send them — with
 * `choices` applied as if the person had picked them.
 */
export function submittedGetForm(html: string, action: string, choices: Record<string, string> = {}): string {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
  const form = forms.find((f) => /method="get"/i.test(f) && attr(f.slice(0, f.indexOf('>') + 1), 'action') === action);
  if (!form) throw new Error(`no GET form with action ${action}`);
  const params = new URLSearchParams();
  for (const m of form.matchAll(/<(input|select|textarea)\b[^>]*>([\s\S]*?<\/(?:select|textarea)>)?/g)) {
    const tag = m[0].slice(0, m[0].indexOf('>') + 1);
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = attr(tag, 'type') ?? 'text';
    if (m[1] === 'input' && ['submit', 'button', 'image', 'reset'].includes(type)) continue;
    if (m[1] === 'input' && (type === 'checkbox' || type === 'radio')) {
      if (name in choices) {
        if (attr(tag, 'value') === choices[name]) params.append(name, choices[name]!);
      } else if (/\schecked(=|\s|>|\/)/.test(tag)) params.append(name, attr(tag, 'value') ?? 'on');
      continue;
    }
    let value = '';
    if (m[1] === 'input') value = attr(tag, 'value') ?? '';
    else if (m[1] === 'textarea') value = decodeHtml(/>([\s\S]*)<\/textarea>/.exec(m[0])?.[1] ?? '');
    else {
      const options = [...m[0].matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
      const selected = options.find((o) => /\sselected(=|\s|>|\/)/.test(o)) ?? options[0];
      value = selected ? (attr(selected, 'value') ?? '') : '';
    }
    params.append(name, name in choices ? choices[name]! : value);
  }
  return `${action}?${params.toString()}`;
}

/**
 * What each link of the error summary lands on: the tag of the element whose id it targets
 * ('input', 'select', 'textarea', 'fieldset'…, or null when no element has that id).
 */
export function errorSummaryTargets(html: string): Record<string, string | null> {
  const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  const targets: Record<string, string | null> = {};
  for (const [, id] of summary.matchAll(/href="#([^"]+)"/g)) {
    const element = new RegExp(`<(\\w+)[^>]*\\sid="${id}"`).exec(html);
    targets[id!] = element?.[1] ?? null;
  }
  return targets;
}
