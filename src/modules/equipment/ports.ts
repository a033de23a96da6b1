/**
 * What equipment needs from the modules before it (centre, people, pathways), as the small
 * interfaces it relies on: the real services satisfy them (pathways through an adapter made in
 * equipment.module.ts), and the boundary stays visible.
 */
import type { Actor } from '../../platform/auth/actor.ts';

export interface SiteInfo {
  id: string;
  name: string;
  archivedAt: string | null;
}

export interface CentrePort {
  listSites(centerId: string, options?: { includeArchived?: boolean }): Promise<SiteInfo[]>;
}

export interface PersonSummary {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  ageBracket: string;
  communeInsee: string | null;
  erased: boolean;
}

export interface PeoplePort {
  getSummary(centerId: string, id: string): Promise<PersonSummary | undefined>;
  canSee(actor: Actor, personId: string): Promise<boolean>;
  search(actor: Actor, query: { q?: string; page?: number; pageSize?: number }): Promise<{ items: PersonSummary[] }>;
}

export interface TrainingModule {
  id: string;
  title: string;
  pathwayId: string;
  pathwayTitle: string;
}

/** The pathway modules that can be required before an item is lent, and who completed them. */
export interface TrainingPort {
  modules(centerId: string): Promise<TrainingModule[]>;
  module(centerId: string, moduleId: string): Promise<TrainingModule | undefined>;
  hasCompleted(centerId: string, personId: string, moduleId: string): Promise<boolean>;
}
