/**
 * Pure helpers of the people services: page cursors and search words, the summary a row
 * becomes, the current state of consents, and Zod parsing into 422 field errors.
 */
import type { z } from 'zod';
import { invalid, type FieldErrors } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { communeName } from '../../platform/communes.ts';
import { foldText, normalizePhone } from '../../platform/text.ts';
import type { AgeBracket } from './age-bracket.ts';
import type { ListPosition, PersonRow } from './person.repository.ts';
import { CONSENT_KINDS, type ConsentKind } from './person.schemas.ts';
import type { ConsentState, PersonListItem, PersonSummary, SearchResult } from './person.types.ts';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/**
 * A page cursor: base64url of [direction, sort key, id]. Opaque to clients; the sort key holds
 * folded names, like the search text typed in the same URL.
 */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.direction === 'after' ? 'a' : 'b', position.sortName, position.id])).toString('base64url');
}

/** The position a cursor names; anything else is a 422 on field `cursor`, never a 500. */
export function decodeCursor(cursor: string): ListPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [direction, sortName, id] = value as unknown[];
      if ((direction === 'a' || direction === 'b') && typeof sortName === 'string' && sortName.length <= 400 && typeof id === 'string' && isUuid(id)) {
        return { direction: direction === 'a' ? 'after' : 'before', sortName, id };
      }
    }
  } catch {
    // Not base64url JSON: the same answer as a well-formed but wrong cursor, below.
  }
  throw invalid({ cursor: 'people.cursor.invalid' });
}
/** Parses with a Zod schema whose messages are catalogue keys; bad input is a 422 with fields. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) fields[issue.path.map(String).join('.') || '_form'] ??= issue.message;
  throw invalid(fields);
}

export function nameKey(first: string | null, last: string | null): string | null {
  const f = foldText(first ?? '');
  const l = foldText(last ?? '');
  return f && l ? `${f} ${l}` : null;
}

/** What a search box becomes: a phone number as one run of digits, else folded words. */
export function searchTokens(q: string | undefined): string[] {
  const text = (q ?? '').trim().slice(0, 200);
  if (/\d/.test(text) && /^[\d\s.+()-]+$/.test(text)) {
    const digits = normalizePhone(text).replace(/\D/g, '');
    return digits ? [digits] : [];
  }
  return foldText(text).split(' ').filter(Boolean).slice(0, 8);
}

export function toSummary(row: PersonRow): PersonListItem {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    email: row.email,
    birthYear: row.birthYear,
    ageBracket: row.ageBracket as AgeBracket,
    communeInsee: row.communeInsee,
    communeName: row.communeInsee ? communeName(row.communeInsee) || null : null,
    erased: row.erasedAt !== null,
  };
}

export function stripCommuneName({ communeName: _drop, ...summary }: PersonListItem): PersonSummary {
  return summary;
}

export function currentConsentStates(history: readonly (ConsentState & { kind: string })[]): Record<ConsentKind, ConsentState | null> {
  const states = Object.fromEntries(CONSENT_KINDS.map((k) => [k, null])) as Record<ConsentKind, ConsentState | null>;
  // History is newest first: the first row seen for a kind is its current state.
  for (const row of history) {
    const kind = row.kind as ConsentKind;
    if (kind in states && states[kind] === null) {
      states[kind] = { granted: row.granted, wordingVersion: row.wordingVersion, recordedAt: row.recordedAt };
    }
  }
  return states;
}

/** Throws every field error at once (422), or nothing. */
export function throwIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

/** One page of a search: `rows` holds one row more than the page, to know whether another follows. */
export function pageOf(rows: PersonRow[], o: { total: number; totalCapped: boolean; pageSize: number; atStart: boolean; backwards: boolean }): SearchResult {
  // One row more than the page was read, to know whether another page follows (or precedes).
  const more = rows.length > o.pageSize;
  const items = o.backwards ? rows.slice(-o.pageSize) : rows.slice(0, o.pageSize);
  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = o.backwards ? true : more;
  const hasPrevious = o.backwards ? more : !o.atStart;
  return {
    items: items.map(toSummary),
    total: o.total,
    totalCapped: o.totalCapped,
    pageSize: o.pageSize,
    next: hasNext && last ? encodeCursor({ sortName: last.sortName, id: last.id, direction: 'after' }) : null,
    previous: hasPrevious && first ? encodeCursor({ sortName: first.sortName, id: first.id, direction: 'before' }) : null,
  };
}
