#!/usr/bin/env node
/**
 * `npm run test:clocks`: the whole SQLite suite, once per instant where dates go wrong —
 * 29 February, New Year's Eve one minute before midnight in Paris (when "tomorrow" and "next
 * week" are in another year, and Paris reaches the new year an hour before UTC), and the two
 * nights the clocks change, just before they do. Each run sets LIEUDIT_TEST_NOW, where every
 * test app's clock starts. Extra arguments go to vitest (`npm run test:clocks --
 * src/modules/helpdesk`). Stops at the first failing run.
 */
import { spawnSync } from 'node:child_process';

export const INSTANTS = [
  ['2028-02-29T11:00:00Z', '29 February'],
  ['2026-12-31T22:59:00Z', '31 December, 23:59 in Paris'],
  ['2027-03-28T00:30:00Z', 'spring clock change, 01:30 in Paris before the jump'],
  ['2027-10-31T00:30:00Z', 'autumn clock change, 02:30 CEST before falling back'],
];

const args = process.argv.slice(2);
const env = { ...process.env };
// The SQLite suite: a PostgreSQL URL in the environment would switch the dialect.
delete env.TEST_DATABASE_URL;
const summary = [];
for (const [instant, label] of INSTANTS) {
  console.log(`\n==> LIEUDIT_TEST_NOW=${instant} (${label})`);
  const started = Date.now(); // wall time of this process: how long the run took
  const run = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env: { ...env, LIEUDIT_TEST_NOW: instant } });
  const seconds = Math.round((Date.now() - started) / 1000);
  summary.push(`${instant}  ${run.status === 0 ? 'ok    ' : 'FAILED'}  ${seconds} s  ${label}`);
  if (run.status !== 0) break;
}
console.log(`\n${summary.join('\n')}`);
process.exit(summary.length === INSTANTS.length && summary.every((line) => line.includes(' ok ')) ? 0 : 1);
