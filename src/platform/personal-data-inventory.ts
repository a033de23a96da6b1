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
  centers: { id: 'none', slug: 'none', name: 'none', address: 'none', postalCode: 'none', communeInsee: 'none', openingHours: 'none', email: 'none', phone: 'none', siret: 'none', twoStepRoles: 'none', federationId: 'none', ...timestamps },
  federations: { id: 'none', slug: 'none', name: 'none', ...timestamps },
  reportVersions: { centerId: 'none', version: 'none' },
  // A centre's anonymous counts (persons, accompaniments, hours by month, age bracket, gender,
  // commune), cells under 5 included: read only by the federation's report, which gathers them.
  reportFigures: { centerId: 'none', periodFrom: 'none', periodTo: 'none', version: 'none', figures: 'none', countedAt: 'none' },
  sites: { id: 'none', centerId: 'none', name: 'none', kind: 'none', address: 'none', communeInsee: 'none', accessibility: 'none', archivedAt: 'none', ...timestamps },
  partnerCommunes: { id: 'none', centerId: 'none', communeInsee: 'none', contactName: 'team', contactEmail: 'team', createdAt: 'none' },
  users: {
    id: 'none', centerId: 'none', email: 'team', displayName: 'team', role: 'none', passwordHash: 'team', partnerCommuneInsee: 'none', federationId: 'none', active: 'none',
    lastLoginAt: 'team', ...timestamps,
  },
  authSessions: { id: 'none', centerId: 'none', userId: 'team', createdAt: 'none', lastSeenAt: 'team', expiresAt: 'none' },
  apiTokens: { id: 'none', centerId: 'none', name: 'none', role: 'none', tokenHash: 'none', createdAt: 'none', lastUsedAt: 'none', revokedAt: 'none' },
  federationApiTokens: { id: 'none', federationId: 'none', centerId: 'none', name: 'none', tokenHash: 'none', createdAt: 'none', lastUsedAt: 'none', revokedAt: 'none' },
  passwordResets: { id: 'none', centerId: 'none', userId: 'team', tokenHash: 'none', expiresAt: 'none', usedAt: 'none', createdAt: 'none' },
  households: { id: 'none', centerId: 'none', name: 'personal', createdAt: 'none' },
  persons: {
    id: 'none', centerId: 'none', firstName: 'personal', lastName: 'personal', searchText: 'personal', sortName: 'personal', phone: 'personal',
    email: 'personal', birthYear: 'personal', ageBracket: 'statistic', communeInsee: 'statistic', householdId: 'personal', socialStatus: 'statistic', gender: 'statistic', accessibilityNeeds: 'personal',
    mergedIntoId: 'none', erasedAt: 'none', createdBy: 'none', ...timestamps,
  },
  personSearchTerms: { centerId: 'none', personId: 'none', term: 'personal' },
  personSearchPrefixes: { centerId: 'none', prefix: 'personal', sortName: 'personal', personId: 'none' },
  memberships: { id: 'none', centerId: 'none', personId: 'none', year: 'statistic', amountCents: 'statistic', recordedAt: 'statistic' },
  consents: { id: 'none', centerId: 'none', personId: 'none', kind: 'statistic', granted: 'statistic', wordingVersion: 'statistic', recordedAt: 'statistic', recordedBy: 'none' },
  // Details hold ids and field names, never values (audit.ts); the label names a team member.
  // A background export's file may list residents: it is personal, dropped after 24 hours, and
  // the centre's files are dropped at once when a resident is erased.
  exportJobs: {
    id: 'none', centerId: 'none', requestedBy: 'team', kind: 'none', format: 'none', params: 'personal', status: 'none', progress: 'none', rowCount: 'none',
    filename: 'none', result: 'personal', createdAt: 'none', startedAt: 'none', finishedAt: 'none', expiresAt: 'none',
  },
  auditLog: { id: 'none', centerId: 'none', actorId: 'none', actorLabel: 'team', action: 'none', subjectType: 'none', subjectId: 'none', details: 'none', at: 'none' },
  outbox: {
    id: 'none', centerId: 'none', channel: 'none', recipient: 'personal', subject: 'personal', body: 'personal', status: 'none', attempts: 'none',
    lastError: 'personal', dedupeKey: 'none', relatedType: 'none', relatedId: 'none', personId: 'none', createdAt: 'none', sentAt: 'none',
    // A team member's encrypted reset or invitation link, kept only until it is delivered.
    secret: 'team',
  },
  // Attempts to sign in or reset a password, keyed by a keyed hash of the address typed.
  authAttempts: { id: 'none', kind: 'none', accountKey: 'team', createdAt: 'none' },
  // A team member's two-step sign-in: the encrypted secret and keyed hashes of their recovery codes.
  staffTwoStep: { userId: 'none', centerId: 'none', secret: 'team', confirmedAt: 'none', lastStep: 'none', createdAt: 'none' },
  staffRecoveryCodes: { id: 'none', centerId: 'none', userId: 'none', codeHash: 'team', usedAt: 'none', createdAt: 'none' },
  publicSubmissions: { id: 'none', centerId: 'none', kind: 'none', personId: 'none', emailHash: 'personal', phoneHash: 'personal', ipHash: 'personal', createdAt: 'none' },

  activities: {
    id: 'none', centerId: 'none', title: 'none', description: 'none', kind: 'none', audience: 'none', minAge: 'none', maxAge: 'none', theme: 'none', level: 'none',
    siteId: 'none', capacity: 'none', priceCents: 'none', reducedPriceCents: 'none', equipment: 'none', registrationMode: 'none', scheduleKind: 'none',
    scheduleDates: 'none', rrule: 'none', startDate: 'none', endDate: 'none', startTime: 'none', endTime: 'none', exceptions: 'none', scheduleBlocks: 'none', published: 'none',
    lockVersion: 'none', archivedAt: 'none', createdBy: 'none', ...timestamps,
    // The speakers invited to an information time are the centre's partner contacts, shown in its programme.
    speakers: 'team', partners: 'none', surveyEnabled: 'none',
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
  // "Votre avis": the invitation ties a registration to its link and is deleted with the person;
  // the face chosen is a statistic tied to no one once erased, the words written are theirs.
  activitySurveyInvitations: { id: 'none', centerId: 'none', sessionId: 'none', registrationId: 'none', tokenHash: 'none', expiresAt: 'none', createdAt: 'none' },
  activitySurveyAnswers: {
    id: 'none', centerId: 'none', activityId: 'none', sessionId: 'none', invitationId: 'none', source: 'statistic', rating: 'statistic', comment: 'personal',
    recordedBy: 'none', createdAt: 'none',
  },

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

  equipmentItems: {
    id: 'none', centerId: 'none', name: 'none', category: 'none', assetTag: 'none', serialNumber: 'none', funder: 'none', fundingProgramme: 'none',
    purchaseDate: 'none', purchaseValueCents: 'none', siteId: 'none', status: 'none', lendable: 'none', publicDescription: 'none', depositCents: 'none',
    requiredModuleId: 'none', lockSeq: 'none', ...timestamps,
  },
  equipmentComponents: { id: 'none', centerId: 'none', itemId: 'none', name: 'none', quantity: 'none', position: 'none' },
  // Dates and durations of loans are the figures the Carsat asks for; the condition text may name the borrower.
  equipmentLoans: {
    id: 'none', centerId: 'none', itemId: 'none', personId: 'none', reservationId: 'none', lentAt: 'statistic', dueOn: 'statistic', returnedAt: 'statistic',
    conditionOut: 'personal', conditionIn: 'personal', missingComponents: 'none', renewals: 'statistic', depositCents: 'none', reminders: 'none',
    reminderBeforeAt: 'none', reminderOverdueAt: 'none', lentBy: 'none', returnedBy: 'none', ...timestamps,
  },
  equipmentReservations: {
    id: 'none', centerId: 'none', itemId: 'none', personId: 'none', purpose: 'personal', startsOn: 'none', endsOn: 'none', status: 'none', loanId: 'none',
    createdBy: 'none', ...timestamps,
  },
  // Notes written at check-in may quote the borrower; erased with the loan's person.
  equipmentConditionNotes: { id: 'none', centerId: 'none', itemId: 'none', loanId: 'none', note: 'personal', recordedBy: 'none', recordedAt: 'none' },

  // The resource space: the centre's own published content, about no one.
  fiches: {
    id: 'none', centerId: 'none', slug: 'none', title: 'none', summary: 'none', body: 'none', level: 'none', themes: 'none', competences: 'none', status: 'none',
    searchTitle: 'none', searchText: 'none', publishedAt: 'none', createdBy: 'none', ...timestamps,
  },
  ficheActivities: { id: 'none', centerId: 'none', ficheId: 'none', activityId: 'none' },
  // A fiche given at a navette visit names the visit report, which the navette's person data covers.
  ficheLinks: { id: 'none', centerId: 'none', ficheId: 'none', subject: 'none', subjectId: 'none' },
  ficheImages: { id: 'none', centerId: 'none', ficheId: 'none', mime: 'none', size: 'none', sha256: 'none', altText: 'none', data: 'none', createdBy: 'none', createdAt: 'none' },
  // The centre's retention periods (privacy module).
  retentionPeriods: { centerId: 'none', kind: 'none', amount: 'none', updatedAt: 'none' },

  forumConsultations: {
    id: 'none', centerId: 'none', title: 'none', description: 'none', proposalsOpenOn: 'none', votesOpenOn: 'none', votesCloseOn: 'none', votesPerPerson: 'none',
    moderation: 'none', eligibleCommunes: 'none', createdBy: 'none', ...timestamps,
  },
  // A theme is public once proposed (moderated): its words are the consultation's, its author is private.
  forumProposals: {
    id: 'none', centerId: 'none', consultationId: 'none', title: 'none', body: 'none', communeInsee: 'statistic', origin: 'statistic', status: 'none', publicAnswer: 'none',
    mergedIntoId: 'none', reportsCount: 'none', activityId: 'none', authorPersonId: 'none', authorName: 'personal', authorEmail: 'personal', enteredBy: 'none', ...timestamps,
  },
  forumVoters: {
    id: 'none', centerId: 'none', consultationId: 'none', personId: 'none', firstName: 'personal', lastName: 'personal', email: 'personal', contactKey: 'personal',
    communeInsee: 'statistic', consentAt: 'statistic', voteSeq: 'none', createdAt: 'none',
  },
  forumVotes: { id: 'none', centerId: 'none', consultationId: 'none', voterId: 'none', proposalId: 'none', createdAt: 'statistic' },
  forumPaperTallies: {
    id: 'none', centerId: 'none', consultationId: 'none', proposalId: 'none', count: 'statistic', collectedWhere: 'none', collectedOn: 'none', enteredBy: 'none', enteredAt: 'none',
  },

  // The navette: where a resident lives, what they need, when they are at home are personal;
  // the commune, theme, urgency and duration stay for the figures.
  shuttleVisitRequests: {
    id: 'none', centerId: 'none', personId: 'none', communeInsee: 'statistic', address: 'personal', longitude: 'personal', latitude: 'personal', locationSource: 'none', geocodeScore: 'none', problem: 'personal',
    theme: 'statistic', urgency: 'statistic', availability: 'personal', notes: 'personal', durationMinutes: 'statistic', status: 'statistic', createdBy: 'none', ...timestamps,
  },
  // A tour leaves from the centre; its stops point at requests (whose words are erased there).
  shuttleTours: {
    id: 'none', centerId: 'none', date: 'none', shiftStart: 'none', shiftEnd: 'none', breakFrom: 'none', breakTo: 'none', breakMinutes: 'none', startLongitude: 'none',
    startLatitude: 'none', drivingSeconds: 'none', returnAt: 'none', status: 'none', createdBy: 'none', ...timestamps,
  },
  shuttleTourStops: { id: 'none', centerId: 'none', tourId: 'none', requestId: 'none', position: 'none', arrival: 'none', departure: 'none' },
  // A visit report: what was done at the resident's home is theirs; the outcome, duration and
  // follow-ups stay for the figures (the accompaniment record lives in the help desk's table).
  shuttleVisitReports: {
    id: 'none', centerId: 'none', clientId: 'none', requestId: 'none', personId: 'none', accompanimentId: 'none', summary: 'personal', durationMinutes: 'statistic',
    outcome: 'statistic', appointmentWanted: 'none', appointmentId: 'none', appointmentStatus: 'statistic', followUps: 'statistic', recordedBy: 'none', writtenAt: 'none',
    ...timestamps,
  },

  // The team: a member's skills, availability, contacts, absences, hours and reading receipts
  // are theirs, handled with their account; the centre's notices and settings are its own.
  teamProfiles: {
    id: 'none', centerId: 'none', userId: 'team', skills: 'team', tags: 'team', availability: 'team', contactChannel: 'team', phone: 'team', contactNote: 'team', ...timestamps,
  },
  teamAbsences: { id: 'none', centerId: 'none', userId: 'team', firstDay: 'team', lastDay: 'team', reason: 'team', createdBy: 'none', createdAt: 'none' },
  teamKindRequirements: { id: 'none', centerId: 'none', kind: 'none', pathwayId: 'none', createdBy: 'none', createdAt: 'none' },
  teamAssignments: {
    id: 'none', centerId: 'none', userId: 'team', kind: 'none', sessionId: 'none', openingId: 'none', day: 'none', startsAt: 'none', endsAt: 'none', title: 'none',
    place: 'none', confirmedConflicts: 'none', cancelledAt: 'none', sequence: 'none', createdBy: 'none', ...timestamps,
    tourId: 'none',
  },
  teamCalendarTokens: { id: 'none', centerId: 'none', userId: 'team', tokenHash: 'none', createdAt: 'none' },
  teamNotices: { id: 'none', centerId: 'none', authorId: 'none', title: 'none', body: 'none', pinned: 'none', expiresOn: 'none', createdAt: 'none' },
  teamNoticeReads: { centerId: 'none', noticeId: 'none', userId: 'team', readAt: 'team' },
  teamNoticeDigests: { centerId: 'none', noticeId: 'none', userId: 'team', sentAt: 'none' },
  teamBoardSettings: { centerId: 'none', digestFrequency: 'none', hourlyRateCents: 'none', updatedAt: 'none' },
  volunteerHours: {
    id: 'none', centerId: 'none', userId: 'team', kind: 'none', sessionId: 'none', workedOn: 'team', minutes: 'team', note: 'team', recordedBy: 'none', createdAt: 'none',
  },
};

/** The personal columns of a table (empty when it holds none). */
export function personalColumns(table: string): string[] {
  return Object.entries(personalDataInventory[table] ?? {})
    .filter(([, kind]) => kind === 'personal')
    .map(([column]) => column);
}
