// Helpers shared by the pathways page routes (staff and public).
import type { FastifyReply } from 'fastify';
import { AUTONOMY_LEVELS, SKILL_STATUSES, type Autonomy, type SkillStatus } from './pathways.vocab.ts';

/** The pages a quiz tablet (kiosk) may open, and the first one. */
export const KIOSK_PREFIX = '/kiosque/';
export const KIOSK_HOME = '/kiosque/questionnaire';

/** A QR code as a data: URL; qrcode is loaded on first use, not at start (memory, QUALITY.md B6). */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { margin: 1, width: 384 });
}

export type Params = { id: string };
export type Q = Record<string, string | undefined>;

export async function sendPdf(reply: FastifyReply, bytes: Buffer, filename: string): Promise<FastifyReply> {
  return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`).header('cache-control', 'no-store').send(bytes);
}

export function slug(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'document';
}

/** Reads "status_<skillId>" and "autonomy_<skillId>" radios of an evaluation form. */
export function evaluationResults(body: Record<string, unknown>, skillIds: string[]): { skillId: string; status: SkillStatus; autonomy: Autonomy | null }[] {
  const results = [];
  for (const skillId of skillIds) {
    const status = body[`status_${skillId}`];
    if (typeof status !== 'string' || !(SKILL_STATUSES as readonly string[]).includes(status)) continue;
    const autonomy = body[`autonomy_${skillId}`];
    results.push({ skillId, status: status as SkillStatus, autonomy: typeof autonomy === 'string' && (AUTONOMY_LEVELS as readonly string[]).includes(autonomy) ? (autonomy as Autonomy) : null });
  }
  return results;
}
