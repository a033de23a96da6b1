import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { BarChartInput } from '../../../platform/charts.ts';
import { ErrorSummary } from '../../../ui/components/form.tsx';
import { Layout, PROGRESS_SCRIPT } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { OTHER_ROWS } from '../figures.ts';
import { FEDERATION_DIMENSIONS, type FederationDimension } from '../federation.ts';
import { COUNTING_RETRY_SECONDS, type FederationReport } from '../federation.service.ts';
import { rowLabel } from '../labels.ts';
import { FiguresBlock, TotalFigures } from './parts.tsx';
import { PeriodForm, periodQuery } from './report.view.tsx';

export const FEDERATION_PATH = '/federation';

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

export function FederationPage({ ctx, name, report, counting, charts = {}, values, errors }: {
  ctx: ViewContext;
  name: string;
  report: FederationReport | null;
  /** The centres being counted in the background: the page tells how far (its progress script asks again; without JavaScript, the person does). */
  counting?: { readyCount: number; centreCount: number; period: { from: string; to: string } };
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
      {counting && (
        <>
          <section class="panel" aria-labelledby="calcul" data-progress data-progress-seconds={String(COUNTING_RETRY_SECONDS)}
            data-progress-done={t('federation.counting.ready')} data-progress-done-link={t('federation.counting.show')}>
            <h2 id="calcul">{t('federation.counting.title')}</h2>
            <p role="status">{t('federation.counting.progress', { ready: counting.readyCount, count: counting.centreCount })}</p>
            <label for="avancement">{t('federation.counting.bar')}</label>
            <progress id="avancement" max={counting.centreCount} value={counting.readyCount}>{counting.readyCount} / {counting.centreCount}</progress>
            <p data-progress-hint>{t('federation.counting.wait')}</p>
            <p><a data-progress-link href={`${FEDERATION_PATH}?${periodQuery(counting.period)}`}>{t('federation.counting.refresh')}</a></p>
          </section>
          <script src={PROGRESS_SCRIPT} defer />
        </>
      )}
      {report && totals && (
        <>
          <p>{report.centreCount === 0 ? t('federation.noCentre') : t('federation.centres', { count: report.centreCount })}</p>
          <TotalFigures ctx={ctx} period={report.period} totals={totals} />
          <ul class="downloads">
            <li><a href={`${FEDERATION_PATH}/rapport.pdf?${periodQuery(report.period)}`}>{t('federation.downloadPdf')}</a></li>
            <li><a href={`${FEDERATION_PATH}/rapport.xlsx?${periodQuery(report.period)}`} download>{t('federation.downloadXlsx')}</a></li>
          </ul>
          {FEDERATION_DIMENSIONS.map((d) => (
            <FiguresBlock key={d} ctx={ctx} dimension={d} title={t(`federation.by.${d}`)} rows={report.figures.by[d]} label={labelOf(ctx, report, d)} chart={charts[d]} />
          ))}
        </>
      )}
    </Layout>
  );
}
