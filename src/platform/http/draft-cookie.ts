import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';

/**
 * What a resident types across GOV.UK question pages, kept between the pages in a signed,
 * short-lived cookie scoped to the form's path: never in the URL, nothing on the server before
 * the last page, gone an hour later. A draft is filed under a key (the activity, the slot, the
 * consultation): one typed for another does not count.
 */
export interface DraftCookie<T> {
  read(request: FastifyRequest, key: string): T | null;
  write(reply: FastifyReply, key: string, values: T): void;
  /** Once the form is sent: nothing of the person stays in the browser (shared computers). */
  clear(reply: FastifyReply): void;
}

const DRAFT_SECONDS = 3600;

export function draftCookie<T>(ctx: AppContext, name: string, path: string): DraftCookie<T> {
  const options = { path, httpOnly: true, sameSite: 'lax', secure: ctx.config.production, signed: true, maxAge: DRAFT_SECONDS } as const;
  return {
    read(request, key) {
      const raw = request.cookies[name];
      if (!raw) return null;
      const unsigned = request.unsignCookie(raw);
      if (!unsigned.valid || !unsigned.value) return null;
      try {
        const draft = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as { key?: unknown; values?: T };
        return draft.key === key && draft.values !== undefined ? draft.values : null;
      } catch {
        return null;
      }
    },
    write(reply, key, values) {
      reply.setCookie(name, Buffer.from(JSON.stringify({ key, values })).toString('base64url'), options);
    },
    clear(reply) {
      reply.clearCookie(name, { path });
    },
  };
}
