/** A consultation's proposals as a file (platform/exports), with their support when the vote has begun. */
import { communeName } from '../../platform/communes.ts';
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { Consultation, Proposal, Results } from './forum.service.ts';

const t = translator('fr');
const col = (key: string) => t(`exports.col.${key}` as MessageKey);

export function proposalsExport(c: Consultation, proposals: readonly Proposal[], results: Results | null): ExportResult {
  const votes = new Map((results?.items ?? []).map((i) => [i.proposalId, i.total]));
  const header = ['createdAt', 'title', 'status', 'origin', 'commune', 'name', 'votes'].map(col);
  const rows = proposals.map((p) => [
    utcToParis(p.createdAt).date, p.title, t(`forums.staff.status.${p.status}` as MessageKey), t(`forums.staff.origin.${p.origin}` as MessageKey),
    p.communeInsee ? communeName(p.communeInsee) : '', p.authorName ?? '', votes.get(p.id) ?? null,
  ]);
  return { tables: { name: c.title, header, rows }, basename: `propositions-${c.title}`, personal: true };
}

/** The centre's consultations as a file: title, phase and the dates of each step (no person in it). */
export function consultationsExport(items: readonly Consultation[]): ExportResult {
  const header = [t('forums.staff.consultation'), t('forums.staff.phase'), t('forums.staff.proposalsOpenOn'), t('forums.staff.votesOpenOn'), t('forums.staff.votesCloseOn')];
  const rows = items.map((c) => [c.title, t(`forums.staff.phase.${c.phase}` as MessageKey), c.proposalsOpenOn, c.votesOpenOn, c.votesCloseOn]);
  return { tables: { name: t('forums.staff.listTitle'), header, rows }, basename: 'consultations', personal: false };
}
