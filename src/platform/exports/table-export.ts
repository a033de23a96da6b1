/**
 * One way to download a list: the page's table as CSV (UTF-8 with BOM, `;`, formulas
 * neutralised: csv.ts) or as XLSX (text as text, never a formula: xlsx.ts), with the right
 * Content-Type and a Content-Disposition filename. Every staff list page offers both through
 * `?format=csv|xlsx` on its own address, so the file has the page's filters and permissions.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toCsv } from '../csv.ts';
import { AppError } from '../errors.ts';
import { toXlsx, XLSX_CONTENT_TYPE, type XlsxCell } from '../xlsx.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportCell = XlsxCell;

/** A table as the page shows it: French headers (from the catalogue) and one row per line. */
export interface ExportTable {
  /** The sheet's name in the workbook. */
  name: string;
  header: readonly string[];
  rows: readonly (readonly ExportCell[])[];
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** `?format=csv|xlsx`: null without it (the page itself); any other value is a 400. */
export function exportFormatOf(request: FastifyRequest): ExportFormat | null {
  const value = (request.query as Record<string, unknown> | undefined)?.format;
  if (value === undefined || value === '') return null;
  if (value === 'csv' || value === 'xlsx') return value;
  throw new AppError(400, 'invalid', 'exports.formatInvalid', { format: 'exports.formatInvalid' });
}

/** A file name safe everywhere: lower-case ASCII letters, digits and dashes. */
export function fileBase(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'export'
  );
}

/**
 * The file for one or several tables. CSV holds the first table only (a CSV has one table);
 * XLSX holds each as a sheet.
 */
export async function buildExportFile(
  tables: ExportTable | readonly ExportTable[],
  format: ExportFormat,
  options: { basename: string; creator: string; createdAt: string; title?: string },
): Promise<ExportFile> {
  const list = Array.isArray(tables) ? (tables as readonly ExportTable[]) : [tables as ExportTable];
  const filename = `${fileBase(options.basename)}.${format}`;
  if (format === 'csv') {
    const first = list[0] ?? { name: '', header: [], rows: [] };
    return { filename, contentType: CSV_CONTENT_TYPE, body: Buffer.from(toCsv(first.header, first.rows), 'utf8') };
  }
  const body = await toXlsx(list, { creator: options.creator, createdAt: options.createdAt, title: options.title });
  return { filename, contentType: XLSX_CONTENT_TYPE, body };
}

/** Sends a file as a download, never cached (it may hold personal data). */
export function sendExportFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

/** The page's address with `format` set: the same filters, the other answer. */
export function exportHref(url: string, format: ExportFormat): string {
  const parsed = new URL(url, 'http://x');
  parsed.searchParams.delete('format');
  parsed.searchParams.delete('page');
  parsed.searchParams.set('format', format);
  return `${parsed.pathname}?${parsed.searchParams.toString()}`;
}
