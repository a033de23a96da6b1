import type { Generated } from 'kysely';

/**
 * The database as TypeScript sees it (camelCase; columns are snake_case through
 * CamelCasePlugin). Booleans are `boolean | number` because SQLite returns 0/1:
 * repositories convert them with asBool().
 */
type Bool = boolean | number;

export interface CentersTable {
  id: string;
  slug: string;
  name: string;
  address: string | null;
  postalCode: string | null;
  communeInsee: string;
  openingHours: string | null;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SitesTable {
  id: string;
  centerId: string;
  name: string;
  kind: string;
  address: string | null;
  communeInsee: string | null;
  accessibility: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerCommunesTable {
  id: string;
  centerId: string;
  communeInsee: string;
  contactName: string | null;
  contactEmail: string | null;
  createdAt: string;
}

export interface UsersTable {
  id: string;
  centerId: string;
  email: string;
  displayName: string;
  role: string;
  passwordHash: string | null;
  partnerCommuneInsee: string | null;
  active: Bool;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AuthSessionsTable {
  id: string;
  centerId: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ApiTokensTable {
  id: string;
  centerId: string;
  name: string;
  role: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface PasswordResetsTable {
  id: string;
  centerId: string;
  userId: string;
  tokenHash: string;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export interface HouseholdsTable {
  id: string;
  centerId: string;
  name: string;
  createdAt: string;
}

export interface PersonsTable {
  id: string;
  centerId: string;
  firstName: string | null;
  lastName: string | null;
  searchText: string;
  /** Folded « last name, first name »: the list's French order (see people/search-text.ts). */
  sortName: Generated<string>;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  ageBracket: string;
  communeInsee: string | null;
  householdId: string | null;
  socialStatus: string;
  gender: string;
  accessibilityNeeds: string | null;
  mergedIntoId: string | null;
  erasedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One distinct word of a live person's search text (see src/modules/people/search-text.ts). */
export interface PersonSearchTermsTable {
  centerId: string;
  personId: string;
  term: string;
}

export interface MembershipsTable {
  id: string;
  centerId: string;
  personId: string;
  year: number;
  amountCents: number | null;
  recordedAt: string;
}

export interface ConsentsTable {
  id: string;
  centerId: string;
  personId: string;
  kind: string;
  granted: Bool;
  wordingVersion: string;
  recordedAt: string;
  recordedBy: string | null;
}

export interface AuditLogTable {
  id: string;
  centerId: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: string | null;
  at: string;
}

export interface OutboxTable {
  id: string;
  centerId: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  attempts: Generated<number>;
  lastError: string | null;
  dedupeKey: string | null;
  relatedType: string | null;
  relatedId: string | null;
  /** The person the message was sent to (for their export and erasure); null for staff messages. */
  personId: string | null;
  createdAt: string;
  sentAt: string | null;
  /** A credential link, encrypted, kept only until the message is delivered. */
  secret: string | null;
}

/** Failed sign-ins and reset requests per account (keyed hash of the e-mail), for limits. */
export interface AuthAttemptsTable {
  id: string;
  kind: string;
  accountKey: string;
  createdAt: string;
}

/** A public booking or registration, counted for the daily limits (contacts and address hashed). */
export interface PublicSubmissionsTable {
  id: string;
  centerId: string;
  kind: string;
  personId: string | null;
  emailHash: string | null;
  phoneHash: string | null;
  ipHash: string | null;
  createdAt: string;
}

export interface Database {
  centers: CentersTable;
  sites: SitesTable;
  partnerCommunes: PartnerCommunesTable;
  users: UsersTable;
  authSessions: AuthSessionsTable;
  apiTokens: ApiTokensTable;
  passwordResets: PasswordResetsTable;
  households: HouseholdsTable;
  persons: PersonsTable;
  personSearchTerms: PersonSearchTermsTable;
  memberships: MembershipsTable;
  consents: ConsentsTable;
  auditLog: AuditLogTable;
  outbox: OutboxTable;
  authAttempts: AuthAttemptsTable;
  publicSubmissions: PublicSubmissionsTable;
}

// — activities (src/modules/activities) —

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

// Interfaces merge: each module appends its tables here without touching the block above.
export interface Database {
  activities: ActivitiesTable;
  activityFacilitators: ActivityFacilitatorsTable;
  activitySessions: ActivitySessionsTable;
  activityRegistrations: ActivityRegistrationsTable;
  activityAttendance: ActivityAttendanceTable;
  calendarTokens: CalendarTokensTable;
}

export interface HelpdeskSettingsTable {
  centerId: string;
  cancelUntilHours: number;
  reminderDayBefore: Bool;
  updatedAt: string;
}

export interface HelpdeskMotifsTable {
  id: string;
  centerId: string;
  name: string;
  description: string | null;
  procedureCategory: string;
  durationMinutes: number;
  whatToBring: string | null;
  bookableBy: string;
  minDelayHours: number;
  horizonDays: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HelpdeskOpeningsTable {
  id: string;
  centerId: string;
  siteId: string;
  staffUserId: string | null;
  weekday: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string | null;
  everyWeeks: number;
  bookingSeq: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface HelpdeskOpeningMotifsTable {
  openingId: string;
  motifId: string;
  centerId: string;
}

export interface HelpdeskAbsencesTable {
  id: string;
  centerId: string;
  siteId: string | null;
  staffUserId: string | null;
  firstDay: string;
  lastDay: string;
  startTime: string | null;
  endTime: string | null;
  repeatWeeklyUntil: string | null;
  reason: string | null;
  createdAt: string;
}

export interface HelpdeskAppointmentsTable {
  id: string;
  centerId: string;
  motifId: string;
  siteId: string;
  openingId: string | null;
  staffUserId: string | null;
  deskKey: string;
  startAt: string;
  endAt: string;
  kind: string;
  channel: string;
  status: string;
  personId: string | null;
  note: string | null;
  outcome: string | null;
  outcomeAt: string | null;
  outcomeBy: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  bookedBy: string | null;
  reminderDoneAt: string | null;
  dayBeforeDoneAt: string | null;
  /** iCalendar SEQUENCE: bumped on every move or cancellation. */
  sequence: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface HelpdeskAccompanimentsTable {
  id: string;
  centerId: string;
  personId: string | null;
  appointmentId: string | null;
  siteId: string | null;
  recordedBy: string | null;
  occurredAt: string;
  durationMinutes: number;
  placeType: string;
  equipment: string;
  themes: string;
  procedureCategory: string | null;
  details: string | null;
  autonomy: string;
  redirected: Bool;
  redirectStructure: string | null;
  followUp: Bool;
  origin: string;
  createdAt: string;
  updatedAt: string;
}

export interface Database {
  helpdeskSettings: HelpdeskSettingsTable;
  helpdeskMotifs: HelpdeskMotifsTable;
  helpdeskOpenings: HelpdeskOpeningsTable;
  helpdeskOpeningMotifs: HelpdeskOpeningMotifsTable;
  helpdeskAbsences: HelpdeskAbsencesTable;
  helpdeskAppointments: HelpdeskAppointmentsTable;
  helpdeskAccompaniments: HelpdeskAccompanimentsTable;
}

// ---- pathways (competence framework, pathways, evaluations, quiz, progress, badges)

export interface FrameworkDomainsTable {
  id: string;
  centerId: string;
  code: string;
  title: string;
  layer: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface FrameworkCompetencesTable {
  id: string;
  centerId: string;
  domainId: string;
  code: string;
  title: string;
  mediationTheme: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface FrameworkSubjectsTable {
  id: string;
  centerId: string;
  competenceId: string;
  code: string;
  title: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface FrameworkSkillsTable {
  id: string;
  centerId: string;
  subjectId: string;
  code: string;
  statement: string;
  difficulty: number;
  position: number;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PathwaysTable {
  id: string;
  centerId: string;
  title: string;
  audience: string;
  description: string | null;
  archivedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PathwayModulesTable {
  id: string;
  centerId: string;
  pathwayId: string;
  position: number;
  title: string;
  level: string;
  suggestedSessions: number;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PathwayModuleSkillsTable {
  id: string;
  centerId: string;
  moduleId: string;
  skillId: string;
  position: number;
}

export interface PathwayModuleActivitiesTable {
  id: string;
  centerId: string;
  moduleId: string;
  activityId: string;
}

export interface EnrolmentsTable {
  id: string;
  centerId: string;
  pathwayId: string;
  personId: string | null;
  userId: string | null;
  startModuleId: string | null;
  status: string;
  source: string;
  enrolledAt: string;
  enrolledBy: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
}

export interface EvaluationsTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  moduleId: string | null;
  kind: string;
  recordedAt: string;
  recordedBy: string | null;
  recordedByLabel: string | null;
  comment: string | null;
}

export interface EvaluationResultsTable {
  id: string;
  centerId: string;
  evaluationId: string;
  skillId: string;
  status: string;
  autonomy: string | null;
}

export interface QuizQuestionsTable {
  id: string;
  centerId: string;
  skillId: string;
  prompt: string;
  picture: string | null;
  pictureAlt: string | null;
  retiredAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface QuizChoicesTable {
  id: string;
  centerId: string;
  questionId: string;
  label: string;
  correct: Bool;
  position: number;
}

export interface QuizSessionsTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  seed: string;
  maxLength: number;
  status: string;
  currentQuestionId: string | null;
  placementModuleId: string | null;
  evaluationId: string | null;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface QuizAnswersTable {
  id: string;
  centerId: string;
  sessionId: string;
  position: number;
  questionId: string;
  skillId: string;
  choiceId: string | null;
  outcome: string;
  answeredAt: string;
}

export interface ProgressLinksTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  tokenHash: string;
  expiresAt: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface BadgeKeysTable {
  id: string;
  centerId: string;
  publicKeyMultibase: string;
  secretEncrypted: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface BadgesTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  scope: string;
  moduleId: string | null;
  title: string;
  issuedAt: string;
  credential: string;
  keyId: string | null;
  showName: Bool;
  showSkills: Bool;
  publicName: string | null;
  revokedAt: string | null;
}

export interface RoleTrainingRequirementsTable {
  id: string;
  centerId: string;
  role: string;
  pathwayId: string;
  createdBy: string | null;
  createdAt: string;
}

export interface Database {
  frameworkDomains: FrameworkDomainsTable;
  frameworkCompetences: FrameworkCompetencesTable;
  frameworkSubjects: FrameworkSubjectsTable;
  frameworkSkills: FrameworkSkillsTable;
  pathways: PathwaysTable;
  pathwayModules: PathwayModulesTable;
  pathwayModuleSkills: PathwayModuleSkillsTable;
  pathwayModuleActivities: PathwayModuleActivitiesTable;
  enrolments: EnrolmentsTable;
  evaluations: EvaluationsTable;
  evaluationResults: EvaluationResultsTable;
  quizQuestions: QuizQuestionsTable;
  quizChoices: QuizChoicesTable;
  quizSessions: QuizSessionsTable;
  quizAnswers: QuizAnswersTable;
  progressLinks: ProgressLinksTable;
  badgeKeys: BadgeKeysTable;
  badges: BadgesTable;
  roleTrainingRequirements: RoleTrainingRequirementsTable;
}
