import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../platform/http/access.ts';
import { queryString } from '../../platform/http/request-context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { localizeErrors } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import { isFunder } from './funders.ts';
import type { FundersService } from './funders.service.ts';
import type { Period } from './reports.service.ts';
import { FundersIndexPage, FunderReportPage, INDEX_PATH, type DateParts } from './views/funders.view.tsx';

/** A date typed as day, month and year ("5", "1", "2026" → "2026-01-05"); anything else is left for the period check to refuse. */
function joinDate(parts: DateParts): string | undefined {
  const { day = '', month = '', year = '' } = parts;
  if (!day && !month && !year) return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return `${year}-${month}-${day}`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function splitDate(date: string): DateParts {
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The period in the query: the form's day, month and year fields, or "du"/"au" as AAAA-MM-JJ (the pages' links). */
function askedParts(request: FastifyRequest): { du: DateParts; au: DateParts; from?: string; to?: string } {
  const parts = (name: string): DateParts => ({
    day: queryString(request, `${name}-jour`)?.trim(), month: queryString(request, `${name}-mois`)?.trim(), year: queryString(request, `${name}-annee`)?.trim(),
  });
  const du = parts('du');
  const au = parts('au');
  const from = joinDate(du) ?? queryString(request, 'du');
  const to = joinDate(au) ?? queryString(request, 'au');
  return { du: joinDate(du) || !from ? du : splitDate(from), au: joinDate(au) || !to ? au : splitDate(to), from, to };
}

/** The period errors in this form's words: the dates are typed as day, month and year here. */
const FORM_MESSAGES: Record<string, string> = {
  'reports.period.fromInvalid': 'reports.funders.period.fromInvalid',
  'reports.period.toInvalid': 'reports.funders.period.toInvalid',
};

/** The funders' reports: the index with its period form, each report as a page, a PDF and an XLSX. */
export function registerFunderPages(app: FastifyInstance, funders: FundersService): void {
  /** The period asked for; or null once the index page is sent again with the fields to fix (422). */
  async function periodOr422(request: FastifyRequest, reply: FastifyReply): Promise<Period | null> {
    const asked = askedParts(request);
    try {
      return funders.period({ from: asked.from, to: asked.to });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const ctx = viewContext(request);
      const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k === 'from' ? 'du' : 'au', FORM_MESSAGES[v] ?? v]));
      sendPage(reply, <FundersIndexPage ctx={ctx} period={null} values={asked} errors={localizeErrors(ctx, fields)} />, 422);
      return null;
    }
  }

  app.get(INDEX_PATH, page('reports.read'), async (request, reply) => {
    const period = await periodOr422(request, reply);
    if (!period) return reply;
    return sendPage(reply, <FundersIndexPage ctx={viewContext(request)} period={period} values={{ du: splitDate(period.from), au: splitDate(period.to) }} errors={{}} />);
  });

  app.get(`${INDEX_PATH}/:report`, page('reports.read'), async (request, reply) => {
    const file = (request.params as { report: string }).report;
    const [funder, format = 'html', ...rest] = file.split('.');
    if (!funder || !isFunder(funder) || rest.length > 0 || !['html', 'pdf', 'xlsx'].includes(format) || file.endsWith('.html')) throw notFound();
    const period = await periodOr422(request, reply);
    if (!period) return reply;
    const actor = actorOf(request);
    const name = `rapport-${funder}-${period.from}-${period.to}`;
    if (format === 'pdf') {
      const bytes = await funders.pdf(actor, funder, period);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).header('cache-control', 'no-store').send(bytes);
    }
    // Over a long period the workbook is made in the background (platform/exports).
    if (format === 'xlsx') return request.server.ctx.exports.answer(reply, actor, 'funder-report', 'xlsx', { funder, from: period.from, to: period.to });
    const ctx = viewContext(request);
    return sendPage(reply, <FunderReportPage ctx={ctx} report={await funders.report(actor, funder, period, ctx.locale)} />);
  });
}
