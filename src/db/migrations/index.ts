import type { Migration } from 'kysely';
import * as foundation from './2026_11_26_0001_foundation.ts';
import * as activities from './2026_11_26_0100_activities.ts';
import * as helpdesk from './2026_11_26_0200_helpdesk.ts';
import * as pathways from './2026_11_26_0300_pathways.ts';
import * as personSearchIndexes from './2026_11_26_0400_person_search_indexes.ts';
import * as personSearchTerms from './2026_11_26_0500_person_search_terms.ts';
import * as secretsAndAuthLimits from './2026_12_04_0100_secrets_and_auth_limits.ts';
import * as publicLimits from './2026_12_04_0200_public_limits.ts';
import * as sessionSequence from './2026_12_04_0600_session_sequence.ts';
import * as personSortName from './2026_12_04_0800_person_sort_name.ts';
import * as activityScheduleBlocks from './2026_12_04_0900_activity_schedule_blocks.ts';

/**
 * Every migration, by name. Names sort in the order they run; a module adds its own file
 * and one line here.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_26_0001_foundation': foundation,
  '2026_11_26_0100_activities': activities,
  '2026_11_26_0200_helpdesk': helpdesk,
  '2026_11_26_0300_pathways': pathways,
  '2026_11_26_0400_person_search_indexes': personSearchIndexes,
  '2026_11_26_0500_person_search_terms': personSearchTerms,
  '2026_12_04_0100_secrets_and_auth_limits': secretsAndAuthLimits,
  '2026_12_04_0200_public_limits': publicLimits,
  '2026_12_04_0600_session_sequence': sessionSequence,
  '2026_12_04_0800_person_sort_name': personSortName,
  '2026_12_04_0900_activity_schedule_blocks': activityScheduleBlocks,
};
