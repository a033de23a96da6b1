/**
 * The road sheet as an A4 PDF, to print before leaving: the day, the times, then each visit in
 * order (time, person, address, phone, what they need, notes). Built from lines already written
 * in French by the caller (no I/O); the document itself comes from platform/pdf.
 */
import { createPdf, FONT } from '../../platform/pdf.ts';

export interface RoadSheetData {
  centreName: string;
  title: string;
  createdAt: string;
  /** Lines under the title: departure, return, lunch. */
  facts: string[];
  visits: { heading: string; lines: string[] }[];
  footer: (page: number, pages: number) => string;
}

export function buildRoadSheet(data: RoadSheetData): Promise<Buffer> {
  const pdf = createPdf({ title: data.title, author: data.centreName, createdAt: data.createdAt, footer: data.footer });
  const { doc, width, margin } = pdf;
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(10).fillColor('#444').text(data.centreName, margin, margin, { width }));
  doc.moveDown(0.5);
  pdf.struct('H1', () => doc.font(FONT.bold).fontSize(18).fillColor('#000').text(data.title, { width }));
  doc.moveDown(0.5);
  for (const fact of data.facts) pdf.struct('P', () => doc.font(FONT.regular).fontSize(11).fillColor('#000').text(fact, { width }));
  doc.moveDown(0.8);
  const list = pdf.group('L');
  for (const visit of data.visits) {
    // Keep a visit on one page when it would be cut.
    if (doc.y > doc.page.height - margin - 110) doc.addPage();
    pdf.artifact(() => doc.moveTo(margin, doc.y).lineTo(margin + width, doc.y).lineWidth(0.5).stroke('#888'));
    doc.moveDown(0.3);
    const item = pdf.group('LI', list);
    pdf.struct('H2', () => doc.font(FONT.bold).fontSize(13).fillColor('#000').text(visit.heading, margin, doc.y, { width }), item);
    for (const line of visit.lines) pdf.struct('P', () => doc.font(FONT.regular).fontSize(11).text(line, { width }), item);
    item.end();
    doc.moveDown(0.6);
  }
  list.end();
  return pdf.finish();
}
