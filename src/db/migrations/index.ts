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
import * as equipment from './2026_12_05_0100_equipment.ts';
import * as resources from './2026_12_05_0100_resources.ts';
import * as retentionPeriods from './2026_12_05_0700_retention_periods.ts';
import * as forums from './2026_12_05_0100_forums.ts';
import * as shuttle from './2026_12_05_1300_shuttle.ts';
import * as twoStepSignIn from './2026_12_05_1630_two_step_sign_in.ts';
import * as shuttleTours from './2026_12_05_1400_shuttle_tours.ts';
import * as shuttleVisitReports from './2026_12_05_1430_shuttle_visit_reports.ts';
import * as shuttleAppointmentsToDo from './2026_12_07_0300_shuttle_appointments_to_do.ts';
import * as shuttleGeocoding from './2026_12_07_0400_shuttle_geocoding.ts';
import * as team from './2026_12_05_1500_team.ts';
import * as teamBoard from './2026_12_05_1530_team_board.ts';
import * as personSearchSort from './2026_12_06_0100_person_search_sort.ts';
import * as teamAssignmentFollowsSession from './2026_12_06_0200_team_assignment_follows_session.ts';
import * as centreSiret from './2026_12_06_0300_centre_siret.ts';
import * as activitySpeakersAndSurvey from './2026_12_07_0100_activity_speakers_and_survey.ts';
import * as teamTourAssignments from './2026_12_07_0500_team_tour_assignments.ts';
import * as ficheImages from './2026_12_07_0510_fiche_images.ts';
import * as ficheLinks from './2026_12_07_0520_fiche_links.ts';
import * as federations from './2026_12_07_0700_federations.ts';
import * as exportJobs from './2026_12_07_0600_export_jobs.ts';
import * as federationApiTokens from './2026_12_07_0800_federation_api_tokens.ts';
import * as reportVersions from './2026_12_07_0900_report_versions.ts';
import * as enrolmentsListIndex from './2026_12_07_1000_enrolments_list_index.ts';
import * as reportFigures from './2026_12_07_1110_report_figures.ts';
import * as reportContactIndexes from './2026_12_07_1111_report_contact_indexes.ts';
import * as personSearchPrefixes from './2026_12_07_1120_person_search_prefixes.ts';

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
  '2026_12_05_0100_equipment': equipment,
  '2026_12_05_0100_resources': resources,
  '2026_12_05_0700_retention_periods': retentionPeriods,
  '2026_12_05_0100_forums': forums,
  '2026_12_05_1300_shuttle': shuttle,
  '2026_12_05_1630_two_step_sign_in': twoStepSignIn,
  '2026_12_05_1400_shuttle_tours': shuttleTours,
  '2026_12_05_1430_shuttle_visit_reports': shuttleVisitReports,
  '2026_12_05_1500_team': team,
  '2026_12_05_1530_team_board': teamBoard,
  '2026_12_06_0100_person_search_sort': personSearchSort,
  '2026_12_06_0200_team_assignment_follows_session': teamAssignmentFollowsSession,
  '2026_12_06_0300_centre_siret': centreSiret,
  '2026_12_07_0100_activity_speakers_and_survey': activitySpeakersAndSurvey,
  '2026_12_07_0300_shuttle_appointments_to_do': shuttleAppointmentsToDo,
  '2026_12_07_0400_shuttle_geocoding': shuttleGeocoding,
  '2026_12_07_0500_team_tour_assignments': teamTourAssignments,
  '2026_12_07_0510_fiche_images': ficheImages,
  '2026_12_07_0520_fiche_links': ficheLinks,
  '2026_12_07_0700_federations': federations,
  '2026_12_07_0600_export_jobs': exportJobs,
  '2026_12_07_0800_federation_api_tokens': federationApiTokens,
  '2026_12_07_0900_report_versions': reportVersions,
  '2026_12_07_1000_enrolments_list_index': enrolmentsListIndex,
  '2026_12_07_1110_report_figures': reportFigures,
  '2026_12_07_1111_report_contact_indexes': reportContactIndexes,
  '2026_12_07_1120_person_search_prefixes': personSearchPrefixes,
};
