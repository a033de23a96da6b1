/**
 * Zod schemas of the notice board: the JSON API (strict types, in the OpenAPI document) and
 * the HTML forms (strings). Error messages are catalogue keys.
 */
import { z } from 'zod';
import { calendarDate } from '../../platform/dates.ts';
import { DIGEST_FREQUENCIES } from './notice-board.vocab.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalidId' });
export const idParams = z.object({ id: uuid });

const TOO_LONG = 'board.text.tooLong';
const title = z.string({ error: 'board.notice.titleRequired' }).trim().min(1, { error: 'board.notice.titleRequired' }).max(120, { error: TOO_LONG });
const body = z.string({ error: 'board.notice.bodyRequired' }).trim().min(1, { error: 'board.notice.bodyRequired' }).max(4000, { error: TOO_LONG });

// ---------------------------------------------------------------- API

export const noticeBody = z.object({
  title: title.describe('Titre court, par exemple « Permanence de mardi déplacée »'),
  body: body.describe('Texte en Markdown (le HTML n’est pas interprété)'),
  pinned: z.boolean().default(false).describe('Épinglée en haut du tableau (coordination seulement)'),
  expiresOn: calendarDate().nullable().optional().transform((v) => v ?? null).describe('Dernier jour affiché (AAAA-MM-JJ) ; absent : jusqu’à nouvel ordre'),
}).strict();

const noticeFields = {
  id: z.string(), title: z.string(), body: z.string(), pinned: z.boolean(), expiresOn: z.string().nullable(),
  authorId: z.string().nullable(), authorName: z.string().nullable(), createdAt: z.string(), read: z.boolean().describe('Lue par l’appelant'),
};

export const noticeOutput = z.object(noticeFields);

export const noticeDetailOutput = z.object({
  ...noticeFields,
  html: z.string().describe('Le texte rendu en HTML, nettoyé'),
  receipts: z.object({
    read: z.array(z.object({ userId: z.string(), name: z.string(), readAt: z.string() })),
    unread: z.array(z.object({ userId: z.string(), name: z.string() })),
  }).nullable().describe('Qui l’a lue et qui ne l’a pas lue : pour son auteur et la coordination, sinon null'),
});

// ---------------------------------------------------------------- HTML forms

const formString = (v: unknown) => (typeof v === 'string' ? v : '');

export const noticeForm = z.object({
  title: z.preprocess(formString, title),
  body: z.preprocess(formString, body),
  pinned: z.preprocess((v) => v === 'oui', z.boolean()),
  expiresOn: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null), calendarDate().nullable()),
});

export const digestForm = z.object({
  frequency: z.preprocess(formString, z.enum(DIGEST_FREQUENCIES, { error: 'board.digest.frequencyRequired' })),
});
