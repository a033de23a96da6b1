/**
 * Pieces the centre's report page and the federation's page share: the totals of the period, and
 * one block of figures by a dimension (its chart beside a table). What differs stays with each
 * page: the dimensions and their titles, how a row is named (a centre's sites, the federation's
 * centres and gathered rows), and the centre's downloads per dimension (given as children).
 */
import type { ComponentChildren } from 'preact';
import { Chart } from '../../../ui/components/chart.tsx';
import { formatDateRange } from '../../../ui/format.ts';
import type { ViewContext } from '../../../ui/view-context.ts';

function number(ctx: ViewContext, n: number): string {
  return n.toLocaleString(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB');
}

/**
 * A count of persons: null only in the federation's figures, where a count under 5 is not shown
 * (a centre's own report shows every count).
 */
function persons(ctx: ViewContext, n: number | null): string {
  return n === null ? ctx.t('federation.fewerThanFive') : number(ctx, n);
}

export interface FigureTotals {
  persons: number | null;
  accompaniments: number;
  sessions: number;
  workshopHours: number;
}

/** The period's totals, then what each figure counts. */
export function TotalFigures({ ctx, period, totals }: { ctx: ViewContext; period: { from: string; to: string }; totals: FigureTotals }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('reports.totals', { period: formatDateRange(period.from, period.to, ctx.locale) })}</h2>
      <ul class="figures">
        <li><span class="figure">{persons(ctx, totals.persons)}</span> {t('reports.total.persons', { count: totals.persons ?? 0 })}</li>
        <li><span class="figure">{number(ctx, totals.accompaniments)}</span> {t('reports.total.accompaniments', { count: totals.accompaniments })}</li>
        <li><span class="figure">{number(ctx, totals.sessions)}</span> {t('reports.total.sessions', { count: totals.sessions })}</li>
        <li><span class="figure">{number(ctx, totals.workshopHours)}</span> {t('reports.total.workshopHours', { count: totals.workshopHours })}</li>
      </ul>
      <p class="hint">{t('reports.definitions')}</p>
    </>
  );
}

export interface FigureRow {
  key: string;
  persons: number | null;
  accompaniments: number;
  workshopHours: number | null;
}

/**
 * The figures by one dimension: its chart (when drawn) beside a table of persons, accompaniments
 * and, when any row has them, workshop hours; "nothing" when there are no rows. `children` go
 * at the end of the block, rows or not.
 */
export function FiguresBlock({ ctx, dimension, title, rows, label, chart, children }: {
  ctx: ViewContext;
  dimension: string;
  title: string;
  rows: readonly FigureRow[];
  /** The name of a row from its key. */
  label: (key: string) => string;
  /** The chart's SVG (platform/charts.ts). */
  chart?: string | undefined;
  children?: ComponentChildren;
}) {
  const { t } = ctx;
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
                  <td>{persons(ctx, r.persons)}</td>
                  <td>{number(ctx, r.accompaniments)}</td>
                  {hours && <td>{number(ctx, r.workshopHours ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </section>
  );
}
