/**
 * Writes the OpenAPI document exactly as the running app serves it at /api/openapi.json
 * (built by buildApp over an in-memory database), so `npm run lint:api` lints the real thing.
 * Usage: tsx scripts/openapi.ts [output file, default .tmp/openapi.json]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const output = process.argv[2] ?? '.tmp/openapi.json';
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', LIEUDIT_SECRET: 'openapi-document-only-openapi-document', LOG_LEVEL: 'warn',
  // The document names its server; linted here with the instance's address, or a placeholder.
  PUBLIC_URL: process.env.PUBLIC_URL ?? 'https://centre.lieudit.invalid' });
const app = await buildApp(config);
await app.ready();
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
console.log(`OpenAPI document written to ${output}`);
