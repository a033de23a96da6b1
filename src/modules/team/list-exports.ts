/** The team list as a file (platform/exports): names, roles, skills and trainings, as the page shows them. */
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import type { MemberSummary } from './profile.service.ts';

const t = translator('fr');

export function teamExport(members: readonly MemberSummary[], competenceTitles: Map<string, string>): ExportResult {
  const header = [t('team.col.name'), t('team.col.role'), t('team.col.skills'), t('team.col.trainings')];
  const rows = members.map((m) => [
    m.displayName, t(`roles.${m.role}` as MessageKey), [...m.profile.skills.map((s) => competenceTitles.get(s) ?? s), ...m.profile.tags].join(', '),
    m.completed.map((p) => p.title).join(', '),
  ]);
  // The team's own names, not residents': not audited as a list of persons.
  return { tables: { name: t('team.list.title'), header, rows }, basename: 'equipe', personal: false };
}
