/**
 * The sign-in sheet (feuille d'émargement), A4 PDF with pdfkit: what funders ask to see.
 * One line per registered person with a signature box, then blank lines for walk-ins.
 * Built from plain data (no I/O), so it is easy to test and to reuse for other events.
 */
import PDFDocument from 'pdfkit';

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

// The standard PDF fonts speak WinAnsi: French letters are fine, but not the narrow no-break
// space Intl puts in numbers and some dates.
const clean = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

export function buildSignInSheet(data: SignInSheetData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: clean(`${data.heading} – ${data.title}`), Author: clean(data.centreName) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const width = doc.page.width - 2 * MARGIN;
  const cols = [
    { label: data.labels.number, width: 30 },
    { label: data.labels.name, width: 190 },
    { label: data.labels.note, width: 110 },
    { label: data.labels.signature, width: width - 330 },
  ];

  const header = () => {
    doc.font('Helvetica').fontSize(10).fillColor('#444').text(clean(data.centreName), MARGIN, MARGIN);
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(clean(`${data.heading} – ${data.title}`));
    doc.moveDown(0.4).font('Helvetica').fontSize(11);
    doc.text(clean(`${data.labels.when} : ${data.when}`));
    doc.text(clean(`${data.labels.place} : ${data.place}`));
    if (data.facilitators) doc.text(clean(`${data.labels.facilitator} : ${data.facilitators}`));
    doc.moveDown(0.8);
    tableHead();
  };

  const tableHead = () => {
    const y = doc.y;
    let x = MARGIN;
    doc.rect(MARGIN, y, width, 20).fill('#eeeeee').fillColor('#000').font('Helvetica-Bold').fontSize(10);
    for (const c of cols) {
      doc.text(clean(c.label), x + 4, y + 6, { width: c.width - 8, lineBreak: false });
      x += c.width;
    }
    doc.y = y + 20;
  };

  const row = (index: number, name: string, note: string) => {
    if (doc.y + ROW > doc.page.height - MARGIN - 30) {
      doc.addPage();
      doc.y = MARGIN;
      tableHead();
    }
    const y = doc.y;
    let x = MARGIN;
    doc.lineWidth(0.7).strokeColor('#555');
    for (const c of cols) {
      doc.rect(x, y, c.width, ROW).stroke();
      x += c.width;
    }
    doc.font('Helvetica').fontSize(10).fillColor('#000');
    doc.text(String(index), MARGIN + 4, y + 10, { width: cols[0]!.width - 8, lineBreak: false });
    doc.text(clean(name), MARGIN + cols[0]!.width + 4, y + 10, { width: cols[1]!.width - 8, lineBreak: false, ellipsis: true });
    doc.fontSize(8).text(clean(note), MARGIN + cols[0]!.width + cols[1]!.width + 4, y + 6, { width: cols[2]!.width - 8, height: ROW - 8, ellipsis: true });
    doc.y = y + ROW;
  };

  header();
  data.rows.forEach((r, i) => row(i + 1, r.name, r.note));
  if (data.rows.length > 0) doc.moveDown(0.2);
  // Blank lines for walk-ins: the asked minimum, then whatever fits on the page.
  let n = data.rows.length;
  for (let i = 0; i < data.blankLines; i++) row(++n, '', '');
  while (doc.y + ROW <= doc.page.height - MARGIN - 30) row(++n, '', '');

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(8).fillColor('#444');
    doc.text(clean(`${data.labels.footer} — ${data.labels.page} ${i + 1}/${range.count}`), MARGIN, doc.page.height - MARGIN - 12, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
