import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { BarChartInput } from '../../../platform/charts.ts';
import { Chart } from '../../../ui/components/chart.tsx';
import { ErrorSummary } from '../../../ui/components/form.tsx';
import { formatDateRange } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { OTHER_ROWS } from '../figures.ts';
import { FEDERATION_DIMENSIONS, type FederationDimension, type FederationRow } from '../federation.ts';
import type { FederationReport } from '../federation.service.ts';
import { rowLabel } from '../labels.ts';
import { PeriodForm, periodQuery } from './report.view.tsx';

export const FEDERATION_PATH = '/federation';

function number(ctx: ViewContext, n: number): string {
  return n.toLocaleString(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB');
}

function labelOf(ctx: ViewContext, report: FederationReport, dimension: FederationDimension) {
  const { t } = ctx;
  return (key: string) =>
    key === OTHER_ROWS ? t(dimension === 'centre' ? 'federation.otherCentres' : 'federation.other')
      : dimension === 'centre' ? (report.centreNames[key] ?? key) : rowLabel(t, ctx.locale, dimension, key, {});
}

/** The charts of the federation's page, one per dimension that has rows (masked cells drawn as 0: the table says why). */
export function federationChartInputs(ctx: ViewContext, report: FederationReport): Array<BarChartInput & { id: string; dimension: FederationDimension }> {
  const { t } = ctx;
  return FEDERATION_DIMENSIONS.filter((d) => report.figures.by[d].length > 0).map((dimension) => {
    const label = labelOf(ctx, report, dimension);
    return {
      id: `graphique-${dimension}`,
      dimension,
      title: t('reports.chartTitle', { what: t(`federation.by.${dimension}`) }),
      bars: report.figures.by[dimension].map((r) => ({ label: label(r.key), value: r.persons ?? 0 })),
    };
  });
}

function Block({ ctx, report, dimension, chart }: { ctx: ViewContext; report: FederationReport; dimension: FederationDimension; chart?: string }) {
  const { t } = ctx;
  const rows: FederationRow[] = report.figures.by[dimension];
  const title = t(`federation.by.${dimension}`);
  const label = labelOf(ctx, report, dimension);
  const persons = (n: number | null) => (n === null ? t('federation.fewerThanFive') : number(ctx, n));
  const hours = rows.some((r) => r.workshopHours !== null);
  const id = `par-${dimension}`;
  return (
    <section aria-labelledby={id} class="report-block">
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <div class="chart-pair">
          {chart && <Chart svg={chart} />}
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">{t('reports.col.persons')}</th>
                <th scope="col">{t('reports.col.accompaniments')}</th>
                {hours && <th scope="col">{t('reports.col.workshopHours')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{label(r.key)}</th>
                  <td>{persons(r.persons)}</td>
                  <td>{number(ctx, r.accompaniments)}</td>
                  {hours && <td>{number(ctx, r.workshopHours ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function FederationPage({ ctx, name, report, charts = {}, values, errors }: {
  ctx: ViewContext;
  name: string;
  report: FederationReport | null;
  /** The SVG of each dimension's chart (platform/charts.ts). */
  charts?: Partial<Record<FederationDimension, string>>;
  values: { du?: string; au?: string };
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const title = t('federation.title', { name });
  const totals = report?.figures.totals;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <p class="lead">{t('federation.intro')}</p>
      {ctx.actor && can(ctx.actor.role, 'federation.tokens') && ctx.actor.via === 'session' && (
        <p>
          <a href={`${FEDERATION_PATH}/jetons`}>{t('federation.tokensLink')}</a>
        </p>
      )}
      <PeriodForm ctx={ctx} action={FEDERATION_PATH} values={values} errors={errors} />
      {report && totals && (
        <>
          <p>{report.centreCount === 0 ? t('federation.noCentre') : t('federation.centres', { count: report.centreCount })}</p>
          <h2>{t('reports.totals', { period: formatDateRange(report.period.from, report.period.to, ctx.locale) })}</h2>
          <ul class="figures">
            <li>
              <span class="figure">{totals.persons === null ? t('federation.fewerThanFive') : number(ctx, totals.persons)}</span>{' '}
              {t('reports.total.persons', { count: totals.persons ?? 0 })}
            </li>
            <li><span class="figure">{number(ctx, totals.accompaniments)}</span> {t('reports.total.accompaniments', { count: totals.accompaniments })}</li>
            <li><span class="figure">{number(ctx, totals.sessions)}</span> {t('reports.total.sessions', { count: totals.sessions })}</li>
            <li><span class="figure">{number(ctx, totals.workshopHours)}</span> {t('reports.total.workshopHours', { count: totals.workshopHours })}</li>
          </ul>
          <p class="hint">{t('reports.definitions')}</p>
          <ul class="downloads">
            <li><a href={`${FEDERATION_PATH}/rapport.pdf?${periodQuery(report.period)}`}>{t('federation.downloadPdf')}</a></li>
            <li><a href={`${FEDERATION_PATH}/rapport.xlsx?${periodQuery(report.period)}`} download>{t('federation.downloadXlsx')}</a></li>
          </ul>
          {FEDERATION_DIMENSIONS.map((d) => (
            <Block key={d} ctx={ctx} report={report} dimension={d} chart={charts[d]} />
          ))}
        </>
      )}
    </Layout>
  );
}
