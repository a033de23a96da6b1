/** The centre's staff accounts as a file (platform/exports), as /centre/equipe shows them. */
import { communeName } from '../../platform/communes.ts';
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { StaffMember } from './centre.service.ts';

const t = translator('fr');

function status(m: StaffMember): string {
  if (!m.active) return t('admin.team.inactive');
  return m.invitationPending ? t('admin.team.invitationPending') : t('admin.team.active');
}

export function staffExport(staff: readonly StaffMember[]): ExportResult {
  const header = [t('admin.team.name'), t('admin.team.email'), t('admin.team.role'), t('exports.col.commune'), t('admin.team.status'), t('admin.team.lastLogin')];
  const rows = staff.map((m) => {
    const last = m.lastLoginAt ? utcToParis(m.lastLoginAt) : null;
    return [
      m.displayName, m.email, t(`roles.${m.role}` as MessageKey), m.partnerCommuneInsee ? communeName(m.partnerCommuneInsee) : '', status(m),
      last ? `${last.date} ${last.time}` : '',
    ];
  });
  // Staff accounts, not residents: not audited as a list of persons.
  return { tables: { name: t('admin.team.title'), header, rows }, basename: 'comptes-equipe', personal: false };
}
