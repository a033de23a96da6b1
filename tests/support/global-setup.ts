import { randomBytes } from 'node:crypto';
import { dropTemplate, prepareTemplate } from './databases.ts';

/**
 * Migrates once into a template database that every test file copies, and builds the bundle
 * (dist/) from the current sources once, before any test starts a `lieudit` process.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // @ts-expect-error: a plain JavaScript module without declarations
  const { build, isStale } = (await import('../../scripts/build.mjs')) as { build(): Promise<void>; isStale(): boolean };
  if (isStale()) await build();
  // Workers are forked from this process and inherit its environment.
  process.env.LIEUDIT_TEST_TEMPLATE = `lieudit_tpl_${randomBytes(5).toString('hex')}`;
  await prepareTemplate();
  return async () => {
    await dropTemplate();
  };
}
