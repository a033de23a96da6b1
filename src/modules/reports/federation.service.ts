/**
 * A federation of centres and its figures. Rules owned here:
 * - a federation is created, and centres put in it, from the command line (lieudit federation
 *   add / join): no page of a centre can join or leave one;
 * - its account (federation_admin) reads the anonymous figures of the federation's centres
 *   over a period (by default the current year), and nothing else: the figures are each
 *   centre's, counted by the database grouped by centre (the centre's report's query,
 *   reports.repository.ts) and assembled the one way (figures.ts), then added up and gathered as
 *   federation.ts says — no person, no site, no centre's own page ever reaches it;
 * - a centre's figures for a period are kept once counted, in the database (report_figures:
 *   every instance and every restart reads them), with the centre's report version read before
 *   counting them; a report counts again only the centres whose version moved since (any write
 *   of their attendance, accompaniments or person files moves it, by triggers: migration
 *   2026_12_07_0900), so a federation's report reads 200 small rows when nothing changed, and
 *   the figures are always those of the records as they are;
 * - the current year's figures are counted ahead by a job (countAhead, every few minutes, one
 *   instance at a time), so that the report an account opens finds them kept;
 * - the page and the API count while the account waits only what takes about a second (a batch
 *   of centres per lane); a period with more centres to count (a period never asked, a new
 *   database) is counted in the background, and the account sees how many centres are ready
 *   (the page's script asks again every few seconds; without it, the person asks) until all
 *   are (one count per federation and period across instances, under an advisory lock on
 *   PostgreSQL; its figures are kept as each batch ends, so any instance shows the progress);
 * - an account without a federation, or a federation without a centre, sees nothing (404 /
 *   an empty report).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { translator, type Translator } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { formatDate, formatDateRange } from '../../ui/format.ts';
import { countsFor, figuresFromCounts, OTHER_ROWS, type ContactCount, type Figures } from './figures.ts';
import { FEDERATION_DIMENSIONS, federationFigures, FROM_CENTRES, type FederationDimension, type FederationFigures } from './federation.ts';
import * as repo from './federation.repository.ts';
import { funderPdf, funderXlsx } from './funders.documents.ts';
import type { ReportTable } from './funders.ts';
import { rowLabel } from './labels.ts';
import { countContacts } from './reports.repository.ts';
import type { Period, ReportsService } from './reports.service.ts';

export interface FederationReport {
  federation: { name: string };
  period: Period;
  /** How many centres the federation holds. */
  centreCount: number;
  figures: FederationFigures;
  /** The name of each centre of the federation, by id (the rows of the breakdown by centre). */
  centreNames: Record<string, string>;
}

/** The report, or — while its centres are being counted in the background — how far the count is. */
export type FederationAnswer =
  | { status: 'ready'; report: FederationReport }
  | { status: 'counting'; federation: { name: string }; period: Period; centreCount: number; readyCount: number };

/** Seconds before asking again for a report being counted: the page's progress script asks as often, the API says it in Retry-After. */
export const COUNTING_RETRY_SECONDS = 3;

const SLUG = /^[a-z0-9-]{2,40}$/;

/** Centres counted in one statement when their figures are not kept (bounds the statement's memory). */
const COUNT_BATCH = 20;
/** Kept figures of a period other than the current year, counted this long ago, are forgotten. */
const FORGET_AFTER_MS = 30 * 86_400_000;
/** Statements counting batches at once on PostgreSQL for a report asked for (connections of the pool of 10). */
const COUNT_LANES = 2;
/**
 * The shape of the figures kept (report_figures.figures): figures kept by a version of the code
 * that counted them otherwise are counted again, never read as today's.
 */
const KEPT_FORMAT = 1;

/** Kept figures as stored, or undefined when kept in another shape. */
interface KeptState {
  centres: { id: string; name: string; reportVersion: number }[];
  byId: Map<string, Figures>;
  stale: { id: string; reportVersion: number }[];
}

/** The name under which one instance at a time counts a federation's period in the background. */
export function backgroundCountName(federationId: string, period: Period): string {
  return `federation-count:${federationId}|${period.from}|${period.to}`;
}

