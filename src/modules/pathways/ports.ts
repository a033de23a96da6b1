/**
 * What pathways needs from the modules before it (people, activities) and from the platform
 * (staff accounts), as the small interfaces it relies on: the real services satisfy them
 * structurally, and the boundary stays visible.
 */
import type { Actor } from '../../platform/auth/actor.ts';

export interface PersonSummary {
  id: string;
  firstName: string | null;
  lastName: string | null;
  erased: boolean;
}

export interface PeoplePort {
  getSummary(centerId: string, id: string): Promise<PersonSummary | undefined>;
  canSee(actor: Actor, personId: string): Promise<boolean>;
  /** `next` is the cursor of the following page (null on the last), passed back as `cursor`. */
  search(actor: Actor, query: { q?: string; cursor?: string; page?: number; pageSize?: number }): Promise<{ items: (PersonSummary & { communeName?: string | null })[]; total: number; next?: string | null }>;
}

export interface ActivityChoice {
  id: string;
  title: string;
}

/**
 * Optional: when the activities module offers these, modules show where they are taught by
 * title and a picker lists the programme; otherwise activity ids are kept as given.
 */
export interface ActivitiesPort {
  listActivityChoices(centerId: string): Promise<ActivityChoice[]>;
}
