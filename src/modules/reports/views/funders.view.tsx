import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, fieldId, Form } from '../../../ui/components/form.tsx';
import { formatDateRange } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { FUNDERS, type Funder, type FunderReport, type ReportTable } from '../funders.ts';
import { periodQuery } from './report.view.tsx';

/** What the period form holds: each date as day, month and year, as typed. */
export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
}

export const INDEX_PATH = '/rapports/financeurs';

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A GOV.UK date input: a fieldset, its hint and error, then day, month and year fields. */
function DateInput({ ctx, name, legend, hint, value, error }: { ctx: ViewContext; name: 'du' | 'au'; legend: string; hint: string; value: DateParts; error?: string }) {
  const { t } = ctx;
  const hintId = `${fieldId(name)}-aide`;
  const errorId = `${fieldId(name)}-erreur`;
  const part = (suffix: 'jour' | 'mois' | 'annee', label: string, v: string | undefined, first: boolean) => (
    <div class="field">
      <label for={first ? fieldId(name) : fieldId(`${name}-${suffix}`)}>{label}</label>
      <input
        id={first ? fieldId(name) : fieldId(`${name}-${suffix}`)}
        name={`${name}-${suffix}`}
        type="text"
        inputMode="numeric"
        class={suffix === 'annee' ? 'w-short' : 'w-short date-part'}
        size={suffix === 'annee' ? 4 : 2}
        value={v ?? ''}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <fieldset aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
        <legend>{legend}</legend>
        <p class="hint" id={hintId}>{hint}</p>
        {error && (
          <p class="field-error" id={errorId}>
            <span class="visually-hidden">{t('layout.errorPrefix')}</span>
            {error}
          </p>
        )}
        <div class="period-fields">
          {part('jour', t('reports.funders.period.day'), value.day, true)}
          {part('mois', t('reports.funders.period.month'), value.month, false)}
          {part('annee', t('reports.funders.period.year'), value.year, false)}
        </div>
      </fieldset>
    </div>
  );
}

export function FundersIndexPage({ ctx, period, values, errors }: {
  ctx: ViewContext;
  period: { from: string; to: string } | null;
  values: { du: DateParts; au: DateParts };
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const name = (f: Funder) => t(`reports.funders.${f}.name`);
  return (
    <Layout ctx={ctx} title={t('reports.funders.index.title')} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p><a href="/rapports">{t('reports.title')}</a></p>
      <h1>{t('reports.funders.index.title')}</h1>
      <p class="lead">{t('reports.funders.index.intro')}</p>
      <h2>{t('reports.funders.index.periodTitle')}</h2>
      <Form ctx={ctx} action={INDEX_PATH} method="get">
        <DateInput ctx={ctx} name="du" legend={t('reports.funders.period.from')} hint={t('reports.funders.period.fromHint')} value={values.du} error={errors.du} />
        <DateInput ctx={ctx} name="au" legend={t('reports.funders.period.to')} hint={t('reports.funders.period.toHint')} value={values.au} error={errors.au} />
        <button type="submit">{t('reports.funders.period.show')}</button>
      </Form>
      {period && (
        <>
          <h2>{t('reports.funders.index.reports', { period: formatDateRange(period.from, period.to, ctx.locale) })}</h2>
          {FUNDERS.map((f) => (
            <section key={f} aria-labelledby={`rapport-${f}`} class="report-block">
              <h3 id={`rapport-${f}`}>{t(`reports.funders.${f}.title`)}</h3>
              <p>{t(`reports.funders.${f}.intro`)}</p>
              <ul>
                <li><a href={`${INDEX_PATH}/${f}?${periodQuery(period)}`}>{t('reports.funders.open', { name: name(f) })}</a></li>
                <li><a href={`${INDEX_PATH}/${f}.pdf?${periodQuery(period)}`}>{t('reports.funders.downloadPdf', { name: name(f) })}</a></li>
                <li><a href={`${INDEX_PATH}/${f}.xlsx?${periodQuery(period)}`} download>{t('reports.funders.downloadXlsx', { name: name(f) })}</a></li>
              </ul>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

function TableBlock({ table, index, empty }: { table: ReportTable; index: number; empty: string }) {
  const id = `tableau-${index + 1}`;
  return (
    <section aria-labelledby={id} class="report-block">
      <h2 id={id}>{table.title}</h2>
      {table.rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader}</th>
              {table.columns.map((c) => <th scope="col" key={c.key}>{c.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.label}</th>
                {r.values.map((v, i) => <td key={i}>{numberFormat.format(v)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function FunderReportPage({ ctx, report }: { ctx: ViewContext; report: FunderReport }) {
  const { t } = ctx;
  const name = t(`reports.funders.${report.funder}.name`);
  const query = periodQuery(report.period);
  return (
    <Layout ctx={ctx} title={report.title}>
      <p><a href={`${INDEX_PATH}?${query}`}>{t('reports.funders.back')}</a></p>
      <h1>{report.title}</h1>
      <p class="lead">{formatDateRange(report.period.from, report.period.to, ctx.locale)}</p>
      <p>{t(`reports.funders.${report.funder}.intro`)}</p>
      <p class="hint">{t('reports.funders.definitions')}</p>
      <ul>
        <li><a href={`${INDEX_PATH}/${report.funder}.pdf?${query}`}>{t('reports.funders.downloadPdf', { name })}</a></li>
        <li><a href={`${INDEX_PATH}/${report.funder}.xlsx?${query}`} download>{t('reports.funders.downloadXlsx', { name })}</a></li>
      </ul>
      {report.tables.map((table, i) => <TableBlock key={table.key} table={table} index={i} empty={t('reports.empty')} />)}
    </Layout>
  );
}
