/**
 * What forums needs from the modules before it, as the small interfaces it relies on: the real
 * services satisfy them structurally.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { ActivityInput } from '../activities/activity.schemas.ts';
import type { PeoplePort as ActivitiesPeoplePort } from '../activities/ports.ts';

export type PeoplePort = Pick<ActivitiesPeoplePort, 'findMatches' | 'createFromPublicForm' | 'recordConsent'>;

/** Programming a chosen theme: an activity of kind "temps_info" made through the activities module. */
export interface ProgrammePort {
  create(actor: Actor, input: ActivityInput): Promise<{ id: string }>;
}

export interface SitesPort {
  listSites(centerId: string): Promise<{ id: string; name: string; archivedAt: string | null }[]>;
}
