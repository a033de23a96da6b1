import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { CentreService } from './centre.service.ts';

export async function registerCentreModule(_app: FastifyInstance, ctx: AppContext): Promise<CentreService> {
  return new CentreService(ctx);
}
