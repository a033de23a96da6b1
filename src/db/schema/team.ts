// The team: profiles, absences, trainings, assignments, calendar, notice board, volunteer hours (src/modules/team).
import type { Generated } from 'kysely';
import type { Bool } from './bool.ts';

export interface TeamProfilesTable {
  id: string;
  centerId: string;
  userId: string;
  /** Competence codes of the centre's framework, as JSON (["4.1","ACC.1"]). */
  skills: string;
  /** Free tags, as JSON. */
  tags: string;
  /** Weekly availability, as JSON: [{ weekday: 1..7, startTime: "HH:MM", endTime: "HH:MM" }]. */
  availability: string;
  /** email, phone, sms. */
  contactChannel: string;
  phone: string | null;
  contactNote: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TeamAbsencesTable {
  id: string;
  centerId: string;
  userId: string;
  firstDay: string;
  lastDay: string;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface TeamKindRequirementsTable {
  id: string;
  centerId: string;
  /** session, helpdesk, tour. */
  kind: string;
  pathwayId: string;
  createdBy: string | null;
  createdAt: string;
}

export interface TeamAssignmentsTable {
  id: string;
  centerId: string;
  userId: string;
  /** session, helpdesk, tour. */
  kind: string;
  sessionId: string | null;
  openingId: string | null;
  /** The navette tour (kind "tour"), or null. */
  tourId: string | null;
  /** The Paris date of the assignment. */
  day: string;
  startsAt: string;
  endsAt: string;
  title: string;
  place: string | null;
  /** The conflicts shown and confirmed when assigning, as JSON, or null. */
  confirmedConflicts: string | null;
  /** When the session was cancelled or left the programme; null while it takes place. */
  cancelledAt: string | null;
  /** iCalendar SEQUENCE: up by one each time the session moves or is cancelled. */
  sequence: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TeamCalendarTokensTable {
  id: string;
  centerId: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
}

export interface TeamNoticesTable {
  id: string;
  centerId: string;
  authorId: string | null;
  title: string;
  /** Markdown, rendered sanitised (src/platform/markdown.ts). */
  body: string;
  pinned: Bool;
  /** Last day shown (Paris calendar date); null: until removed. */
  expiresOn: string | null;
  createdAt: string;
}

export interface TeamNoticeReadsTable {
  centerId: string;
  noticeId: string;
  userId: string;
  readAt: string;
}

export interface TeamNoticeDigestsTable {
  centerId: string;
  noticeId: string;
  userId: string;
  sentAt: string;
}

export interface TeamBoardSettingsTable {
  centerId: string;
  /** A DigestFrequency (team-board.vocab.ts). */
  digestFrequency: string;
  hourlyRateCents: number;
  updatedAt: string;
}

export interface VolunteerHoursTable {
  id: string;
  centerId: string;
  /** The volunteer (a staff account with the volunteer role). */
  userId: string;
  /** A HelpKind (team-board.vocab.ts). */
  kind: string;
  sessionId: string | null;
  workedOn: string;
  minutes: number;
  note: string | null;
  recordedBy: string | null;
  createdAt: string;
}

export interface TeamTables {
  teamProfiles: TeamProfilesTable;
  teamAbsences: TeamAbsencesTable;
  teamKindRequirements: TeamKindRequirementsTable;
  teamAssignments: TeamAssignmentsTable;
  teamCalendarTokens: TeamCalendarTokensTable;
  teamNotices: TeamNoticesTable;
  teamNoticeReads: TeamNoticeReadsTable;
  teamNoticeDigests: TeamNoticeDigestsTable;
  teamBoardSettings: TeamBoardSettingsTable;
  volunteerHours: VolunteerHoursTable;
}
