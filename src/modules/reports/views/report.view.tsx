import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { BarChartInput } from '../../../platform/charts.ts';
import { ErrorSummary, Form, TextField } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { DIMENSIONS, type Dimension } from '../figures.ts';
import { exportFileOf, rowLabel } from '../labels.ts';
import type { CentreReport } from '../reports.service.ts';
import { FiguresBlock, TotalFigures } from './parts.tsx';

export const DIMENSION_TITLES: Record<Dimension, MessageKey> = {
  month: 'reports.by.month',
  activityKind: 'reports.by.activityKind',
  ageBracket: 'reports.by.ageBracket',
  gender: 'reports.by.gender',
  socialStatus: 'reports.by.socialStatus',
  commune: 'reports.by.commune',
  epci: 'reports.by.epci',
  theme: 'reports.by.theme',
  site: 'reports.by.site',
};

/** The query string of a period, for links that keep it. */
export function periodQuery(period: { from: string; to: string }): string {
  return `du=${period.from}&au=${period.to}`;
}

/** The charts of the report page, one per dimension that has rows, in the order of DIMENSIONS. */
export function reportChartInputs(ctx: ViewContext, report: CentreReport): Array<BarChartInput & { id: string; dimension: Dimension }> {
  const { t } = ctx;
  return DIMENSIONS.filter((d) => report.figures.by[d].length > 0).map((dimension) => ({
    id: `graphique-${dimension}`,
    dimension,
    title: t('reports.chartTitle', { what: t(DIMENSION_TITLES[dimension]) }),
    bars: report.figures.by[dimension].map((r) => ({ label: rowLabel(t, ctx.locale, dimension, r.key, report.siteNames), value: r.persons })),
  }));
}

/** The figures by one dimension, with their downloads (CSV, XLSX). */
function DimensionBlock({ ctx, report, dimension, chart }: { ctx: ViewContext; report: CentreReport; dimension: Dimension; chart?: string | undefined }) {
  const { t } = ctx;
  const title = t(DIMENSION_TITLES[dimension]);
  const label = (key: string) => rowLabel(t, ctx.locale, dimension, key, report.siteNames);
  return (
    <FiguresBlock ctx={ctx} dimension={dimension} title={title} rows={report.figures.by[dimension]} label={label} chart={chart}>
      <ul class="downloads">
        <li><a href={`/rapports/${exportFileOf(dimension, 'csv')}?${periodQuery(report.period)}`} download>{t('reports.downloadCsv', { what: title.toLowerCase() })}</a></li>
        <li><a href={`/rapports/${exportFileOf(dimension, 'xlsx')}?${periodQuery(report.period)}`} download>{t('reports.downloadXlsx', { what: title.toLowerCase() })}</a></li>
      </ul>
    </FiguresBlock>
  );
}

/** The period of a report (`du`, `au`), asked by GET so that the address can be kept and shared. */
export function PeriodForm({ ctx, action, values, errors }: { ctx: ViewContext; action: string; values: { du?: string; au?: string }; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={action} method="get">
      <div class="period-fields">
        <TextField ctx={ctx} name="du" type="date" label={t('reports.period.from')} hint={t('reports.period.hint')} value={values.du} error={errors.du} width="short" />
        <TextField ctx={ctx} name="au" type="date" label={t('reports.period.to')} hint={t('reports.period.hint')} value={values.au} error={errors.au} width="short" />
      </div>
      <button type="submit">{t('reports.period.show')}</button>
    </Form>
  );
}

export function ReportPage({ ctx, report, charts = {}, values, errors }: {
  ctx: ViewContext;
  report: CentreReport | null;
  /** The SVG of each dimension's chart (platform/charts.ts). */
  charts?: Partial<Record<Dimension, string>>;
  values: { du?: string; au?: string };
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={t('reports.title')} hasErrors={hasErrors}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('reports.title')}</h1>
      <p class="lead">{t('reports.intro')}</p>
      <p><a href="/rapports/financeurs">{t('reports.funders.link')}</a></p>
      <PeriodForm ctx={ctx} action="/rapports" values={values} errors={errors} />
      {report && (
        <>
          <TotalFigures ctx={ctx} period={report.period} totals={report.figures.totals} />
          <section aria-labelledby="activites-coop" class="report-block">
            <h2 id="activites-coop">{t('exports.coop.title')}</h2>
            <p>{t('exports.coop.intro')}</p>
            <ul class="downloads">
              <li><a href={`/rapports/activites-coop?${periodQuery(report.period)}&format=csv`}>{t('exports.coop.csv')}</a></li>
              <li><a href={`/rapports/activites-coop?${periodQuery(report.period)}&format=xlsx`}>{t('exports.coop.xlsx')}</a></li>
            </ul>
          </section>
          {DIMENSIONS.map((d) => (
            <DimensionBlock key={d} ctx={ctx} report={report} dimension={d} chart={charts[d]} />
          ))}
        </>
      )}
    </Layout>
  );
}
