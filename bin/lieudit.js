#!/usr/bin/env node
// Entry point declared in package.json "bin": runs the TypeScript CLI through tsx,
// so `npx lieudit …` and `npm start` need no build step.
import { register } from 'tsx/esm/api';
register();
await import('./lieudit.ts');
