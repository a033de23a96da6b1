import { communeName, epciName } from '../../platform/communes.ts';
import { isMessageKey, type Translator } from '../../platform/i18n/index.ts';
import { HELP_DESK_KIND, type Dimension } from './figures.ts';

const monthFormat = { fr: new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }), en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) };

/** What a row's key reads as on the page and in exports ("2026-03" → "mars 2026", "59219" → the commune's name). */
export function rowLabel(t: Translator, locale: 'fr' | 'en', dimension: Dimension, key: string, siteNames: Record<string, string>): string {
  if (key === 'non_communique' && dimension !== 'ageBracket' && dimension !== 'gender' && dimension !== 'socialStatus') return t('vocab.gender.non_communique');
  const vocab = (prefix: string) => {
    const k = `${prefix}.${key}`;
    return isMessageKey(k) ? t(k) : key;
  };
  switch (dimension) {
    case 'month':
      return monthFormat[locale].format(new Date(`${key}-01T12:00:00Z`));
    case 'ageBracket':
      return vocab('vocab.ageBracket');
    case 'gender':
      return vocab('vocab.gender');
    case 'socialStatus':
      return vocab('vocab.socialStatus');
    case 'commune':
      return communeName(key) || key;
    case 'epci':
      return epciName(key) || key;
    case 'activityKind':
      return key === HELP_DESK_KIND ? t('reports.kind.helpdesk') : vocab('activities.kind');
    case 'theme':
      return vocab('vocab.mediationTheme');
    case 'site':
      return siteNames[key] ?? t('reports.site.none');
  }
}

/** The file names of the exports (without their extension), one per table of the report page. */
const EXPORT_FILES: Record<string, Dimension> = {
  'mois': 'month',
  'tranches-age': 'ageBracket',
  'genre': 'gender',
  'situation': 'socialStatus',
  'types-activite': 'activityKind',
  'communes': 'commune',
  'intercommunalites': 'epci',
  'themes': 'theme',
  'lieux': 'site',
};

export type ExportFormat = 'csv' | 'xlsx';

/** "themes.xlsx" → the theme table as a workbook; undefined for any other name. */
export function exportOf(file: string): { dimension: Dimension; format: ExportFormat } | undefined {
  const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(file);
  if (!match || !Object.hasOwn(EXPORT_FILES, match[1]!)) return undefined;
  return { dimension: EXPORT_FILES[match[1]!]!, format: match[2] as ExportFormat };
}

export function exportFileOf(dimension: Dimension, format: ExportFormat): string {
  return `${Object.entries(EXPORT_FILES).find(([, d]) => d === dimension)![0]}.${format}`;
}
