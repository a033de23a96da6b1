import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../platform/http/access.ts';
import { queryString } from '../../platform/http/request-context.ts';
import { AppError } from '../../platform/errors.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { localizeErrors } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { FederationService } from './federation.service.ts';
import type { Period } from './reports.service.ts';
import { barCharts } from '../../platform/charts.ts';
import { FEDERATION_PATH, FederationPage, federationChartInputs } from './views/federation.view.tsx';

const asked = (request: FastifyRequest) => ({ from: queryString(request, 'du'), to: queryString(request, 'au') });
const FIELD_OF: Record<string, string> = { from: 'du', to: 'au' };

/** The federation's page (/federation) and its report as a PDF and a workbook. */
export function registerFederationPages(app: FastifyInstance, federation: FederationService): void {
  app.get(FEDERATION_PATH, page('federation.read'), async (request, reply) => {
    const actor = actorOf(request);
    const ctx = viewContext(request);
    const { name } = await federation.federationOf(actor);
    const values = asked(request);
    let period: Period;
    try {
      period = federation.period(values);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [FIELD_OF[k] ?? k, v]));
      return sendPage(reply, <FederationPage ctx={ctx} name={name} report={null} values={{ du: values.from, au: values.to }} errors={localizeErrors(ctx, errors)} />, 422);
    }
    const answer = await federation.answer(actor, period);
    if (answer.status === 'counting') {
      const counting = { readyCount: answer.readyCount, centreCount: answer.centreCount, period };
      return sendPage(reply, <FederationPage ctx={ctx} name={name} report={null} counting={counting} values={{ du: period.from, au: period.to }} errors={{}} />);
    }
    const { report } = answer;
    const inputs = federationChartInputs(ctx, report);
    const svgs = await barCharts(ctx.locale, inputs);
    const charts = Object.fromEntries(inputs.map((c, i) => [c.dimension, svgs[i]!]));
    return sendPage(reply, <FederationPage ctx={ctx} name={name} report={report} charts={charts} values={{ du: period.from, au: period.to }} errors={{}} />);
  });

  app.get(`${FEDERATION_PATH}/rapport.pdf`, page('federation.read'), async (request, reply) => {
    const period = federation.period(asked(request));
    const bytes = await federation.pdf(actorOf(request), period);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="federation-${period.from}-${period.to}.pdf"`).header('cache-control', 'no-store').send(bytes);
  });

  app.get(`${FEDERATION_PATH}/rapport.xlsx`, page('federation.read'), async (request, reply) => {
    const period = federation.period(asked(request));
    const bytes = await federation.xlsx(actorOf(request), period);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', `attachment; filename="federation-${period.from}-${period.to}.xlsx"`).header('cache-control', 'no-store').send(bytes);
  });
}
