import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';

export class PeopleService {
  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
  ) {}
}
