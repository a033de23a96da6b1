/** The pathways' lists as files (platform/exports): a pathway's enrolments, and every pathway's. */
import type { Actor } from '../../platform/auth/actor.ts';
import type { ExportKind, ExportParams, ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { EnrolmentListItem, EnrolmentListQuery, EnrolmentService } from './enrolment.service.ts';
import { ENROLMENT_STATES, type EnrolmentState } from './pathways.vocab.ts';

const t = translator('fr');
const col = (key: string) => t(`exports.col.${key}` as MessageKey);

/**
 * A pathway's enrolments as the page lists them: who, since when, where they are and how many
 * skills they acquired. Names only: no contact, and never the learner's progress link (a secret).
 */
export function enrolmentsExport(pathwayTitle: string, items: readonly EnrolmentListItem[]): ExportResult {
  return { tables: { name: pathwayTitle, header: HEADER.map(col), rows: items.map(rowOf) }, basename: `inscriptions-${pathwayTitle}`, personal: true };
}

const HEADER = ['person', 'learnerKind', 'enrolledAt', 'currentModule', 'skillsAcquired', 'skillsTotal', 'status', 'completedAt'];

function rowOf({ enrolment, learner, currentModuleTitle, acquired, total, state }: EnrolmentListItem) {
  return [
    learner.erased ? t('pathways.erasedPerson') : learner.name,
    t(`pathways.learnerKind.${learner.kind}` as MessageKey),
    utcToParis(enrolment.enrolledAt).date,
    currentModuleTitle ?? '',
    acquired,
    total,
    t(`pathways.enrolmentStatus.${state}` as MessageKey),
    enrolment.completedAt ? utcToParis(enrolment.completedAt).date : '',
  ];
}

/** The address's filters of the centre's enrolments list (/parcours/inscriptions): ?parcours=, ?etat=, ?q=. */
export function enrolmentListQuery(params: ExportParams): EnrolmentListQuery {
  const state = ENROLMENT_STATES.includes(params.etat as EnrolmentState) ? (params.etat as EnrolmentState) : undefined;
  return { pathwayId: params.parcours || undefined, state, q: params.q?.trim() || undefined };
}

const PAGE = 500;

/**
 * Every pathway's enrolments (/parcours/inscriptions) with the page's filters, as the page
 * lists them plus the pathway; long ones run in the background (platform/exports).
 */
export function centreEnrolmentsExport(enrolments: EnrolmentService): ExportKind {
  const read = (actor: Actor, params: ExportParams, offset: number, limit: number) => enrolments.listForCentre(actor, enrolmentListQuery(params), { limit, offset });
  return {
    name: 'enrolments',
    count: async (actor, params) => (await read(actor, params, 0, 1)).total,
    async produce(actor, params, progress) {
      const items: EnrolmentListItem[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await read(actor, params, offset, PAGE);
        items.push(...page.items);
        await progress(Math.min(1, (offset + PAGE) / Math.max(1, page.total)));
        if (offset + PAGE >= page.total) break;
      }
      const header = ['pathway', ...HEADER].map(col);
      const rows = items.map((item) => [item.pathwayTitle, ...rowOf(item)]);
      return { tables: { name: t('exports.enrolments.sheet'), header, rows }, basename: 'inscriptions-parcours', personal: true };
    },
  };
}
