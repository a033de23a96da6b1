import type { AppContext } from '../../platform/context.ts';

export class CentreService {
  constructor(private readonly ctx: AppContext) {}
}
