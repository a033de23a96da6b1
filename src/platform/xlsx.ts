/**
 * XLSX workbooks, the spreadsheet twin of `csv.ts`: every table the app exports as CSV can also
 * be downloaded as a workbook that opens as is in Excel or LibreOffice.
 *
 * - one sheet per table, its header row in bold and frozen, an auto-filter over the table;
 * - a calendar day written YYYY-MM-DD (as every export writes days, and as the CSV keeps them) is
 *   a date cell shown 06/12/2026: the spreadsheet sorts and filters it as a date;
 * - numbers are stored as numbers (a figure can be summed at once), text as text: a cell is
 *   never a formula, so "=1+1" typed in a person's file stays those four characters (the
 *   spreadsheet shows it, does not run it — no "CSV injection" here);
 * - column widths follow the longest value (within bounds), sheet names are cut to Excel's 31
 *   characters without its forbidden characters and made unique;
 * - the workbook's date comes from the caller's clock: the same input gives the same content.
 *
 * exceljs is loaded on the first workbook, not at start (memory, QUALITY.md B6).
 */
import { createRequire } from 'node:module';
import type ExcelJSNamespace from 'exceljs';

export type XlsxCell = string | number | boolean | null | undefined;

export interface XlsxSheet {
  /** The tab's name (cut and made unique as Excel requires). */
  name: string;
  header: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
}

export interface XlsxOptions {
  /** Who made it (the centre's name) and when (UTC ISO-8601, from `ctx.clock`). */
  creator: string;
  createdAt: string;
  title?: string;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const require = createRequire(import.meta.url);
let excel: typeof ExcelJSNamespace | undefined;
function ExcelJS(): typeof ExcelJSNamespace {
  return (excel ??= require('exceljs') as typeof ExcelJSNamespace);
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const MAX_SHEET_NAME = 31;

/** Text cut to `max` characters at a word's end when it can, without a dangling comma or dash. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const words = text.slice(0, max + 1).replace(/\s+\S*$/, '');
  return (words.length > 0 ? words : text.slice(0, max)).replace(/[\s,;:.\-–—]+$/, '');
}

/** A name Excel accepts for a tab: no : \ / ? * [ ], at most 31 characters, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim() || 'Feuille';
  let name = cutAt(clean, MAX_SHEET_NAME);
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = cutAt(clean, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_FORMAT = 'dd/mm/yyyy';

/** The day a text names when it is exactly a valid YYYY-MM-DD, as midnight UTC (what Excel's serial days count from). */
function dayOf(value: string): Date | undefined {
  const match = DAY.exec(value);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(value) ? date : undefined;
}

/** What a cell holds: numbers as numbers, days as dates, everything else as plain text (never a formula). */
function cellValue(value: XlsxCell): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return dayOf(value) ?? value;
}

function widthOf(value: XlsxCell): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? String(value).length + 2 : Math.max(...String(value).split('\n').map((l) => l.length));
}

export async function toXlsx(sheets: readonly XlsxSheet[], options: XlsxOptions): Promise<Buffer> {
  const workbook = new (ExcelJS().Workbook)();
  workbook.creator = options.creator;
  workbook.lastModifiedBy = options.creator;
  workbook.created = new Date(options.createdAt);
  workbook.modified = new Date(options.createdAt);
  if (options.title) workbook.title = options.title;
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.header.map((h) => h));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const added = ws.addRow(row.map(cellValue));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = DAY_FORMAT;
      });
    }
    ws.columns.forEach((column, index) => {
      const longest = Math.max(widthOf(sheet.header[index]), ...sheet.rows.map((r) => widthOf(r[index])));
      column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
    });
    if (sheet.header.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: sheet.header.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
