import type { LightMyRequestResponse } from 'fastify';

/**
 * A CSV download's lines as a spreadsheet would read them: the byte-order mark the exports
 * start with (src/platform/csv.ts) checked and removed, split on CRLF except inside a quoted
 * field (a quoted line break stays in its line). A file without the mark is an error.
 */
export function readCsvExport(response: LightMyRequestResponse): string[] {
  if (!response.body.startsWith('\uFEFF')) throw new Error(`not a CSV export (no byte-order mark): ${response.statusCode} ${response.body.slice(0, 120)}`);
  return response.body.slice(1).replace(/\r\n$/, '').split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
}

/** The download links of a list page (`…format=csv|xlsx`), as a browser would follow them. */
export function downloadLinks(html: string): string[] {
  return [...html.matchAll(/href="([^"]*format=(?:csv|xlsx)[^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

/**
 * A calendar day (YYYY-MM-DD) as an XLSX export stores it: a date cell at midnight UTC
 * (src/platform/xlsx.ts), which is what ExcelJS reads back.
 */
export function xlsxDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
