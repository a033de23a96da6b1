/**
 * A funder's report as documents to send: an A4 PDF (platform/pdf.ts: embedded Unicode font,
 * tagged tables) and an XLSX workbook (platform/xlsx.ts: one sheet per table). Built from the
 * report's tables only (no I/O), so the page, the PDF and the workbook always say the same.
 */
import { createPdf, FONT, type PdfBuilder } from '../../platform/pdf.ts';
import { toXlsx, type XlsxSheet } from '../../platform/xlsx.ts';
import type { FunderReport, ReportTable } from './funders.ts';

export interface DocumentText {
  centreName: string;
  /** "du 1er janvier au 31 décembre 2026". */
  periodText: string;
  intro: string;
  definitions: string;
  empty: string;
  footer: string;
  /** The document's date (UTC ISO), from the clock. */
  createdAt: string;
}

const MARGIN = 48;
const PAD = 4;
const FOOTER_ROOM = 14;

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** Each number column as wide as its longest word or value (a header wraps between words, never inside one). */
function columnWidths(pdf: PdfBuilder, table: ReportTable): number[] {
  const { doc, width } = pdf;
  doc.font(FONT.bold).fontSize(9.5);
  const widest = (texts: string[]) => Math.max(...texts.map((x) => doc.widthOfString(x)));
  const numbers = table.columns.map((c, i) => {
    const words = c.label.split(/\s+/);
    const values = table.rows.map((r) => numberFormat.format(r.values[i] ?? 0));
    return Math.min(120, Math.max(62, widest([...words, ...values]) + 2 * PAD + 6));
  });
  const rest = width - numbers.reduce((a, b) => a + b, 0);
  const first = Math.max(140, rest);
  const scale = first > rest ? (width - first) / (width - rest) : 1;
  return [first, ...numbers.map((n) => Math.floor(n * scale))];
}

function drawTable(pdf: PdfBuilder, table: ReportTable, empty: string): void {
  const { doc, width } = pdf;
  const bottom = () => doc.page.height - MARGIN - FOOTER_ROOM;
  const widths = columnWidths(pdf, table);
  if (doc.y + 60 > bottom()) doc.addPage();
  pdf.struct('H2', () => doc.font(FONT.bold).fontSize(13).fillColor('#000').text(table.title, MARGIN, doc.y, { width }));
  doc.moveDown(0.3);
  if (table.rows.length === 0) {
    pdf.struct('P', () => doc.font(FONT.regular).fontSize(10).text(empty, MARGIN, doc.y, { width }));
    doc.moveDown(0.8);
    return;
  }
  const group = pdf.group('Table');
  const header = [table.rowHeader, ...table.columns.map((c) => c.label)];
  const line = (cells: string[], head: boolean) => {
    doc.font(head ? FONT.bold : FONT.regular).fontSize(9.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
    if (doc.y + height > bottom()) {
      doc.addPage();
      // A table that goes on to the next page shows its header again.
      if (!head) line(header, true);
    }
    const y = doc.y;
    pdf.artifact(() => {
      if (head) doc.rect(MARGIN, y, width, height).fill('#e8e8e8');
      doc.moveTo(MARGIN, y + height).lineTo(MARGIN + width, y + height).lineWidth(0.5).strokeColor('#999').stroke();
    });
    const tr = pdf.group('TR', group);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const role = head || i === 0 ? 'TH' : 'TD';
      pdf.struct(role, () => doc.font(head ? FONT.bold : FONT.regular).fontSize(9.5).fillColor('#000')
        .text(cell, x + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: i === 0 ? 'left' : 'right' }), tr);
      x += widths[i]!;
    });
    tr.end();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  line(header, true);
  for (const row of table.rows) line([row.label, ...row.values.map((v) => numberFormat.format(v))], false);
  group.end();
  doc.moveDown(1);
}

export function funderPdf(report: Pick<FunderReport, 'title' | 'tables'>, text: DocumentText): Promise<Buffer> {
  const title = `${report.title} — ${text.periodText}`;
  const pdf = createPdf({ title, author: text.centreName, createdAt: text.createdAt, margin: MARGIN, footer: (page, pages) => `${text.footer} — ${page}/${pages}` });
  const { doc, width } = pdf;
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(10).fillColor('#444').text(text.centreName, MARGIN, MARGIN, { width }));
  doc.moveDown(0.3);
  pdf.struct('H1', () => doc.font(FONT.bold).fontSize(18).fillColor('#000').text(report.title, { width }));
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(12).text(text.periodText, { width }));
  doc.moveDown(0.5);
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(10).text(text.intro, { width }));
  doc.moveDown(0.3);
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(9).fillColor('#333').text(text.definitions, { width }));
  doc.moveDown(1);
  for (const table of report.tables) drawTable(pdf, table, text.empty);
  return pdf.finish();
}

/** One sheet per table: the code, the label, then the numbers, as numbers. */
export function funderSheets(report: Pick<FunderReport, 'tables'>, codeLabel: string): XlsxSheet[] {
  return report.tables.map((table) => ({
    name: table.title,
    header: [codeLabel, table.rowHeader, ...table.columns.map((c) => c.label)],
    rows: table.rows.map((r) => [r.code, r.label, ...r.values]),
  }));
}

export function funderXlsx(report: Pick<FunderReport, 'title' | 'tables'>, text: Pick<DocumentText, 'centreName' | 'createdAt' | 'periodText'>, codeLabel: string): Promise<Buffer> {
  return toXlsx(funderSheets(report, codeLabel), { creator: text.centreName, createdAt: text.createdAt, title: `${report.title} — ${text.periodText}` });
}
