/**
 * The loan agreement (convention de prêt), A4 PDF to print and sign at check-out: the item and
 * its accessories, its condition, the dates, the deposit, what to do if it breaks or is lost.
 * Built from plain text lines (no I/O); the document itself comes from platform/pdf.
 */
import { createPdf, FONT } from '../../platform/pdf.ts';

export interface LoanAgreementData {
  centreName: string;
  title: string;
  createdAt: string;
  /** Paragraphs under the title, in order. */
  facts: string[];
  rulesTitle: string;
  rules: string;
  signatures: string;
  signCentre: string;
  signPerson: string;
}

export function buildLoanAgreement(data: LoanAgreementData): Promise<Buffer> {
  const pdf = createPdf({ title: data.title, author: data.centreName, createdAt: data.createdAt });
  const { doc, width, margin } = pdf;
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(10).fillColor('#444').text(data.centreName, margin, margin, { width }));
  doc.moveDown(0.5);
  pdf.struct('H1', () => doc.font(FONT.bold).fontSize(18).fillColor('#000').text(data.title, { width }));
  doc.moveDown(0.8);
  for (const fact of data.facts) {
    pdf.struct('P', () => doc.font(FONT.regular).fontSize(12).fillColor('#000').text(fact, { width }));
    doc.moveDown(0.4);
  }
  doc.moveDown(0.6);
  pdf.struct('H2', () => doc.font(FONT.bold).fontSize(14).text(data.rulesTitle, { width }));
  doc.moveDown(0.3);
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(12).text(data.rules, { width }));
  doc.moveDown(1.5);
  pdf.struct('P', () => doc.font(FONT.regular).fontSize(12).text(data.signatures, { width }));
  doc.moveDown(1);
  const y = doc.y;
  const half = (width - 20) / 2;
  pdf.struct('P', () => doc.font(FONT.bold).fontSize(11).text(data.signCentre, margin, y, { width: half }));
  pdf.struct('P', () => doc.font(FONT.bold).fontSize(11).text(data.signPerson, margin + half + 20, y, { width: half }));
  pdf.artifact(() => {
    doc.rect(margin, y + 30, half, 80).stroke('#888');
    doc.rect(margin + half + 20, y + 30, half, 80).stroke('#888');
  });
  return pdf.finish();
}
