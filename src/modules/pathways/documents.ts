/**
 * The printed documents of a pathway, A4 PDFs with pdfkit: the large-print progress booklet
 * ("livret de progression", with the QR code of the learner's progress link) and the
 * attestation of a completed module or pathway (with the QR code of its badge page).
 * Plain data in, bytes out: no query here. Fonts, tagging and metadata come from platform/pdf.
 */
import { createPdf, FONT, type Pdf, type PdfBuilder } from '../../platform/pdf.ts';
import { communeName } from '../../platform/communes.ts';
import { isMessageKey, translator } from '../../platform/i18n/index.ts';
import { formatDate } from '../../ui/format.ts';
import type { Progress } from './progress.ts';

type Doc = Pdf;

const INK = '#1f1a17';
const ACCENT = '#a63d12';
const SUCCESS = '#1e6b3a';
const MUTED = '#4d4540';

const t = translator('fr');

async function qrPng(url: string): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(url, { type: 'png', margin: 1, width: 360, errorCorrectionLevel: 'M' });
}

/** A vocabulary code's label from the catalogue; a code it does not know is printed as it is. */
function label(prefix: 'pathways.level' | 'pathways.moduleState', code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

function shortDate(iso: string): string {
  return formatDate(iso).replace(/^\p{L}+ /u, '');
}

export interface BookletInput {
  centreName: string;
  learnerName: string;
  pathwayTitle: string;
  progress: Progress;
  progressUrl: string | null;
  generatedAt: string;
}

/** The large-print booklet: body 16 pt, titles 24–30 pt, one idea per line. */
export async function bookletPdf(input: BookletInput): Promise<Buffer> {
  const pdf = createPdf({ title: t('pathways.pdf.booklet.documentTitle', { pathway: input.pathwayTitle }), author: input.centreName, createdAt: input.generatedAt });
  const { doc } = pdf;
  const width = doc.page.width - 112;
  const p = input.progress;

  pdf.struct('H1', () => doc.fillColor(ACCENT).font(FONT.bold).fontSize(30).text(t('pathways.pdf.booklet.title'), { width }));
  pdf.struct('P', () => doc.moveDown(0.3).fillColor(INK).fontSize(22).text(input.pathwayTitle, { width }));
  pdf.struct('P', () => doc.moveDown(0.5).font(FONT.regular).fontSize(16).text(input.learnerName, { width }));
  pdf.struct('P', () => doc.text(input.centreName, { width }));
  pdf.struct('P', () => doc.text(t('pathways.pdf.booklet.started', { date: shortDate(p.startedAt) }), { width }));
  const completedAt = p.complete ? p.completedAt : null;
  if (completedAt) pdf.struct('P', () => doc.fillColor(SUCCESS).font(FONT.bold).text(t('pathways.pdf.booklet.completed', { date: shortDate(completedAt) }), { width }).fillColor(INK).font(FONT.regular));

  if (input.progressUrl) {
    doc.moveDown(1);
    const top = doc.y;
    const progressUrl = input.progressUrl;
    const qr = await qrPng(progressUrl);
    pdf.struct('Figure', () => doc.image(qr, 56, top, { width: 150 }), undefined, { alt: t('pathways.pdf.booklet.qrAlt', { url: progressUrl }) });
    pdf.struct('P', () => doc.fontSize(16).text(t('pathways.pdf.booklet.qrHint'), 222, top + 10, { width: width - 166 }));
    pdf.struct('P', () => doc.moveDown(0.5).fontSize(12).fillColor(MUTED).text(progressUrl, { width: width - 166 }).fillColor(INK));
    doc.x = 56;
    doc.y = Math.max(doc.y, top + 160);
  }

  section(pdf, t('pathways.pdf.booklet.learnt'), width);
  if (p.learnt.length === 0) pdf.struct('P', () => doc.fontSize(16).text(t('pathways.pdf.booklet.nothingYet'), { width }));
  for (const m of p.modules) {
    const learnt = m.skillStates.filter((s) => s.status === 'acquis');
    ensureSpace(doc, 80);
    pdf.struct('H3', () => doc.moveDown(0.4).font(FONT.bold).fontSize(18).fillColor(INK).text(t('pathways.pdf.booklet.module', { number: m.position + 1, title: m.title }), { width }));
    pdf.struct('P', () => doc.font(FONT.regular).fontSize(14).fillColor(MUTED).text(t('pathways.pdf.booklet.moduleFacts', { level: label('pathways.level', m.level), state: label('pathways.moduleState', m.state), acquired: m.acquired, total: m.total }), { width }).fillColor(INK));
    for (const s of learnt) {
      ensureSpace(doc, 30);
      pdf.struct('P', () => doc.fontSize(16).text(`•  ${s.statement}${s.acquiredAt ? ` (${s.atStart ? t('pathways.pdf.booklet.knownAtStart') : shortDate(s.acquiredAt)})` : ''}`, { width, indent: 10 }));
    }
  }

  section(pdf, t('pathways.pdf.booklet.byCompetence'), width);
  for (const c of p.series) {
    ensureSpace(doc, 60);
    pdf.struct('H3', () => doc.font(FONT.bold).fontSize(15).text(`${c.code} – ${c.title}`, { width }));
    const y = doc.y + 4;
    const barWidth = width - 120;
    pdf.artifact(() => doc.rect(56, y, barWidth, 18).lineWidth(1).strokeColor(MUTED).stroke());
    if (c.total > 0 && c.acquiredNow > 0) pdf.artifact(() => doc.rect(56, y, (barWidth * c.acquiredNow) / c.total, 18).fillColor(SUCCESS).fill());
    pdf.struct('P', () => doc.fillColor(INK).font(FONT.regular).fontSize(15).text(t('pathways.pdf.booklet.outOf', { acquired: c.acquiredNow, total: c.total }), 56 + barWidth + 12, y + 1, { width: 108 }));
    doc.x = 56;
    doc.y = y + 30;
  }

  section(pdf, t('pathways.pdf.booklet.next'), width);
  const next = p.next;
  if (!next) pdf.struct('P', () => doc.fontSize(16).text(t('pathways.pdf.booklet.allDone'), { width }));
  else {
    pdf.struct('P', () => doc.fontSize(16).text(t('pathways.pdf.booklet.current', { title: next.module.title, count: next.module.suggestedSessions }), { width }));
    if (next.remaining.length > 0) {
      pdf.struct('P', () => doc.moveDown(0.3).text(t('pathways.pdf.booklet.toLearn'), { width }));
      for (const s of next.remaining) {
        ensureSpace(doc, 30);
        pdf.struct('P', () => doc.text(`•  ${s.statement}`, { width, indent: 10 }));
      }
    }
    if (next.module.activities.some((a) => a.title)) pdf.struct('P', () => doc.moveDown(0.3).text(t('pathways.pdf.booklet.where', { places: next.module.activities.map((a) => a.title).filter(Boolean).join(', ') }), { width }));
    const following = next.following;
    if (following) pdf.struct('P', () => doc.moveDown(0.3).text(t('pathways.pdf.booklet.then', { title: following.title }), { width }));
  }
  pdf.struct('P', () => doc.moveDown(1).fontSize(11).fillColor(MUTED).text(t('pathways.pdf.booklet.printed', { date: shortDate(input.generatedAt) }), { width }));
  return pdf.finish();
}

function section(pdf: PdfBuilder, title: string, width: number): void {
  const { doc } = pdf;
  ensureSpace(doc, 90);
  pdf.struct('H2', () => doc.moveDown(1).font(FONT.bold).fontSize(24).fillColor(ACCENT).text(title, 56, doc.y, { width }).fillColor(INK).font(FONT.regular));
  doc.moveDown(0.3);
}

function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export interface AttestationInput {
  centreName: string;
  centreAddress: string | null;
  learnerName: string;
  title: string;
  kind: 'module' | 'pathway';
  pathwayTitle: string;
  startedAt: string;
  issuedAt: string;
  skills: { statement: string; acquiredAt: string | null; competence: string }[];
  badgeUrl: string;
}

export async function attestationPdf(input: AttestationInput): Promise<Buffer> {
  const pdf = createPdf({ title: t('pathways.pdf.attestation.documentTitle', { title: input.title }), author: input.centreName, createdAt: input.issuedAt });
  const { doc } = pdf;
  const width = doc.page.width - 112;
  pdf.struct('H1', () => doc.fillColor(ACCENT).font(FONT.bold).fontSize(28).text(t('pathways.pdf.attestation.title'), { width, align: 'center' }));
  pdf.struct('P', () => doc.moveDown(0.2).fillColor(INK).fontSize(16).text(input.centreName, { width, align: 'center' }));
  const address = input.centreAddress;
  if (address) pdf.struct('P', () => doc.font(FONT.regular).fontSize(12).fillColor(MUTED).text(address, { width, align: 'center' }).fillColor(INK));
  doc.moveDown(1.5).font(FONT.regular).fontSize(15);
  const what =
    input.kind === 'pathway'
      ? t('pathways.pdf.attestation.ofPathway', { pathway: input.pathwayTitle })
      : t('pathways.pdf.attestation.ofModule', { module: input.title.split(' – ')[0], pathway: input.pathwayTitle });
  const statement = t('pathways.pdf.attestation.statement', { learner: input.learnerName, what, from: shortDate(input.startedAt), to: shortDate(input.issuedAt) });
  pdf.struct('P', () => doc.text(statement, { width }));
  doc.moveDown(0.6);
  for (const s of input.skills) {
    ensureSpace(doc, 40);
    pdf.struct('P', () => doc.font(FONT.regular).fontSize(13).text(`•  ${s.statement}`, { width, indent: 8, continued: false }));
    pdf.struct('P', () => doc.fontSize(11).fillColor(MUTED).text(s.acquiredAt ? t('pathways.pdf.attestation.acquiredOn', { competence: s.competence, date: shortDate(s.acquiredAt) }) : s.competence, { width, indent: 22 }).fillColor(INK));
  }
  ensureSpace(doc, 190);
  pdf.struct('P', () => doc.moveDown(1.2).fontSize(13).text(t('pathways.pdf.attestation.done', { date: shortDate(input.issuedAt) }), { width }));
  const top = doc.y + 16;
  const qr = await qrPng(input.badgeUrl);
  pdf.struct('Figure', () => doc.image(qr, 56, top, { width: 110 }), undefined, { alt: t('pathways.pdf.attestation.qrAlt', { url: input.badgeUrl }) });
  pdf.struct('P', () => doc.fontSize(11).fillColor(MUTED).text(t('pathways.pdf.attestation.badgeHint'), 180, top + 8, { width: width - 124 }));
  pdf.struct('P', () => doc.fillColor(INK).text(input.badgeUrl, { width: width - 124 }));
  return pdf.finish();
}

/** The centre's address on one line; its postcode only when the address does not already carry it. */
function addressLine(address: string | null, postalCode: string | null, communeInsee: string | null | undefined): string | null {
  const street = address?.trim() ?? '';
  const code = postalCode?.trim() ?? '';
  if (!code || street.includes(code)) return street || null;
  const town = [code, communeName(communeInsee)].filter(Boolean).join(' ');
  return street ? `${street}, ${town}` : town;
}

/** The data of an attestation, from an enrolment's derived progress and one of its badges. */
export function attestationInput(
  view: { learner: { name: string }; pathway: { title: string }; progress: Progress },
  badge: { title: string; moduleId: string | null; issuedAt: string },
  centre: { name: string; address: string | null; postalCode: string | null; communeInsee?: string | null },
  badgeUrl: string,
): AttestationInput {
  const modules = badge.moduleId ? view.progress.modules.filter((m) => m.id === badge.moduleId) : view.progress.modules;
  const seen = new Set<string>();
  const skills = modules
    .flatMap((m) => m.skillStates)
    .filter((s) => !seen.has(s.id) && seen.add(s.id) !== undefined)
    // Only what is acquired today: a later correction is reflected in a reprinted attestation.
    .filter((s) => s.acquiredAt !== null)
    .map((s) => ({ statement: s.statement, acquiredAt: s.acquiredAt, competence: `${s.competenceCode} ${s.competenceTitle}` }));
  return {
    centreName: centre.name,
    centreAddress: addressLine(centre.address, centre.postalCode, centre.communeInsee),
    learnerName: view.learner.name,
    title: badge.title,
    kind: badge.moduleId ? 'module' : 'pathway',
    pathwayTitle: view.pathway.title,
    startedAt: view.progress.startedAt,
    issuedAt: badge.issuedAt,
    skills,
    badgeUrl,
  };
}
