/** The pathways' lists as files (platform/exports): a pathway's enrolments. */
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import { enrolmentState, type EnrolmentListItem } from './enrolment.service.ts';

const t = translator('fr');
const col = (key: string) => t(`exports.col.${key}` as MessageKey);

/**
 * A pathway's enrolments as the page lists them: who, since when, where they are and how many
 * skills they acquired. Names only: no contact, and never the learner's progress link (a secret).
 */
export function enrolmentsExport(pathwayTitle: string, items: readonly EnrolmentListItem[]): ExportResult {
  const header = ['person', 'learnerKind', 'enrolledAt', 'currentModule', 'skillsAcquired', 'skillsTotal', 'status', 'completedAt'].map(col);
  const rows = items.map(({ enrolment, learner, currentModuleTitle, acquired, total }) => [
    learner.erased ? t('pathways.erasedPerson') : learner.name,
    t(`pathways.learnerKind.${learner.kind}` as MessageKey),
    utcToParis(enrolment.enrolledAt).date,
    currentModuleTitle ?? '',
    acquired,
    total,
    t(`pathways.enrolmentStatus.${enrolmentState(enrolment)}` as MessageKey),
    enrolment.completedAt ? utcToParis(enrolment.completedAt).date : '',
  ]);
  return { tables: { name: pathwayTitle, header, rows }, basename: `inscriptions-${pathwayTitle}`, personal: true };
}
