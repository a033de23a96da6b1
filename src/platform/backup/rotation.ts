/**
 * Scheduled online backups (LIEUDIT_BACKUP_DIR): at most one a day, written by the same code
 * as `lieudit backup`, named after the instant from the app's clock so that names sort by
 * date, and only the newest LIEUDIT_BACKUP_KEEP (default 14) are kept. Older files that do not
 * follow the naming (a copy the operator made by hand) are never touched.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/kysely.ts';
import type { Clock } from '../clock.ts';
import { writeBackup } from './backup.ts';

const NAME = /^lieudit-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)\.jsonl\.gz$/;
const DAY_MS = 24 * 3_600_000;

/** lieudit-2026-12-04T20-05-00Z.jsonl.gz: sortable, and valid on every file system (no colon). */
export function backupFileName(clock: Clock): string {
  return `lieudit-${clock.nowIso().slice(0, 19).replace(/:/g, '-')}Z.jsonl.gz`;
}

/** The scheduled backups in `dir`, oldest first. */
export function scheduledBackups(dir: string): string[] {
  return readdirSync(dir).filter((name) => NAME.test(name)).sort();
}

function takenAt(name: string): number {
  const [, stamp] = NAME.exec(name)!;
  return Date.parse(`${stamp!.slice(0, 10)}T${stamp!.slice(11, 19).replace(/-/g, ':')}Z`);
}

/**
 * Writes a backup when the newest one is a day old or more (or there is none), then deletes
 * the oldest beyond `keep`. Answers the file written, if any. Idempotent: safe to run hourly.
 */
export async function rotateBackups(db: Db, dir: string, keep: number, clock: Clock): Promise<string | undefined> {
  mkdirSync(dir, { recursive: true });
  const newest = scheduledBackups(dir).at(-1);
  let written: string | undefined;
  if (!newest || clock.now().getTime() - takenAt(newest) >= DAY_MS) {
    written = join(dir, backupFileName(clock));
    await writeBackup(db, written, clock);
  }
  const all = scheduledBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(join(dir, old), { force: true });
  return written;
}
