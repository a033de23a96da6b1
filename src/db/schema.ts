/**
 * The database as TypeScript sees it (camelCase; columns are snake_case through
 * CamelCasePlugin). Booleans are `boolean | number` because SQLite returns 0/1:
 * repositories convert them with asBool(). One file per module under `schema/`;
 * a new module adds its file and one name to `Database` below.
 */
import type { AccountTables } from './schema/accounts.ts';
import type { ActivitiesTables } from './schema/activities.ts';
import type { CentreTables } from './schema/centre.ts';
import type { EquipmentTables } from './schema/equipment.ts';
import type { ForumsTables } from './schema/forums.ts';
import type { HelpdeskTables } from './schema/helpdesk.ts';
import type { PathwaysTables } from './schema/pathways.ts';
import type { PeopleTables } from './schema/people.ts';
import type { PlatformTables } from './schema/platform.ts';
import type { ResourcesTables } from './schema/resources.ts';
import type { ShuttleTables } from './schema/shuttle.ts';
import type { TeamTables } from './schema/team.ts';

export type * from './schema/accounts.ts';
export type * from './schema/activities.ts';
export type * from './schema/centre.ts';
export type * from './schema/equipment.ts';
export type * from './schema/forums.ts';
export type * from './schema/helpdesk.ts';
export type * from './schema/pathways.ts';
export type * from './schema/people.ts';
export type * from './schema/platform.ts';
export type * from './schema/resources.ts';
export type * from './schema/shuttle.ts';
export type * from './schema/team.ts';

export interface Database
  extends CentreTables,
    AccountTables,
    PeopleTables,
    PlatformTables,
    ActivitiesTables,
    HelpdeskTables,
    PathwaysTables,
    EquipmentTables,
    ResourcesTables,
    ForumsTables,
    ShuttleTables,
    TeamTables {}
