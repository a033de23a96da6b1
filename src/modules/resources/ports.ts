import type { Actor } from '../../platform/auth/actor.ts';

/**
 * What the resource space needs from the modules before it, as the small interfaces it relies
 * on: the real services satisfy them through the adapter in resources.module.ts.
 */
export interface ActivityChoice {
  id: string;
  title: string;
}

/** The programme's activities, to link a fiche to the workshops where it is given. */
export interface ActivitiesPort {
  listActivityChoices(centerId: string): Promise<ActivityChoice[]>;
}

/** A module of a training pathway, a fiche can be given with. */
export interface ModuleChoice {
  id: string;
  /** "Pathway — Module". */
  title: string;
}

/** The pathways' modules, to give a fiche with the module where it helps. */
export interface PathwaysPort {
  listModuleChoices(centerId: string): Promise<ModuleChoice[]>;
}

/** A visit report of the navette, as the fiches given at the visit need it. */
export interface VisitChoice {
  id: string;
  requestId: string;
  personId: string;
  writtenAt: string;
}

/** The navette's visit reports (read as the acting staff member: only persons they see). */
export interface VisitsPort {
  visit(actor: Actor, reportId: string): Promise<VisitChoice>;
  visitsOfPerson(actor: Actor, personId: string): Promise<VisitChoice[]>;
}
