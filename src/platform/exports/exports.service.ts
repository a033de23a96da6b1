/**
 * The exports of the lists, direct or in the background. Rules owned here:
 * - each kind of export is registered by the module that owns the list, with how to count its
 *   rows cheaply and how to produce it for an actor (the module's services check that actor's
 *   permissions and scope: a volunteer's file holds only what the volunteer may see);
 * - a small export is answered at once; one over `backgroundAbove` rows, asked by a signed-in
 *   user, becomes a job that the scheduler's worker runs (one instance at a time), with its
 *   progress, and whose file only that user may download, until 24 hours after it is done;
 * - the worker acts for the user as they are when it runs (their current role; an account
 *   deactivated meanwhile gets nothing);
 * - every export holding personal data is written in the audit log (the list, the format and
 *   the number of rows; never the filters' values, which may name someone).
 */
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { PersonDataContributor } from '../person-data.ts';
import { XLSX_CONTENT_TYPE } from '../xlsx.ts';
import { buildExportFile, CSV_CONTENT_TYPE, sendExportFile, type ExportFile, type ExportFormat, type ExportTable } from './table-export.ts';
import * as repo from './export-jobs.repository.ts';

export interface ExportResult {
  tables: ExportTable | readonly ExportTable[];
  /** The file's name without extension (made ASCII). */
  basename: string;
  title?: string;
  /** The file names or contacts residents: audited. */
  personal: boolean;
}

export type ExportParams = Record<string, string>;

export interface ExportKind {
  name: string;
  /** How many rows the export will hold, read cheaply: above the threshold it runs in the background. Without it, always direct. */
  count?(actor: Actor, params: ExportParams): Promise<number>;
  /** The file's tables; `progress` takes a fraction between 0 and 1. */
  produce(actor: Actor, params: ExportParams, progress: (fraction: number) => Promise<void>): Promise<ExportResult>;
}

export interface ExportJobView {
  id: string;
  kind: string;
  format: ExportFormat;
  status: 'pending' | 'running' | 'done' | 'failed';
  progress: number;
  rowCount: number | null;
  filename: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
}

const KEEP_MS = 24 * 3_600_000;
const STALE_MS = 15 * 60_000;

type ActorLoader = (centerId: string, userId: string) => Promise<Actor | null>;

