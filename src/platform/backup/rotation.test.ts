import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { TMP_DIR } from '../../../tests/support/databases.ts';
import { backupFileName, rotateBackups, scheduledBackups } from './rotation.ts';

const HOUR = 3_600_000;

describe('scheduled backups with rotation', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createCentre(t.app, 'sauvegarde', 'Centre sauvegardé');
    dir = mkdtempSync(join(TMP_DIR, 'backups-'));
    // A copy the operator made by hand: rotation never deletes it.
    writeFileSync(join(dir, 'avant-mise-a-jour.jsonl.gz'), '');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes at most one backup a day, named by the clock, and keeps the newest N', async () => {
    const first = await rotateBackups(t.db, dir, 3, t.clock);
    expect(first).toMatch(/lieudit-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.jsonl\.gz$/);
    // An hour later: the hourly job finds today's backup and writes nothing.
    t.clock.advance(HOUR);
    expect(await rotateBackups(t.db, dir, 3, t.clock)).toBeUndefined();
    let last: string | undefined;
    for (let day = 1; day <= 4; day += 1) {
      t.clock.advance(24 * HOUR);
      // The name is taken from the clock when the backup starts (the test clock keeps running).
      const expected = backupFileName(t.clock);
      last = await rotateBackups(t.db, dir, 3, t.clock);
      expect([expected, backupFileName(t.clock)].map((name) => join(dir, name))).toContain(last);
    }
    const kept = scheduledBackups(dir);
    expect(kept).toHaveLength(3);
    expect(kept).toEqual([...kept].sort());
    expect(join(dir, kept.at(-1)!)).toBe(last);
    expect(kept.at(-1)).toMatch(new RegExp(`^lieudit-${t.clock.nowIso().slice(0, 10)}T`));
    expect(readdirSync(dir)).toContain('avant-mise-a-jour.jsonl.gz');
  });
});
