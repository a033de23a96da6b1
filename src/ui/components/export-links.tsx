import { exportHref } from '../../platform/exports/table-export.ts';
import type { ViewContext } from '../view-context.ts';

/** "Télécharger la liste (CSV) / (XLSX)": the page's own address with its filters, as a file. */
export function ExportLinks({ ctx, href = ctx.path }: { ctx: ViewContext; href?: string }) {
  const { t } = ctx;
  return (
    <nav class="export-links" aria-label={t('exports.downloads')}>
      <ul class="downloads">
        <li><a href={exportHref(href, 'csv')}>{t('exports.downloadCsv')}</a></li>
        <li><a href={exportHref(href, 'xlsx')}>{t('exports.downloadXlsx')}</a></li>
      </ul>
    </nav>
  );
}
