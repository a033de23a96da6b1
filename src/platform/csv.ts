/**
 * CSV as French spreadsheets open it: UTF-8 with a byte-order mark (Excel otherwise reads
 * "Ã©"), `;` between fields (the comma is the decimal separator), CRLF between lines (RFC 4180).
 * A field is quoted when it holds the separator, a quote or a line break; quotes are doubled.
 */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /**
   * A text cell starting with = + - @ (or a tab or carriage return) is prefixed with an
   * apostrophe, so that a spreadsheet shows it instead of running it as a formula (OWASP
   * "CSV injection"). On by default; off for data meant for programs (open data).
   */
  guardFormulas?: boolean;
  /** Default `;`. */
  separator?: ';' | ',';
}

const BOM = '\uFEFF';

export function csvCell(value: CsvCell, options: CsvOptions = {}): string {
  const separator = options.separator ?? ';';
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if ((options.guardFormulas ?? true) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the header line, then one line per row, with the byte-order mark. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ';';
  const line = (cells: readonly CsvCell[]) => cells.map((c) => csvCell(c, options)).join(separator);
  return BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
