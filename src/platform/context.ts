import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Db } from '../db/kysely.ts';
import type { Database } from '../db/schema.ts';
import type { ActivityResourcesRegistry } from './activity-resources.ts';
import type { AuthService } from './auth/auth.service.ts';
import type { TwoStepService } from './auth/two-step.service.ts';
import type { ChangeBus } from './changes.ts';
import type { Clock } from './clock.ts';
import type { Outbox } from './outbox/outbox.service.ts';
import type { PersonAccessRegistry } from './person-access.ts';
import type { PersonDataRegistry } from './person-data.ts';
import type { PersonLinksRegistry } from './person-links.ts';
import type { PublicForms } from './public-forms/public-forms.ts';
import type { RetentionRegistry } from './retention.ts';
import type { SessionChangesRegistry } from './session-changes.ts';
import type { TourChangesRegistry } from './tour-changes.ts';
import type { AssignedStaffRegistry } from './assigned-staff.ts';
import type { FicheLinksRegistry } from './fiche-links.ts';
import type { Scheduler } from './scheduler.ts';
import type { TrainingGateRegistry } from './training-gate.ts';
import type { DashboardRegistry } from './dashboard.ts';
import type { Exports } from './exports/exports.service.ts';

/** What buildApp hands to every module: the database and the platform services. */
export interface AppContext {
  config: Config;
  /** The only source of "now" for services, routes and jobs (tests run the app at chosen instants). */
  clock: Clock;
  db: Db;
  kysely: Kysely<Database>;
  outbox: Outbox;
  /** "This centre's data changed": caches listen, across instances on PostgreSQL. */
  changes: ChangeBus;
  auth: AuthService;
  /** Two-step sign-in (TOTP) of staff accounts. */
  twoStep: TwoStepService;
  personAccess: PersonAccessRegistry;
  personData: PersonDataRegistry;
  personLinks: PersonLinksRegistry;
  publicForms: PublicForms;
  scheduler: Scheduler;
  trainingGate: TrainingGateRegistry;
  /** The home page's sections, contributed by the modules (src/platform/dashboard.ts). */
  dashboard: DashboardRegistry;
  /** The practical guides an activity's public page lists (registered by the resources module). */
  activityResources: ActivityResourcesRegistry;
  /** A session moved or was cancelled: copies kept by later modules follow (session-changes.ts). */
  sessionChanges: SessionChangesRegistry;
  /** A navette tour was called off: copies kept by later modules follow (tour-changes.ts). */
  tourChanges: TourChangesRegistry;
  /** Who is assigned to a session or a tour (registered by the team module, assigned-staff.ts). */
  assignedStaff: AssignedStaffRegistry;
  /** The fiches given with a pathway module or a visit report (registered by resources, fiche-links.ts). */
  ficheLinks: FicheLinksRegistry;
  /** How each kind of personal data is purged when its retention period is over. */
  retention: RetentionRegistry;
  /** The lists' CSV/XLSX exports, direct or in the background (src/platform/exports/). */
  exports: Exports;
}
