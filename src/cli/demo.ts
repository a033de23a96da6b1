import type { AppContext } from '../platform/context.ts';

/** Creates the demo centre when missing (idempotent). Filled in by the demo data work. */
export async function ensureDemo(_ctx: AppContext, _options: { printLogins: boolean }): Promise<void> {}
