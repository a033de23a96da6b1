import { randomBytes } from 'node:crypto';
import { dropTemplate, prepareTemplate } from './databases.ts';

/** Migrates once into a template database that every test file copies. */
export default async function setup(): Promise<() => Promise<void>> {
  // Workers are forked from this process and inherit its environment.
  process.env.LIEUDIT_TEST_TEMPLATE = `lieudit_tpl_${randomBytes(5).toString('hex')}`;
  await prepareTemplate();
  return async () => {
    await dropTemplate();
  };
}
