import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../platform/http/access.ts';
import { queryString } from '../../platform/http/request-context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { toCsv } from '../../platform/csv.ts';
import { toXlsx, XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import type { AppContext } from '../../platform/context.ts';
import { translator } from '../../platform/i18n/index.ts';
import { localizeErrors } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import { exportFileOf, exportOf, rowLabel } from './labels.ts';
import type { ReportsService, Period } from './reports.service.ts';
import { barCharts } from '../../platform/charts.ts';
import { DIMENSION_TITLES, ReportPage, reportChartInputs } from './views/report.view.tsx';

/** The query's period fields (du, au) as the service names them, and its errors back under the query's names. */
function askedPeriod(request: Parameters<typeof queryString>[0]): { from?: string; to?: string } {
  return { from: queryString(request, 'du'), to: queryString(request, 'au') };
}
const FIELD_OF: Record<string, string> = { from: 'du', to: 'au' };

/** The centre's report page (/rapports) and its exports, each table as CSV and as XLSX. */
export function registerReportPages(app: FastifyInstance, ctx: AppContext, reports: ReportsService): void {
  app.get('/rapports', page('reports.read'), async (request, reply) => {
    const actor = actorOf(request);
    const ctxView = viewContext(request);
    const asked = askedPeriod(request);
    let period: Period;
    try {
      period = reports.period(asked);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [FIELD_OF[k] ?? k, v]));
      return sendPage(reply, <ReportPage ctx={ctxView} report={null} values={{ du: asked.from, au: asked.to }} errors={localizeErrors(ctxView, errors)} />, 422);
    }
    const report = await reports.centreReport(actor, period);
    const inputs = reportChartInputs(ctxView, report);
    const svgs = await barCharts(ctxView.locale, inputs);
    const charts = Object.fromEntries(inputs.map((c, i) => [c.dimension, svgs[i]!]));
    return sendPage(reply, <ReportPage ctx={ctxView} report={report} charts={charts} values={{ du: period.from, au: period.to }} errors={{}} />);
  });

  app.get('/rapports/:table', page('reports.read'), async (request, reply) => {
    const wanted = exportOf((request.params as { table: string }).table);
    if (!wanted) throw notFound();
    const { dimension, format } = wanted;
    const actor = actorOf(request);
    const report = await reports.centreReport(actor, reports.period(askedPeriod(request)));
    const ctxView = viewContext(request);
    const t = translator(ctxView.locale);
    const rows = report.figures.by[dimension];
    const hours = rows.some((r) => r.workshopHours !== null);
    const header = [t('reports.csv.code'), t('reports.csv.label'), t('reports.col.persons'), t('reports.col.accompaniments'), ...(hours ? [t('reports.col.workshopHours')] : [])];
    const body = rows.map((r) => [r.key, rowLabel(t, ctxView.locale, dimension, r.key, report.siteNames), r.persons, r.accompaniments, ...(hours ? [r.workshopHours] : [])]);
    const name = `${exportFileOf(dimension, format).replace(/\.\w+$/, '')}-${report.period.from}-${report.period.to}.${format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(toCsv(header, body));
    const centre = await findCentreById(ctx.kysely, actor.centerId);
    const xlsx = await toXlsx([{ name: t(DIMENSION_TITLES[dimension]), header, rows: body }], { creator: centre?.name ?? '', createdAt: ctx.clock.nowIso() });
    return reply.header('content-type', XLSX_CONTENT_TYPE).send(xlsx);
  });
}
