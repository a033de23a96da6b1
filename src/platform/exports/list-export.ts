/**
 * What a list page's route calls first: when the address asks for `?format=csv|xlsx`, the
 * export of the same list (same filters, same actor) is answered instead of the page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../http/access.ts';
import type { ExportParams, ExportResult } from './exports.service.ts';
import { exportFormatOf, sendExportFile, type ExportFormat } from './table-export.ts';

export async function exportIfAsked(request: FastifyRequest, reply: FastifyReply, kind: string, params: ExportParams = {}): Promise<FastifyReply | null> {
  const format = exportFormatOf(request);
  if (!format) return null;
  return request.server.ctx.exports.answer(reply, actorOf(request), kind, format, params);
}

/** A short list the route has already read, sent as the file asked for (audited when it names residents). */
export async function sendListExport(request: FastifyRequest, reply: FastifyReply, format: ExportFormat, kind: string, result: ExportResult): Promise<FastifyReply> {
  return sendExportFile(reply, await request.server.ctx.exports.fileOf(actorOf(request), kind, format, result));
}