function readKept(text: string): Figures | undefined {
  const kept = JSON.parse(text) as { format?: number; figures?: Figures };
  return kept.format === KEPT_FORMAT ? kept.figures : undefined;
}

export class FederationService {
  constructor(
    private readonly ctx: AppContext,
    private readonly reports: ReportsService,
  ) {}

  /** The period asked for, by default the current year (checked as the centre's report checks it). */
  period(input: { from?: string; to?: string }): Period {
    return this.reports.period(input);
  }

  // — set up from the command line —

  async create(input: { slug: string; name: string }): Promise<repo.Federation> {
    const slug = input.slug.trim();
    const name = input.name.trim();
    if (!SLUG.test(slug)) throw invalid({ slug: 'admin.centre.slugInvalid' });
    if (!name) throw invalid({ name: 'errors.required' });
    if (await repo.findFederationBySlug(this.ctx.kysely, slug)) throw conflict('federation.slugTaken', { slug: 'federation.slugTaken' });
    const row = { id: newId(), slug, name };
    try {
      await repo.insertFederation(this.ctx.kysely, { ...row, createdAt: this.ctx.clock.nowIso() });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('federation.slugTaken', { slug: 'federation.slugTaken' });
      throw error;
    }
    return row;
  }

  findBySlug(slug: string): Promise<repo.Federation | undefined> {
    return repo.findFederationBySlug(this.ctx.kysely, slug);
  }

  /** A federation named by its id or its slug (the command line takes either). */
  async findByIdOrSlug(ref: string): Promise<repo.Federation | undefined> {
    return (await repo.findFederationById(this.ctx.kysely, ref)) ?? repo.findFederationBySlug(this.ctx.kysely, ref);
  }

  /** Puts a centre in a federation (a centre belongs to one at most: it leaves the one it was in). */
  async join(federationId: string, centerId: string): Promise<void> {
    if (!(await repo.setCentreFederation(this.ctx.kysely, centerId, federationId, this.ctx.clock.nowIso()))) throw notFound();
  }

  /** The centres of a federation, by name. */
  members(federationId: string): Promise<{ id: string; name: string }[]> {
    return repo.listMemberCentres(this.ctx.kysely, federationId);
  }

  // — the federation's account —

  /** The account's federation; 404 for an account without one. */
  async federationOf(actor: Actor): Promise<repo.Federation> {
    requirePermission(actor, 'federation.read');
    const federation = actor.federationId ? await repo.findFederationById(this.ctx.kysely, actor.federationId) : undefined;
    if (!federation) throw notFound();
    return federation;
  }

  /** Centres whose figures a report counts while the account waits, per lane (tests lower it). */
  countWhileWaiting = COUNT_BATCH;
  /** The counts running in the background in this instance, by federation and period. */
  readonly #counting = new Map<string, Promise<void>>();
  /** A background count that failed, by federation and period: told to the next request, then counted again. */
  readonly #failed = new Map<string, unknown>();

