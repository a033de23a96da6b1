/**
 * Every column of every table, classified for the GDPR (a test compares this with the live
 * schema on both dialects and fails on a column missing here, so a new column is classified
 * when it is added):
 * - personal: identifies a resident (their words, contacts, free text about them); erased with
 *   them — cleared, or the row deleted (the erasure test proves no trace remains);
 * - statistic: pseudonymous facts kept after erasure for the funders' figures (age bracket,
 *   commune, attendance, outcomes), attached to an id that no longer names anyone;
 * - team: personal data of team members and partner contacts, handled with their account,
 *   outside a resident's erasure;
 * - none: not personal (ids, dates, the centre's own settings and content).
 */
export type ColumnClass = 'personal' | 'statistic' | 'team' | 'none';

type Columns = Record<string, ColumnClass>;

const timestamps = { createdAt: 'none', updatedAt: 'none' } as const;

export const personalDataInventory: Record<string, Columns> = {
  centers: { id: 'none', slug: 'none', name: 'none', address: 'none', postalCode: 'none', communeInsee: 'none', openingHours: 'none', email: 'none', phone: 'none', ...timestamps },
  sites: { id: 'none', centerId: 'none', name: 'none', kind: 'none', address: 'none', communeInsee: 'none', accessibility: 'none', archivedAt: 'none', ...timestamps },
  partnerCommunes: { id: 'none', centerId: 'none', communeInsee: 'none', contactName: 'team', contactEmail: 'team', createdAt: 'none' },
  users: {
    id: 'none', centerId: 'none', email: 'team', displayName: 'team', role: 'none', passwordHash: 'team', partnerCommuneInsee: 'none', active: 'none',
    lastLoginAt: 'team', ...timestamps,
  },
  authSessions: { id: 'none', centerId: 'none', userId: 'team', createdAt: 'none', lastSeenAt: 'team', expiresAt: 'none' },
  apiTokens: { id: 'none', centerId: 'none', name: 'none', role: 'none', tokenHash: 'none', createdAt: 'none', lastUsedAt: 'none', revokedAt: 'none' },
  passwordResets: { id: 'none', centerId: 'none', userId: 'team', tokenHash: 'none', expiresAt: 'none', usedAt: 'none', createdAt: 'none' },
  households: { id: 'none', centerId: 'none', name: 'personal', createdAt: 'none' },
  persons: {
    id: 'none', centerId: 'none', firstName: 'personal', lastName: 'personal', searchText: 'personal', sortName: 'personal', phone: 'personal',
    email: 'personal', birthYear: 'personal', ageBracket: 'statistic', communeInsee: 'statistic', householdId: 'personal', socialStatus: 'statistic', gender: 'statistic', accessibilityNeeds: 'personal',
    mergedIntoId: 'none', erasedAt: 'none', createdBy: 'none', ...timestamps,
  },
  personSearchTerms: { centerId: 'none', personId: 'none', term: 'personal' },
  memberships: { id: 'none', centerId: 'none', personId: 'none', year: 'statistic', amountCents: 'statistic', recordedAt: 'statistic' },
  consents: { id: 'none', centerId: 'none', personId: 'none', kind: 'statistic', granted: 'statistic', wordingVersion: 'statistic', recordedAt: 'statistic', recordedBy: 'none' },
  // Details hold ids and field names, never values (audit.ts); the label names a team member.
  auditLog: { id: 'none', centerId: 'none', actorId: 'none', actorLabel: 'team', action: 'none', subjectType: 'none', subjectId: 'none', details: 'none', at: 'none' },
  outbox: {
    id: 'none', centerId: 'none', channel: 'none', recipient: 'personal', subject: 'personal', body: 'personal', status: 'none', attempts: 'none',
    lastError: 'personal', dedupeKey: 'none', relatedType: 'none', relatedId: 'none', personId: 'none', createdAt: 'none', sentAt: 'none',
    // A team member's encrypted reset or invitation link, kept only until it is delivered.
    secret: 'team',
  },
  // Attempts to sign in or reset a password, keyed by a keyed hash of the address typed.
  authAttempts: { id: 'none', kind: 'none', accountKey: 'team', createdAt: 'none' },
  publicSubmissions: { id: 'none', centerId: 'none', kind: 'none', personId: 'none', emailHash: 'personal', phoneHash: 'personal', ipHash: 'personal', createdAt: 'none' },

  activities: {
    id: 'none', centerId: 'none', title: 'none', description: 'none', kind: 'none', audience: 'none', minAge: 'none', maxAge: 'none', theme: 'none', level: 'none',
    siteId: 'none', capacity: 'none', priceCents: 'none', reducedPriceCents: 'none', equipment: 'none', registrationMode: 'none', scheduleKind: 'none',
    scheduleDates: 'none', rrule: 'none', startDate: 'none', endDate: 'none', startTime: 'none', endTime: 'none', exceptions: 'none', scheduleBlocks: 'none', published: 'none',
    lockVersion: 'none', archivedAt: 'none', createdBy: 'none', ...timestamps,
  },
  activityFacilitators: { centerId: 'none', activityId: 'none', userId: 'none' },
  activitySessions: {
    id: 'none', centerId: 'none', activityId: 'none', localDate: 'none', startsAt: 'none', endsAt: 'none', siteId: 'none', status: 'none', isException: 'none',
    cancelReason: 'none', lockVersion: 'none', sequence: 'none', ...timestamps,
  },
  activityRegistrations: {
    id: 'none', centerId: 'none', activityId: 'none', sessionId: 'none', personId: 'none', groupId: 'none', status: 'statistic', waitlistPosition: 'none',
    source: 'statistic', guardianName: 'personal', contactPhone: 'personal', contactEmail: 'personal', parentalAuthorisation: 'statistic',
    remindersConsent: 'statistic', matchStatus: 'none', submitted: 'personal', cancelledAt: 'statistic', cancelledBy: 'none', promotedAt: 'none',
    createdBy: 'none', ...timestamps,
  },
  activityAttendance: {
    id: 'none', centerId: 'none', sessionId: 'none', activityId: 'none', personId: 'none', registrationId: 'none', status: 'statistic', walkIn: 'statistic',
    mediationType: 'statistic', theme: 'statistic', level: 'statistic', equipment: 'statistic', durationMinutes: 'statistic', sessionStartsAt: 'statistic',
    siteId: 'statistic', recordedBy: 'none', recordedAt: 'none',
  },
  calendarTokens: { id: 'none', centerId: 'none', userId: 'team', tokenHash: 'none', createdAt: 'none' },

  helpdeskSettings: { centerId: 'none', cancelUntilHours: 'none', reminderDayBefore: 'none', updatedAt: 'none' },
  helpdeskMotifs: {
    id: 'none', centerId: 'none', name: 'none', description: 'none', procedureCategory: 'none', durationMinutes: 'none', whatToBring: 'none', bookableBy: 'none',
    minDelayHours: 'none', horizonDays: 'none', archivedAt: 'none', ...timestamps,
  },
  helpdeskOpenings: {
    id: 'none', centerId: 'none', siteId: 'none', staffUserId: 'none', weekday: 'none', startTime: 'none', endTime: 'none', startsOn: 'none', endsOn: 'none',
    everyWeeks: 'none', bookingSeq: 'none', ...timestamps,
  },
  helpdeskOpeningMotifs: { openingId: 'none', motifId: 'none', centerId: 'none' },
  // A team member's absence: its reason is theirs.
  helpdeskAbsences: {
    id: 'none', centerId: 'none', siteId: 'none', staffUserId: 'none', firstDay: 'none', lastDay: 'none', startTime: 'none', endTime: 'none',
    repeatWeeklyUntil: 'none', reason: 'team', createdAt: 'none',
  },
  helpdeskAppointments: {
    id: 'none', centerId: 'none', motifId: 'statistic', siteId: 'statistic', openingId: 'none', staffUserId: 'none', deskKey: 'none', startAt: 'statistic',
    endAt: 'statistic', kind: 'statistic', channel: 'statistic', status: 'statistic', personId: 'none', note: 'personal', outcome: 'statistic', outcomeAt: 'none',
    outcomeBy: 'none', cancelledAt: 'none', cancelledBy: 'none', bookedBy: 'none', reminderDoneAt: 'none', dayBeforeDoneAt: 'none', sequence: 'none', ...timestamps,
  },
  helpdeskAccompaniments: {
    id: 'none', centerId: 'none', personId: 'none', appointmentId: 'none', siteId: 'statistic', recordedBy: 'none', occurredAt: 'statistic',
    durationMinutes: 'statistic', placeType: 'statistic', equipment: 'statistic', themes: 'statistic', procedureCategory: 'statistic', details: 'personal',
    autonomy: 'statistic', redirected: 'statistic', redirectStructure: 'statistic', followUp: 'statistic', origin: 'statistic', ...timestamps,
  },

  frameworkDomains: { id: 'none', centerId: 'none', code: 'none', title: 'none', layer: 'none', position: 'none', ...timestamps },
  frameworkCompetences: { id: 'none', centerId: 'none', domainId: 'none', code: 'none', title: 'none', mediationTheme: 'none', position: 'none', ...timestamps },
  frameworkSubjects: { id: 'none', centerId: 'none', competenceId: 'none', code: 'none', title: 'none', position: 'none', ...timestamps },
  frameworkSkills: {
    id: 'none', centerId: 'none', subjectId: 'none', code: 'none', statement: 'none', difficulty: 'none', position: 'none', retiredAt: 'none', ...timestamps,
  },
  pathways: { id: 'none', centerId: 'none', title: 'none', audience: 'none', description: 'none', archivedAt: 'none', createdBy: 'none', ...timestamps },
  pathwayModules: {
    id: 'none', centerId: 'none', pathwayId: 'none', position: 'none', title: 'none', level: 'none', suggestedSessions: 'none', description: 'none', ...timestamps,
  },
  pathwayModuleSkills: { id: 'none', centerId: 'none', moduleId: 'none', skillId: 'none', position: 'none' },
  pathwayModuleActivities: { id: 'none', centerId: 'none', moduleId: 'none', activityId: 'none' },
  enrolments: {
    id: 'none', centerId: 'none', pathwayId: 'statistic', personId: 'none', userId: 'none', startModuleId: 'none', status: 'statistic', source: 'statistic',
    enrolledAt: 'statistic', enrolledBy: 'none', completedAt: 'statistic', withdrawnAt: 'statistic',
  },
  evaluations: {
    id: 'none', centerId: 'none', enrolmentId: 'none', moduleId: 'none', kind: 'statistic', recordedAt: 'statistic', recordedBy: 'none',
    recordedByLabel: 'team', comment: 'personal',
  },
  evaluationResults: { id: 'none', centerId: 'none', evaluationId: 'none', skillId: 'statistic', status: 'statistic', autonomy: 'statistic' },
  quizQuestions: {
    id: 'none', centerId: 'none', skillId: 'none', prompt: 'none', picture: 'none', pictureAlt: 'none', retiredAt: 'none', createdBy: 'none', ...timestamps,
  },
  quizChoices: { id: 'none', centerId: 'none', questionId: 'none', label: 'none', correct: 'none', position: 'none' },
  quizSessions: {
    id: 'none', centerId: 'none', enrolmentId: 'none', seed: 'none', maxLength: 'none', status: 'statistic', currentQuestionId: 'none',
    placementModuleId: 'none', evaluationId: 'none', startedBy: 'none', startedAt: 'statistic', finishedAt: 'statistic',
  },
  quizAnswers: {
    id: 'none', centerId: 'none', sessionId: 'none', position: 'none', questionId: 'none', skillId: 'statistic', choiceId: 'none', outcome: 'statistic',
    answeredAt: 'statistic',
  },
  progressLinks: {
    id: 'none', centerId: 'none', enrolmentId: 'none', tokenHash: 'none', expiresAt: 'none', createdBy: 'none', createdAt: 'none', lastUsedAt: 'none',
    revokedAt: 'none',
  },
  badgeKeys: { id: 'none', centerId: 'none', publicKeyMultibase: 'none', secretEncrypted: 'none', createdAt: 'none', retiredAt: 'none' },
  // A signed credential holds only a salted hash of its holder's name (pseudonymous): it stays verifiable.
  badges: {
    id: 'none', centerId: 'none', enrolmentId: 'none', scope: 'none', moduleId: 'none', title: 'none', issuedAt: 'statistic', credential: 'statistic',
    keyId: 'none', showName: 'none', showSkills: 'none', publicName: 'personal', revokedAt: 'none',
  },
  roleTrainingRequirements: { id: 'none', centerId: 'none', role: 'none', pathwayId: 'none', createdBy: 'none', createdAt: 'none' },
};

/** The personal columns of a table (empty when it holds none). */
export function personalColumns(table: string): string[] {
  return Object.entries(personalDataInventory[table] ?? {})
    .filter(([, kind]) => kind === 'personal')
    .map(([column]) => column);
}
