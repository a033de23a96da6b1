import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { sendExportFile } from '../../platform/exports/table-export.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { idOf } from '../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { ExportJobPage } from './views/export-job.view.tsx';

/** A long export's page (/exports/:id) and its file: for the user who asked only (anyone else: 404). */
export function registerExportJobPages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/exports/:id', page('staff'), async (request, reply) => {
    const job = await ctx.exports.job(actorOf(request), idOf(request));
    return sendPage(reply, <ExportJobPage ctx={viewContext(request)} job={job} />);
  });

  app.get('/exports/:id/fichier', page('staff'), async (request, reply) => sendExportFile(reply, await ctx.exports.download(actorOf(request), idOf(request))));
}
