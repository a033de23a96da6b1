/**
 * The sign-in sheet (feuille d'émargement), A4 PDF: what funders ask to see.
 * One line per registered person, then the walk-ins already recorded, each with a signature
 * box, then blank lines for the walk-ins still to come. Built from plain data (no I/O), so it
 * is easy to test and to reuse for other events; the document itself comes from platform/pdf.
 */
import { createPdf, FONT, type PdfBuilder } from '../../platform/pdf.ts';

export interface SignInSheetData {
  centreName: string;
  title: string;
  when: string;
  place: string;
  facilitators: string;
  heading: string;
  labels: { number: string; name: string; note: string; signature: string; facilitator: string; place: string; when: string; walkIns: string; footer: string; page: string };
  rows: { name: string; note: string }[];
  /** At least this many blank lines for walk-ins (the page is filled beyond that). */
  blankLines: number;
}

const MARGIN = 40;
const ROW = 30;
const CELL_PADDING = 4;
/** Room kept at the bottom of each page for the footer. */
const FOOTER_ROOM = 10;

export function buildSignInSheet(data: SignInSheetData): Promise<Buffer> {
  const pdf = createPdf({
    title: `${data.heading} – ${data.title}`,
    author: data.centreName,
    margin: MARGIN,
    footer: (page, pages) => `${data.labels.footer} — ${data.labels.page} ${page}/${pages}`,
  });
  const { doc, width } = pdf;
  const cols = [
    { label: data.labels.number, width: 30 },
    { label: data.labels.name, width: 190 },
    { label: data.labels.note, width: 110 },
    { label: data.labels.signature, width: width - 330 },
  ];
  writeHeading(pdf, data);
  const sheet: Sheet = { pdf, cols, table: pdf.group('Table') };
  const bottom = () => doc.page.height - MARGIN - FOOTER_ROOM;

  tableHead(sheet);
  data.rows.forEach((r, i) => row(sheet, i + 1, r.name, r.note));
  // Blank lines for walk-ins: the asked minimum, then whatever fits on the page.
  let n = data.rows.length;
  for (let i = 0; i < data.blankLines; i++) row(sheet, ++n, '', '');
  while (doc.y + ROW <= bottom()) row(sheet, ++n, '', '');
  sheet.table.end();
  return pdf.finish();
}

/** The document being written, its columns and its table element. */
interface Sheet {
  pdf: PdfBuilder;
  cols: { label: string; width: number }[];
  table: ReturnType<PdfBuilder['group']>;
}

/** The centre, the title and the session's facts above the table. */
function writeHeading(pdf: PdfBuilder, data: SignInSheetData): void {
  const { doc, width } = pdf;
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(10).fillColor('#444').text(data.centreName, MARGIN, MARGIN, { width }));
  doc.moveDown(0.3);
  pdf.struct('H1', () => doc.font(FONT.bold).fontSize(16).fillColor('#000').text(`${data.heading} – ${data.title}`, { width }));
  doc.moveDown(0.4);
  const facts = [`${data.labels.when} : ${data.when}`, `${data.labels.place} : ${data.place}`];
  if (data.facilitators) facts.push(`${data.labels.facilitator} : ${data.facilitators}`);
  for (const fact of facts) pdf.struct('P', () => doc.font(FONT.regular).fontSize(11).text(fact, { width }));
  doc.moveDown(0.8);
}

// The column labels may wrap ("Naissance / commune"): the head row is as tall as its
// tallest label, so that it never runs into the first row.
function tableHead({ pdf, cols, table }: Sheet): void {
  const { doc, width } = pdf;
  doc.font(FONT.bold).fontSize(10);
  const height = Math.max(20, ...cols.map((c) => doc.heightOfString(c.label, { width: c.width - 2 * CELL_PADDING }) + 2 * CELL_PADDING + 2));
  const y = doc.y;
  pdf.artifact(() => doc.rect(MARGIN, y, width, height).fill('#eeeeee'));
  const tr = pdf.group('TR', table);
  let x = MARGIN;
  for (const c of cols) {
    pdf.struct('TH', () => doc.font(FONT.bold).fontSize(10).fillColor('#000').text(c.label, x + CELL_PADDING, y + CELL_PADDING + 1, { width: c.width - 2 * CELL_PADDING }), tr);
    x += c.width;
  }
  tr.end();
  doc.x = MARGIN;
  doc.y = y + height;
}

/** One numbered line with its signature box; a new page (and head row) when it would not fit. */
function row(sheet: Sheet, index: number, name: string, note: string): void {
  const { pdf, cols, table } = sheet;
  const { doc } = pdf;
  if (doc.y + ROW > doc.page.height - MARGIN - FOOTER_ROOM) {
    doc.addPage();
    doc.y = MARGIN;
    tableHead(sheet);
  }
  const y = doc.y;
  pdf.artifact(() => {
    doc.lineWidth(0.7).strokeColor('#555');
    let x = MARGIN;
    for (const c of cols) {
      doc.rect(x, y, c.width, ROW).stroke();
      x += c.width;
    }
  });
  const tr = pdf.group('TR', table);
  const cell = (col: number, text: string, size: number, top: number, options: PDFKit.Mixins.TextOptions) => {
    const x = MARGIN + cols.slice(0, col).reduce((sum, c) => sum + c.width, 0);
    if (!text) return;
    pdf.struct('TD', () => doc.font(FONT.regular).fontSize(size).fillColor('#000').text(text, x + CELL_PADDING, y + top, { width: cols[col]!.width - 2 * CELL_PADDING, ...options }), tr);
  };
  cell(0, String(index), 10, 10, { lineBreak: false });
  cell(1, name, 10, 10, { lineBreak: false, ellipsis: true, height: 12 });
  cell(2, note, 8, 6, { height: ROW - 8, ellipsis: true });
  tr.end();
  doc.x = MARGIN;
  doc.y = y + ROW;
}
