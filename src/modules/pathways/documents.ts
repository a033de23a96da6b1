/**
 * The printed documents of a pathway, A4 PDFs with pdfkit: the large-print progress booklet
 * ("livret de progression", with the QR code of the learner's progress link) and the
 * attestation of a completed module or pathway (with the QR code of its badge page).
 * Plain data in, bytes out: no query here.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDate } from '../../ui/format.ts';
import type { Progress } from './progress.ts';

type Doc = InstanceType<typeof PDFDocument>;

const INK = '#1f1a17';
const ACCENT = '#a63d12';
const SUCCESS = '#1e6b3a';
const MUTED = '#4d4540';

const LEVELS: Record<string, string> = { decouverte: 'Découverte', debutant: 'Débutant', intermediaire: 'Intermédiaire', avance: 'Avancé' };
const STATES: Record<string, string> = { termine: 'Terminé', valide_au_depart: 'Déjà su au départ', en_cours: 'En cours', a_venir: 'À venir' };

function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', margin: 1, width: 360, errorCorrectionLevel: 'M' });
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
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Livret de progression – ${input.pathwayTitle}`, Author: input.centreName, CreationDate: new Date(input.generatedAt) } });
  const width = doc.page.width - 112;
  const p = input.progress;

  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(30).text('Livret de progression', { width });
  doc.moveDown(0.3).fillColor(INK).fontSize(22).text(input.pathwayTitle, { width });
  doc.moveDown(0.5).font('Helvetica').fontSize(16).text(input.learnerName, { width });
  doc.text(input.centreName, { width });
  doc.text(`Début du parcours : ${shortDate(p.startedAt)}`, { width });
  if (p.complete && p.completedAt) doc.fillColor(SUCCESS).font('Helvetica-Bold').text(`Parcours terminé le ${shortDate(p.completedAt)}. Bravo !`, { width }).fillColor(INK).font('Helvetica');

  if (input.progressUrl) {
    doc.moveDown(1);
    const top = doc.y;
    doc.image(await qrPng(input.progressUrl), 56, top, { width: 150 });
    doc.fontSize(16).text('Pour voir votre progression sur une tablette ou un téléphone, scannez ce code avec l’appareil photo.', 222, top + 10, { width: width - 166 });
    doc.moveDown(0.5).fontSize(12).fillColor(MUTED).text(input.progressUrl, { width: width - 166 }).fillColor(INK);
    doc.x = 56;
    doc.y = Math.max(doc.y, top + 160);
  }

  section(doc, 'Ce que vous avez appris', width);
  if (p.learnt.length === 0) doc.fontSize(16).text('Rien encore : c’est le début ! Vos progrès apparaîtront ici après chaque temps d’évaluation.', { width });
  for (const m of p.modules) {
    const learnt = m.skillStates.filter((s) => s.status === 'acquis');
    ensureSpace(doc, 80);
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(18).fillColor(INK).text(`Module ${m.position + 1} : ${m.title}`, { width });
    doc.font('Helvetica').fontSize(14).fillColor(MUTED).text(`${LEVELS[m.level] ?? m.level} · ${STATES[m.state]} · ${m.acquired} sur ${m.total}`, { width }).fillColor(INK);
    for (const s of learnt) {
      ensureSpace(doc, 30);
      doc.fontSize(16).text(`•  ${s.statement}${s.acquiredAt ? ` (${s.atStart ? 'déjà su au départ' : shortDate(s.acquiredAt)})` : ''}`, { width, indent: 10 });
    }
  }

  section(doc, 'Vos progrès par compétence', width);
  for (const c of p.series) {
    ensureSpace(doc, 60);
    doc.font('Helvetica-Bold').fontSize(15).text(`${c.code} – ${c.title}`, { width });
    const y = doc.y + 4;
    const barWidth = width - 120;
    doc.rect(56, y, barWidth, 18).lineWidth(1).strokeColor(MUTED).stroke();
    if (c.total > 0 && c.acquiredNow > 0) doc.rect(56, y, (barWidth * c.acquiredNow) / c.total, 18).fillColor(SUCCESS).fill();
    doc.fillColor(INK).font('Helvetica').fontSize(15).text(`${c.acquiredNow} sur ${c.total}`, 56 + barWidth + 12, y + 1, { width: 108 });
    doc.x = 56;
    doc.y = y + 30;
  }

  section(doc, 'La suite', width);
  if (!p.next) doc.fontSize(16).text('Vous avez terminé tous les modules de ce parcours.', { width });
  else {
    doc.fontSize(16).text(`Module en cours : ${p.next.module.title} (${p.next.module.suggestedSessions} séance(s) conseillée(s)).`, { width });
    if (p.next.remaining.length > 0) {
      doc.moveDown(0.3).text('Ce que vous allez apprendre :', { width });
      for (const s of p.next.remaining) {
        ensureSpace(doc, 30);
        doc.text(`•  ${s.statement}`, { width, indent: 10 });
      }
    }
    if (p.next.module.activities.some((a) => a.title)) doc.moveDown(0.3).text(`Où : ${p.next.module.activities.map((a) => a.title).filter(Boolean).join(', ')}`, { width });
    if (p.next.following) doc.moveDown(0.3).text(`Ensuite : ${p.next.following.title}.`, { width });
  }
  doc.moveDown(1).fontSize(11).fillColor(MUTED).text(`Livret imprimé le ${shortDate(input.generatedAt)}.`, { width });
  return toBuffer(doc);
}

function section(doc: Doc, title: string, width: number): void {
  ensureSpace(doc, 90);
  doc.moveDown(1).font('Helvetica-Bold').fontSize(24).fillColor(ACCENT).text(title, 56, doc.y, { width }).fillColor(INK).font('Helvetica');
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
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Attestation – ${input.title}`, Author: input.centreName, CreationDate: new Date(input.issuedAt) } });
  const width = doc.page.width - 112;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(28).text('Attestation', { width, align: 'center' });
  doc.moveDown(0.2).fillColor(INK).fontSize(16).text(input.centreName, { width, align: 'center' });
  if (input.centreAddress) doc.font('Helvetica').fontSize(12).fillColor(MUTED).text(input.centreAddress, { width, align: 'center' }).fillColor(INK);
  doc.moveDown(1.5).font('Helvetica').fontSize(15);
  const what = input.kind === 'pathway' ? `le parcours « ${input.pathwayTitle} »` : `le module « ${input.title.split(' – ')[0]} » du parcours « ${input.pathwayTitle} »`;
  doc.text(`Le centre social atteste que ${input.learnerName} a suivi ${what}, du ${shortDate(input.startedAt)} au ${shortDate(input.issuedAt)}, et a acquis les savoir-faire suivants :`, { width });
  doc.moveDown(0.6);
  for (const s of input.skills) {
    ensureSpace(doc, 40);
    doc.font('Helvetica').fontSize(13).text(`•  ${s.statement}`, { width, indent: 8, continued: false });
    doc.fontSize(11).fillColor(MUTED).text(`${s.competence}${s.acquiredAt ? ` – acquis le ${shortDate(s.acquiredAt)}` : ''}`, { width, indent: 22 }).fillColor(INK);
  }
  ensureSpace(doc, 190);
  doc.moveDown(1.2).fontSize(13).text(`Fait le ${shortDate(input.issuedAt)}, pour servir et valoir ce que de droit.`, { width });
  const top = doc.y + 16;
  doc.image(await qrPng(input.badgeUrl), 56, top, { width: 110 });
  doc.fontSize(11).fillColor(MUTED).text('Cette attestation est accompagnée d’un badge numérique (Open Badges 3.0) signé par le centre. Pour le vérifier, scannez ce code ou ouvrez :', 180, top + 8, { width: width - 124 });
  doc.fillColor(INK).text(input.badgeUrl, { width: width - 124 });
  return toBuffer(doc);
}

/** The data of an attestation, from an enrolment's derived progress and one of its badges. */
export function attestationInput(
  view: { learner: { name: string }; pathway: { title: string }; progress: Progress },
  badge: { title: string; moduleId: string | null; issuedAt: string },
  centre: { name: string; address: string | null; postalCode: string | null },
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
    centreAddress: [centre.address, centre.postalCode].filter(Boolean).join(' ') || null,
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
