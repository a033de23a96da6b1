import type { Translator } from '../../platform/i18n/index.ts';
import { personalDataInventory, type ColumnClass } from '../../platform/personal-data-inventory.ts';
import { RETENTION_KINDS, type RetentionKind, type RetentionPeriods } from '../../platform/retention.ts';

/**
 * The register of processing activities (RGPD art. 30), drawn from two sources that the code
 * keeps true: the personal-data classification of every column (personal-data-inventory.ts,
 * checked against the live schema by a test) and the centre's retention periods. Each table
 * holding personal data belongs to one processing activity below; a table no activity claims
 * yet is listed under « Autres données », so the register never hides a column.
 */
interface ActivityDefinition {
  id: 'persons' | 'activities' | 'helpdesk' | 'pathways' | 'forums' | 'messages' | 'publicForms' | 'team' | 'audit';
  subjects: 'residents' | 'learners' | 'team' | 'everyone';
  tables: readonly string[];
  retention: readonly RetentionKind[];
}

const ACTIVITIES: readonly ActivityDefinition[] = [
  { id: 'persons', subjects: 'residents', tables: ['persons', 'personSearchTerms', 'personSearchPrefixes', 'households', 'memberships', 'consents'], retention: ['inactivePersons'] },
  {
    id: 'activities',
    subjects: 'residents',
    tables: ['activityRegistrations', 'activityAttendance', 'activitySurveyInvitations', 'activitySurveyAnswers', 'activities'],
    retention: ['inactivePersons'],
  },
  { id: 'helpdesk', subjects: 'residents', tables: ['helpdeskAppointments', 'helpdeskAccompaniments'], retention: ['notes', 'inactivePersons'] },
  {
    id: 'pathways',
    subjects: 'learners',
    tables: ['enrolments', 'evaluations', 'evaluationResults', 'quizSessions', 'quizAnswers', 'badges', 'progressLinks'],
    retention: ['notes', 'inactivePersons'],
  },
  // A proposal's contact is also cleared two months after the votes close (forums module).
  { id: 'forums', subjects: 'residents', tables: ['forumProposals', 'forumVoters'], retention: ['inactivePersons'] },
  { id: 'messages', subjects: 'everyone', tables: ['outbox'], retention: ['messages'] },
  { id: 'publicForms', subjects: 'residents', tables: ['publicSubmissions'], retention: ['publicLimits'] },
  {
    id: 'team',
    subjects: 'team',
    tables: ['users', 'partnerCommunes', 'authSessions', 'passwordResets', 'authAttempts', 'calendarTokens', 'helpdeskAbsences'],
    retention: ['sessions'],
  },
  { id: 'audit', subjects: 'everyone', tables: ['auditLog'], retention: ['auditLog'] },
];

export interface RegisterColumns {
  /** camelCase table name, as the code knows it. */
  table: string;
  columns: { name: string; kind: Exclude<ColumnClass, 'none'> }[];
}

export interface ProcessingActivity {
  id: string;
  name: string;
  purpose: string;
  legalBasis: string;
  subjects: string;
  recipients: string;
  retention: { kind: RetentionKind; label: string; period: string }[];
  data: RegisterColumns[];
}

export interface ProcessingRegister {
  controller: { name: string; address: string; email: string | null; phone: string | null };
  generatedAt: string;
  activities: ProcessingActivity[];
  security: string;
}

/** "36 mois", "2 jours": a kind's period in words. */
export function periodText(t: Translator, kind: RetentionKind, amount: number): string {
  return t(RETENTION_KINDS[kind].unit === 'months' ? 'privacy.unit.months' : 'privacy.unit.days', { count: amount });
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function dataOf(tables: readonly string[]): RegisterColumns[] {
  return tables.flatMap((table) => {
    const columns = Object.entries(personalDataInventory[table] ?? {})
      .filter((entry): entry is [string, Exclude<ColumnClass, 'none'>] => entry[1] !== 'none')
      .map(([name, kind]) => ({ name: snake(name), kind }));
    return columns.length > 0 ? [{ table: snake(table), columns }] : [];
  });
}

/** Tables with personal or team data that no activity claims. */
export function unclaimedTables(): string[] {
  const claimed = new Set(ACTIVITIES.flatMap((a) => a.tables));
  return Object.entries(personalDataInventory)
    .filter(([table, columns]) => !claimed.has(table) && Object.values(columns).some((kind) => kind === 'personal' || kind === 'team'))
    .map(([table]) => table);
}

export function buildRegister(
  t: Translator,
  controller: ProcessingRegister['controller'],
  periods: RetentionPeriods,
  generatedAt: string,
): ProcessingRegister {
  const activities: ProcessingActivity[] = ACTIVITIES.map((a) => ({
    id: a.id,
    name: t(`privacy.activity.${a.id}`),
    purpose: t(`privacy.activity.${a.id}.purpose`),
    legalBasis: t(`privacy.activity.${a.id}.basis`),
    subjects: t(`privacy.subjects.${a.subjects}`),
    recipients: t('privacy.register.recipientsText'),
    retention: a.retention.map((kind) => ({ kind, label: t(`privacy.kind.${kind}`), period: periodText(t, kind, periods[kind]) })),
    data: dataOf(a.tables),
  }));
  const other = unclaimedTables();
  if (other.length > 0) {
    activities.push({
      id: 'other',
      name: t('privacy.activity.other'),
      purpose: t('privacy.activity.other.purpose'),
      legalBasis: t('privacy.activity.other.basis'),
      subjects: t('privacy.subjects.everyone'),
      recipients: t('privacy.register.recipientsText'),
      retention: [{ kind: 'inactivePersons', label: t('privacy.kind.inactivePersons'), period: t('privacy.register.untilErased') }],
      data: dataOf(other),
    });
  }
  return { controller, generatedAt, activities, security: t('privacy.register.securityText') };
}