  /**
   * What the page and the API answer: the report when its figures are kept or quick to count,
   * otherwise how many centres are ready while the others are counted in the background.
   */
  async answer(actor: Actor, period: Period): Promise<FederationAnswer> {
    const federation = await this.federationOf(actor);
    const key = `${federation.id}|${period.from}|${period.to}`;
    const failure = this.#failed.get(key);
    if (this.#failed.delete(key)) throw failure;
    const state = await this.keptState(federation.id, period);
    if (this.#counting.has(key) || state.stale.length > this.countWhileWaiting * this.lanes(COUNT_LANES)) {
      this.countInBackground(key, federation.id, period);
      return { status: 'counting', federation: { name: federation.name }, period, centreCount: state.centres.length, readyCount: state.byId.size };
    }
    await this.countStale(state, period, COUNT_LANES);
    return { status: 'ready', report: this.assemble(federation, period, state) };
  }

  /** The whole report, every centre counted first however long it takes (the documents). */
  async report(actor: Actor, period: Period): Promise<FederationReport> {
    const federation = await this.federationOf(actor);
    const state = await this.keptState(federation.id, period);
    await this.countStale(state, period, COUNT_LANES);
    return this.assemble(federation, period, state);
  }

  private assemble(federation: { name: string }, period: Period, { centres, byId }: KeptState): FederationReport {
    const figures = centres.map((c) => ({ centerId: c.id, figures: byId.get(c.id)! }));
    return {
      federation: { name: federation.name },
      period,
      centreCount: centres.length,
      figures: federationFigures(figures),
      centreNames: Object.fromEntries(centres.map((c) => [c.id, c.name])),
    };
  }

  private countInBackground(key: string, federationId: string, period: Period): void {
    if (this.#counting.has(key)) return;
    // One instance at a time counts a period of a federation: behind a load balancer the page's
    // progress requests reach every instance, and each would count the same centres. The others
    // show the progress from the figures kept as each batch ends, and take over if it stops.
    const count = (async () => {
      await this.ctx.scheduler.runAlone(backgroundCountName(federationId, period), async () => {
        await this.countStale(await this.keptState(federationId, period), period, COUNT_LANES);
      });
    })()
      .catch((error: unknown) => {
        this.#failed.set(key, error);
      })
      .finally(() => this.#counting.delete(key));
    this.#counting.set(key, count);
  }

  /** Waits for the background counts of this instance (tests and the benchmark; a count cut short by a stop is caught and counted again). */
  async settled(): Promise<void> {
    while (this.#counting.size > 0) await Promise.all(this.#counting.values());
  }

  /**
   * Counts ahead (the scheduler's federation-figures job): for every federation, the current
   * year's figures of the centres whose version moved since they were kept, so that the report
   * an account opens finds them kept; and forgets the figures of other periods counted over a
   * month ago. Answers how many centres it counted.
   */
  async countAhead(): Promise<number> {
    const period = this.reports.period({});
    // Figures of other periods (another year, a period asked once) are counted again when asked
    // after a month: the table holds about the periods in use, not every period ever asked.
    await repo.forgetFigures(this.ctx.kysely, new Date(this.ctx.clock.nowMs() - FORGET_AFTER_MS).toISOString(), period);
    let counted = 0;
    for (const federation of await repo.listFederations(this.ctx.kysely)) {
      // One batch at a time: in the background, beside every other job's connection (each holds
      // one for its lock on PostgreSQL), not in a hurry.
      const state = await this.keptState(federation.id, period);
      await this.countStale(state, period, 1);
      counted += state.stale.length;
    }
    return counted;
  }

  /**
   * Each member centre's figures for a period as kept at the centre's current version, and the
   * centres whose figures are missing or older (stale).
   */
  private async keptState(federationId: string, period: Period): Promise<KeptState> {
    // The versions are read before any counting: figures counted afterwards are at least as
    // recent as the version they are kept with, so a later write always shows as a move.
    const centres = await repo.listMemberCentres(this.ctx.kysely, federationId);
    const kept = new Map((await repo.listKeptFigures(this.ctx.kysely, federationId, period)).map((k) => [k.centerId, k]));
    const byId = new Map<string, Figures>();
    const stale: { id: string; reportVersion: number }[] = [];
    for (const c of centres) {
      const k = kept.get(c.id);
      const figures = k && k.version === c.reportVersion ? readKept(k.figures) : undefined;
      if (figures) byId.set(c.id, figures);
      else stale.push(c);
    }
    return { centres, byId, stale };
  }

  /** Batches at once: `lanes` on PostgreSQL (separate connections of the pool); SQLite has one connection, and a statement at a time. */
  private lanes(lanes: number): number {
    return this.ctx.db.dialect === 'postgres' ? lanes : 1;
  }

  /** Counts the stale centres of a state and keeps their figures, `lanes` batches at a time on PostgreSQL. */
  private async countStale(state: KeptState, period: Period, lanes: number): Promise<void> {
    const { stale, byId } = state;
    const range = this.reports.range(period);
    const batches: (typeof stale)[] = [];
    for (let i = 0; i < stale.length; i += COUNT_BATCH) batches.push(stale.slice(i, i + COUNT_BATCH));
    const countBatch = async (batch: typeof stale) => {
      // One statement for a batch of centres, grouped by centre: each centre's figures counted
      // the one way (figures.ts), then added up and gathered (federation.ts).
      const counts = await countContacts(this.ctx.kysely, { centerIds: batch.map((c) => c.id), ...range, dimensions: countsFor(FROM_CENTRES), households: false });
      const byCentre = new Map<string, ContactCount[]>();
      for (const c of counts) byCentre.set(c.centerId, byCentre.get(c.centerId)?.concat(c) ?? [c]);
      const rows = batch.map((c) => {
        const figures = figuresFromCounts(byCentre.get(c.id) ?? [], FROM_CENTRES);
        byId.set(c.id, figures);
        return { centerId: c.id, version: c.reportVersion, figures: JSON.stringify({ format: KEPT_FORMAT, figures }) };
      });
      await repo.keepFigures(this.ctx.kysely, period, rows, this.ctx.clock.nowIso());
    };
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(this.lanes(lanes), batches.length) }, async () => {
      while (next < batches.length) await countBatch(batches[next++]!);
    }));
  }

  /** The report as the tables of a document (the funders' PDF and XLSX): persons, accompaniments, hours. */
  tables(t: Translator, report: FederationReport): ReportTable[] {
    const label = (dimension: FederationDimension, key: string) =>
      key === OTHER_ROWS ? t(dimension === 'centre' ? 'federation.otherCentres' : 'federation.other')
        : dimension === 'centre' ? (report.centreNames[key] ?? key) : rowLabel(t, 'fr', dimension, key, {});
    const totals = report.figures.totals;
    const summary: ReportTable = {
      key: 'summary', title: t('federation.summary'), rowHeader: t('reports.funders.col.indicator'),
      columns: [{ key: 'value', label: t('reports.funders.col.value') }],
      rows: [
        ...(totals.persons === null ? [] : [{ code: 'persons', label: t('reports.col.persons'), values: [totals.persons] }]),
        { code: 'accompaniments', label: t('reports.col.accompaniments'), values: [totals.accompaniments] },
        { code: 'sessions', label: t('federation.col.sessions'), values: [totals.sessions] },
        { code: 'workshopHours', label: t('reports.col.workshopHours'), values: [totals.workshopHours] },
        { code: 'centres', label: t('federation.col.centres'), values: [report.centreCount] },
      ],
    };
    return [summary, ...FEDERATION_DIMENSIONS.map((dimension): ReportTable => {
      const rows = report.figures.by[dimension];
      const hours = rows.some((r) => r.workshopHours !== null);
      return {
        key: dimension,
        title: t(`federation.by.${dimension}`),
        rowHeader: t(`federation.by.${dimension}`),
        columns: [
          { key: 'persons', label: t('reports.col.persons') },
          { key: 'accompaniments', label: t('reports.col.accompaniments') },
          ...(hours ? [{ key: 'workshopHours', label: t('reports.col.workshopHours') }] : []),
        ],
        // A document has numbers only: a breakdown under 5 persons altogether is left out.
        rows: rows.filter((r) => r.persons !== null).map((r) => ({
          code: r.key, label: label(dimension, r.key), values: [r.persons!, r.accompaniments, ...(hours ? [r.workshopHours ?? 0] : [])],
        })),
      };
    })];
  }

  private async document(actor: Actor, period: Period) {
    const t = translator('fr');
    const report = await this.report(actor, period);
    const createdAt = this.ctx.clock.nowIso();
    const title = t('federation.title', { name: report.federation.name });
    const text = {
      centreName: report.federation.name,
      periodText: formatDateRange(period.from, period.to, 'fr'),
      intro: t('federation.intro'),
      definitions: t('reports.definitions'),
      empty: t('federation.emptyTable'),
      footer: t('reports.funders.pdfFooter', { title, day: formatDate(createdAt) }),
      createdAt,
    };
    return { doc: { title, tables: this.tables(t, report) }, text, t };
  }

  async pdf(actor: Actor, period: Period): Promise<Buffer> {
    const { doc, text } = await this.document(actor, period);
    return funderPdf(doc, text);
  }

  async xlsx(actor: Actor, period: Period): Promise<Buffer> {
    const { doc, text, t } = await this.document(actor, period);
    return funderXlsx(doc, text, t('reports.csv.code'));
  }
}
