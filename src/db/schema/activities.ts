// Activities, sessions, registrations, attendance and calendar tokens (src/modules/activities).
import type { Generated } from 'kysely';
import type { Bool } from './bool.ts';

export interface ActivitiesTable {
  id: string;
  centerId: string;
  title: string;
  description: string;
  kind: string;
  audience: string;
  minAge: number | null;
  maxAge: number | null;
  theme: string;
  level: string;
  siteId: string;
  capacity: number;
  priceCents: number;
  reducedPriceCents: number | null;
  equipment: string;
  registrationMode: string;
  scheduleKind: string;
  scheduleDates: string | null;
  rrule: string | null;
  startDate: string | null;
  endDate: string | null;
  startTime: string;
  endTime: string;
  exceptions: string | null;
  /** Weekly slots with their own times, "TU 14:00-16:00|TH 10:00-12:00"; null: one time for all. */
  scheduleBlocks: string | null;
  /** JSON: [{ name, role }], the speakers of an information time. */
  speakers: string | null;
  /** JSON: [{ name, url }], the partner organisations. */
  partners: string | null;
  /** Persons present are asked for their opinion after each session ("Votre avis"). */
  surveyEnabled: Bool;
  published: Bool;
  lockVersion: Generated<number>;
  archivedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityFacilitatorsTable {
  centerId: string;
  activityId: string;
  userId: string;
}

export interface ActivitySessionsTable {
  id: string;
  centerId: string;
  activityId: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  siteId: string | null;
  status: string;
  isException: Bool;
  cancelReason: string | null;
  lockVersion: Generated<number>;
  /** iCalendar SEQUENCE: bumped on every move or cancellation. */
  sequence: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityRegistrationsTable {
  id: string;
  centerId: string;
  activityId: string;
  sessionId: string;
  personId: string;
  groupId: string;
  status: string;
  waitlistPosition: number | null;
  source: string;
  guardianName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  parentalAuthorisation: Bool;
  remindersConsent: Bool;
  matchStatus: string;
  submitted: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  promotedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityAttendanceTable {
  id: string;
  centerId: string;
  sessionId: string;
  activityId: string;
  personId: string;
  registrationId: string | null;
  status: string;
  walkIn: Bool;
  mediationType: string;
  theme: string;
  level: string;
  equipment: string;
  durationMinutes: number;
  sessionStartsAt: string;
  siteId: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface CalendarTokensTable {
  id: string;
  centerId: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
}

export interface ActivitySurveyInvitationsTable {
  id: string;
  centerId: string;
  sessionId: string;
  registrationId: string;
  tokenHash: string;
  expiresAt: string;
  createdAt: string;
}

export interface ActivitySurveyAnswersTable {
  id: string;
  centerId: string;
  activityId: string;
  sessionId: string;
  invitationId: string | null;
  source: string;
  rating: number | null;
  comment: string | null;
  recordedBy: string | null;
  createdAt: string;
}

export interface ActivitiesTables {
  activities: ActivitiesTable;
  activityFacilitators: ActivityFacilitatorsTable;
  activitySessions: ActivitySessionsTable;
  activityRegistrations: ActivityRegistrationsTable;
  activityAttendance: ActivityAttendanceTable;
  calendarTokens: CalendarTokensTable;
  activitySurveyInvitations: ActivitySurveyInvitationsTable;
  activitySurveyAnswers: ActivitySurveyAnswersTable;
}