export class Exports {
  readonly #kinds = new Map<string, ExportKind>();
  /** Above this many rows an export runs in the background (tests lower it). */
  backgroundAbove = 2000;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly centreName: (centerId: string) => Promise<string>,
    private readonly loadActor: ActorLoader,
  ) {}

  register(kind: ExportKind): void {
    if (this.#kinds.has(kind.name)) throw new Error(`export kind ${kind.name} registered twice`);
    this.#kinds.set(kind.name, kind);
  }

  #kind(name: string): ExportKind {
    const kind = this.#kinds.get(name);
    if (!kind) throw new Error(`unknown export kind ${name}`);
    return kind;
  }

  /** The file of an export, made now for the actor (audited when it holds personal data). */
  async file(actor: Actor, kindName: string, format: ExportFormat, params: ExportParams, progress: (fraction: number) => Promise<void> = async () => {}): Promise<ExportFile & { rows: number }> {
    return this.fileOf(actor, kindName, format, await this.#kind(kindName).produce(actor, params, progress));
  }

  /** The file of a table the caller already holds (a short list the page has just read); audited when personal. */
  async fileOf(actor: Actor, kindName: string, format: ExportFormat, result: ExportResult): Promise<ExportFile & { rows: number }> {
    const tables = Array.isArray(result.tables) ? (result.tables as readonly ExportTable[]) : [result.tables as ExportTable];
    const rows = tables.reduce((n, t) => n + t.rows.length, 0);
    const file = await buildExportFile(tables, format, {
      basename: result.basename, title: result.title, creator: await this.centreName(actor.centerId), createdAt: this.clock.nowIso(),
    });
    if (result.personal) await audit(this.db, this.clock, actor, 'export', 'list', null, { list: kindName, format, rows });
    return { ...file, rows };
  }

  /**
   * A list page's answer to `?format=`: the file at once, or — for a long export asked by a
   * signed-in user — a job, and a 303 to its progress page.
   */
  async answer(reply: FastifyReply, actor: Actor, kindName: string, format: ExportFormat, params: ExportParams): Promise<FastifyReply> {
    const kind = this.#kind(kindName);
    if (actor.userId && kind.count && (await kind.count(actor, params)) > this.backgroundAbove) {
      const id = await this.submit(actor, kindName, format, params);
      return reply.code(303).header('location', `/exports/${id}`).send();
    }
    return sendExportFile(reply, await this.file(actor, kindName, format, params));
  }

  /** Queues an export for the worker; answers the job's id. */
  async submit(actor: Actor, kindName: string, format: ExportFormat, params: ExportParams): Promise<string> {
    this.#kind(kindName);
    if (!actor.userId) throw new Error('a background export needs a user to hand it to');
    const id = newId();
    const now = this.clock.nowIso();
    await repo.insertJob(this.db, {
      id, centerId: actor.centerId, requestedBy: actor.userId, kind: kindName, format, params: JSON.stringify(params), status: 'pending', createdAt: now,
      expiresAt: new Date(this.clock.now().getTime() + KEEP_MS).toISOString(),
    });
    return id;
  }

  /** A job as its requester sees it; anyone else, or a job gone: 404. */
  async job(actor: Actor, id: string): Promise<ExportJobView> {
    if (!actor.userId) throw notFound();
    const row = await repo.findJob(this.db, actor.centerId, actor.userId, id);
    if (!row || row.expiresAt <= this.clock.nowIso()) throw notFound();
    return {
      id: row.id, kind: row.kind, format: row.format as ExportFormat, status: row.status as ExportJobView['status'], progress: row.progress,
      rowCount: row.rowCount, filename: row.filename, createdAt: row.createdAt, finishedAt: row.finishedAt, expiresAt: row.expiresAt,
    };
  }

  /** The finished file, for its requester only (404 for anyone else, before it is done and after it expired). */
  async download(actor: Actor, id: string): Promise<ExportFile> {
    const job = await this.job(actor, id);
    const body = job.status === 'done' ? await repo.findResult(this.db, actor.centerId, actor.userId!, id) : null;
    if (!body || !job.filename) throw notFound();
    return { filename: job.filename, contentType: job.format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE, body };
  }

  /** The worker's tick: runs the waiting jobs one after the other; answers how many it ran. */
  async runPending(limit = 5): Promise<number> {
    let ran = 0;
    for (; ran < limit; ran++) {
      const now = this.clock.nowIso();
      const job = await repo.claimNext(this.db, now, new Date(this.clock.now().getTime() - STALE_MS).toISOString());
      if (!job) break;
      await this.#run(job);
    }
    return ran;
  }

  async #run(job: repo.ExportJobRow): Promise<void> {
    const actor = await this.loadActor(job.centerId, job.requestedBy);
    if (!actor || !this.#kinds.has(job.kind)) {
      await repo.failJob(this.db, job.id, this.clock.nowIso());
      return;
    }
    let shown = 0;
    const progress = async (fraction: number) => {
      const percent = Math.max(0, Math.min(99, Math.floor(fraction * 100)));
      if (percent < shown + 5) return; // a write every 5 % is enough for a page that refreshes every 2 s
      shown = percent;
      await repo.setProgress(this.db, job.id, percent);
    };
    try {
      const params = JSON.parse(job.params) as ExportParams;
      const file = await this.file(actor, job.kind, job.format as ExportFormat, params, progress);
      const finishedAt = this.clock.nowIso();
      await repo.finishJob(this.db, job.id, {
        filename: file.filename, result: file.body, rowCount: file.rows, finishedAt, expiresAt: new Date(this.clock.now().getTime() + KEEP_MS).toISOString(),
      });
    } catch (error) {
      await repo.failJob(this.db, job.id, this.clock.nowIso());
      throw error;
    }
  }

  /** Drops the files whose 24 hours are over. */
  purgeExpired(): Promise<number> {
    return repo.deleteExpired(this.db, this.clock.nowIso());
  }

  /** Erasure of a resident: the centre's export files may list them and go at once. */
  personDataContributor(): PersonDataContributor {
    return {
      name: 'exportFiles',
      // A file of a list is not the person's data as such: their export lists nothing from here.
      export: async () => [],
      merge: async () => {},
      erase: (trx, centerId) => repo.deleteForCentre(trx, centerId),
    };
  }
}
