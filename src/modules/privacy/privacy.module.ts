import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { registerPrivacyApi } from './privacy.api.ts';
import { registerPrivacyPages } from './privacy.routes.tsx';
import { RetentionService } from './retention.service.ts';

/** Checked every hour; the purge itself runs once a night (retention.service.ts). */
const PURGE_CHECK_MS = 3_600_000;

/**
 * Personal data across the centre: retention periods, the nightly purge and the register of
 * processing activities. Registered last: it purges through what every module registered.
 */
export async function registerPrivacyModule(app: FastifyInstance, ctx: AppContext, deps: { centre: CentreService }): Promise<RetentionService> {
  const retention = new RetentionService(ctx, deps.centre);
  ctx.scheduler.register({ name: 'retention-purge', everyMs: PURGE_CHECK_MS, run: () => retention.nightly() });
  registerPrivacyPages(app, retention);
  registerPrivacyApi(app, retention);
  return retention;
}
