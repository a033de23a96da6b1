/**
 * People: the persons a centre accompanies (habitant·es), their households, yearly
 * memberships and consents. Rules owned here:
 * - least data: names are required, everything else optional; the phone is kept as 10 digits,
 *   the commune as an INSEE code, the birth year with its age bracket (the bracket survives
 *   erasure so that statistics stay true);
 * - consents are append-only rows stamped with CONSENT_WORDING_VERSION; the current state of
 *   a kind is its latest row. Data processing is required to keep a file; a parental
 *   authorisation is required while the birth year says the person is under 18;
 * - search is accent- and case-insensitive and by word beginnings: every typed word must
 *   start a word of the name, phone, e-mail or commune ("Lef" finds Lefèvre, "fèvre" does
 *   not), a phone typed with spaces is one run of digits; the words are indexed in
 *   person_search_terms by the repository, so that a search stays fast on large centres;
 * - a new person who looks like an existing one (same folded name and birth year, same phone
 *   or same e-mail) is refused as a possible duplicate unless the user confirms;
 * - volunteers see only the persons another module gives them (PersonAccessRegistry) and
 *   those they registered; partners see none; another centre's person does not exist (404);
 *   a role that must complete a training first (TrainingGateRegistry) opens no file until then;
 * - every view, change, merge, export and erasure of a file is written to the audit log,
 *   naming fields, never values;
 * - merge and erasure run in one transaction together with every module registered in the
 *   PersonDataRegistry, so a person's data never ends up half moved or half erased.
 *
 * Public API for other modules (documented at each method):
 *   staff (Actor first, permission-checked, audited): create, get, search, update,
 *     findDuplicates, merge, exportData, erase, canSee;
 *   system (centre-scoped, not audited as a staff view): findMatches, createFromPublicForm,
 *     getSummary, recordConsent, currentConsents — each takes an optional Kysely transaction
 *     last, so that a caller writes a person together with its own rows in one commit.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { audit, listAudit } from '../../platform/audit.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { can, seesAllPersons, type Permission } from '../../platform/auth/roles.ts';
import { currentYear } from '../../platform/clock.ts';
import {
  communeByCode,
  communeLabel,
  communeName,
  communesOfEpci,
  resolveCommune,
  searchCommunes,
  type Commune,
} from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { compareFrench, foldText, normalizePhone } from '../../platform/text.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { ageBracket, isMinor, type AgeBracket } from './age-bracket.ts';
import { mergeResult, type MergeField } from './merge-rule.ts';
import * as repo from './person.repository.ts';
import { searchTextOf } from './search-text.ts';
import type { PersonRow } from './person.repository.ts';
import {
  CONSENT_KINDS,
  CONSENT_WORDING_VERSION,
  emailSchema,
  personSchemas,
  phoneSchema,
  type ConsentKind,
  type Gender,
  type PersonInput,
  type PersonSchemas,
  type SocialStatus,
} from './person.schemas.ts';

/** What other modules get about a person: identity and contacts, or nulls once erased. */
export interface PersonSummary {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  ageBracket: AgeBracket;
  communeInsee: string | null;
  erased: boolean;
}

export interface PersonListItem extends PersonSummary {
  communeName: string | null;
}

export interface ConsentState {
  granted: boolean;
  wordingVersion: string;
  recordedAt: string;
}

export interface PersonFile extends PersonListItem {
  socialStatus: SocialStatus;
  gender: Gender;
  accessibilityNeeds: string | null;
  household: { id: string; name: string; members: { id: string; firstName: string | null; lastName: string | null }[] } | null;
  memberships: { year: number; amountCents: number | null; recordedAt: string }[];
  consents: Record<ConsentKind, ConsentState | null>;
  consentHistory: (ConsentState & { kind: ConsentKind })[];
  erasedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MatchReason = 'name' | 'phone' | 'email';
export interface DuplicateMatch extends PersonListItem {
  matchedOn: MatchReason[];
}

export interface MatchCriteria {
  firstName: string;
  lastName: string;
  birthYear?: number | null;
  phone?: string | null;
  email?: string | null;
}

export interface PublicPersonInput {
  firstName: string;
  lastName: string;
  phone?: string | null;
  email?: string | null;
  birthYear?: number | null;
  communeInsee?: string | null;
  consents: { kind: ConsentKind; granted: boolean }[];
}

export interface SearchResult {
  items: PersonListItem[];
  total: number;
  pageSize: number;
  /** Cursor of the following page, null on the last one. */
  next: string | null;
  /** Cursor of the page before, null on the first one. */
  previous: string | null;
}

export interface MergePreview {
  keep: PersonFile;
  duplicate: PersonFile;
  result: PersonFile;
  filled: MergeField[];
  /** Years of the duplicate's memberships that move; the others are already held. */
  membershipYearsMoved: number[];
  consentsMoved: number;
}

export interface PersonExport {
  exportedAt: string;
  person: PersonFile;
  auditEntries: { actorLabel: string; action: string; details: string | null; at: string }[];
  mergedRecords: string[];
  modules: Record<string, unknown>;
}

/** A new person looks like existing ones: the user must check, then confirm. */
export class PossibleDuplicateError extends AppError {
  constructor(
    readonly duplicates: DuplicateMatch[],
    readonly hiddenCount: number,
    fields: FieldErrors,
  ) {
    super(409, 'possible_duplicate', 'people.duplicate.message', fields);
  }
}

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

/**
 * A page cursor: base64url of [direction, sort key, id]. Opaque to clients; the sort key holds
 * folded names, like the search text typed in the same URL.
 */
export function encodeCursor(position: repo.ListPosition): string {
  return Buffer.from(JSON.stringify([position.direction === 'after' ? 'a' : 'b', position.sortName, position.id])).toString('base64url');
}

/** The position a cursor names; anything else is a 422 on field `cursor`, never a 500. */
export function decodeCursor(cursor: string): repo.ListPosition {
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
type CreateInput = z.input<PersonSchemas['create']>;
type PatchInput = z.input<PersonSchemas['patch']>;
type Access = { all: true } | { all: false; ids: Set<string>; userId: string | null };

/** Parses with a Zod schema whose messages are catalogue keys; bad input is a 422 with fields. */
function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) fields[issue.path.map(String).join('.') || '_form'] ??= issue.message;
  throw invalid(fields);
}

function nameKey(first: string | null, last: string | null): string | null {
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

function toSummary(row: PersonRow): PersonListItem {
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

function stripCommuneName({ communeName: _drop, ...summary }: PersonListItem): PersonSummary {
  return summary;
}

function currentConsentStates(history: readonly (ConsentState & { kind: string })[]): Record<ConsentKind, ConsentState | null> {
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

export class PeopleService {
  /** The person schemas, checking birth years against this app's clock (the API and pages use them too). */
  readonly schemas: PersonSchemas;

  constructor(
    private readonly ctx: AppContext,
    // The centre module owns partner communes: the form offers them besides the intercommunality.
    private readonly centre: CentreService,
  ) {
    this.schemas = personSchemas(ctx.clock);
  }

  private get db(): Kysely<Database> {
    return this.ctx.kysely;
  }

  private require(actor: Actor, permission: Permission): void {
    if (!can(actor.role, permission)) throw forbidden();
  }

  /**
   * Staff who must follow a training first (registered by the pathways module, e.g. for
   * volunteers) may not open nor change files until it is completed: a 403 naming it.
   */
  private async requireFiles(actor: Actor, permission: Permission): Promise<void> {
    this.require(actor, permission);
    await this.ctx.trainingGate.assertAllowed(actor);
  }

  private async access(actor: Actor): Promise<Access> {
    if (seesAllPersons(actor.role)) return { all: true };
    if (!can(actor.role, 'persons.read')) return { all: false, ids: new Set(), userId: null };
    return { all: false, ids: await this.ctx.personAccess.personIdsFor(actor), userId: actor.userId };
  }

  private static allows(access: Access, row: PersonRow): boolean {
    if (access.all) return true;
    return access.ids.has(row.id) || (access.userId !== null && row.createdBy === access.userId);
  }

  /**
   * The live row of a person the actor may see. Unknown, malformed, another centre's,
   * merged away or not visible to a volunteer: all the same 404, so nothing leaks.
   */
  private async visibleRow(actor: Actor, id: string, access?: Access): Promise<PersonRow> {
    if (!isUuid(id)) throw notFound();
    const row = await repo.findPerson(this.db, actor.centerId, id);
    if (!row || row.mergedIntoId !== null) throw notFound();
    if (!PeopleService.allows(access ?? (await this.access(actor)), row)) throw notFound();
    return row;
  }

  // ---------------------------------------------------------------- staff API

  /** Volunteers: only persons given by PersonAccessRegistry or that they registered; partners: none. */
  async canSee(actor: Actor, personId: string): Promise<boolean> {
    if (!can(actor.role, 'persons.read') || !isUuid(personId)) return false;
    const row = await repo.findPerson(this.db, actor.centerId, personId);
    if (!row || row.mergedIntoId !== null) return false;
    return PeopleService.allows(await this.access(actor), row);
  }

  /**
   * Registers a person (permission persons.write). Throws 422 (fields) for bad input, an
   * unknown or ambiguous commune or a missing required consent, and PossibleDuplicateError
   * (409) when the person looks like an existing one, unless `confirmNotDuplicate: true`.
   */
  async create(actor: Actor, raw: CreateInput): Promise<PersonFile> {
    await this.requireFiles(actor, 'persons.write');
    const { confirmNotDuplicate, ...input } = parseOrThrow(this.schemas.create, raw);
    const communeInsee = await this.resolveCommuneOrThrow(actor, input.commune, this.consentErrors(input.consents, input.birthYear));
    if (!confirmNotDuplicate) {
      const { duplicates, hiddenCount } = await this.findDuplicates(actor, input);
      if (duplicates.length + hiddenCount > 0) {
        const fields: FieldErrors = {};
        const reasons = new Set(duplicates.flatMap((d) => d.matchedOn));
        if (reasons.has('name')) fields.lastName = 'people.duplicate.sameName';
        if (reasons.has('phone')) fields.phone = 'people.duplicate.samePhone';
        if (reasons.has('email')) fields.email = 'people.duplicate.sameEmail';
        throw new PossibleDuplicateError(duplicates, hiddenCount, fields);
      }
    }
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      await this.insert(trx, actor, id, input, communeInsee);
      await audit(trx, this.ctx.clock, actor, 'create', 'person', id);
    });
    return this.fileOf(actor, (await repo.findPerson(this.db, actor.centerId, id))!, { all: true });
  }

  /** A person's file (permission persons.read, volunteers restricted); writes a `view` audit row. */
  async get(actor: Actor, id: string): Promise<PersonFile> {
    await this.requireFiles(actor, 'persons.read');
    const access = await this.access(actor);
    const row = await this.visibleRow(actor, id, access);
    await audit(this.db, this.ctx.clock, actor, 'view', 'person', row.id);
    return this.fileOf(actor, row, access);
  }

  /** Where a merged-away file now lives (the kept person's id), or null; for friendly redirects. */
  async followMerge(actor: Actor, id: string): Promise<string | null> {
    if (!can(actor.role, 'persons.read') || !isUuid(id)) return null;
    let row = await repo.findPerson(this.db, actor.centerId, id);
    if (!row?.mergedIntoId) return null;
    for (let hops = 0; row?.mergedIntoId && hops < 20; hops++) row = await repo.findPerson(this.db, actor.centerId, row.mergedIntoId);
    if (!row || row.mergedIntoId) return null;
    return (await this.canSee(actor, row.id)) ? row.id : null;
  }

  /**
   * Accent-insensitive search: every word typed must start a word of the name, phone, e-mail
   * or commune. Erased and merged persons never appear. In French order of last then first
   * name (accents and case ignored), pages of 25 by default (100 at most), paged by an opaque
   * `cursor` (`next` and `previous` of an earlier answer); `page` is not read any more (the
   * first page is answered). A cursor that is not one: 422 on field `cursor`.
   */
  async search(actor: Actor, query: { q?: string; cursor?: string; pageSize?: number; page?: number }): Promise<SearchResult> {
    await this.requireFiles(actor, 'persons.read');
    const int = (v: number | undefined, fallback: number) => (v !== undefined && Number.isFinite(v) ? Math.trunc(v) : fallback);
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, int(query.pageSize, DEFAULT_PAGE_SIZE)));
    const from = query.cursor ? decodeCursor(query.cursor) : undefined;
    const access = await this.access(actor);
    const scope: repo.SearchScope = access.all ? {} : { ids: [...access.ids], createdBy: access.userId };
    const tokens = searchTokens(query.q);
    const total = await repo.countPersons(this.db, actor.centerId, tokens, scope);
    // A search reads its matches through the words and keeps the page's best (a name search
    // matches one block of the name order, which a walk from « A » would reach late); the
    // whole list walks the name index. See person.repository.ts.
    const list = tokens.length > 0 ? repo.listMatchingPersons : repo.listPersons;
    const read = (position?: repo.ListPosition) => list(this.db, actor.centerId, tokens, scope, pageSize + 1, position);
    let rows = await read(from);
    let atStart = !from;
    if (from?.direction === 'before' && rows.length <= pageSize) {
      // Back at the beginning: show the first page whole rather than its last few rows.
      rows = await read();
      atStart = true;
    }
    return this.pageOf(rows, { total, pageSize, atStart, backwards: from?.direction === 'before' && !atStart });
  }

  private pageOf(rows: PersonRow[], o: { total: number; pageSize: number; atStart: boolean; backwards: boolean }): SearchResult {
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
      pageSize: o.pageSize,
      next: hasNext && last ? encodeCursor({ sortName: last.sortName, id: last.id, direction: 'after' }) : null,
      previous: hasPrevious && first ? encodeCursor({ sortName: first.sortName, id: first.id, direction: 'before' }) : null,
    };
  }

  /**
   * Changes a file (permission persons.write, volunteers restricted): only the fields given
   * change; changed consents append rows; `membership` sets (object) or removes (null) the
   * current year's. Writes an `update` audit row naming the changed fields.
   */
  async update(actor: Actor, id: string, raw: PatchInput): Promise<PersonFile> {
    await this.requireFiles(actor, 'persons.write');
    const access = await this.access(actor);
    const row = await this.visibleRow(actor, id, access);
    if (row.erasedAt) throw conflict('people.erased');
    const patch = parseOrThrow(this.schemas.patch, raw);
    const history = await repo.listConsents(this.db, actor.centerId, row.id);
    const current = currentConsentStates(history);
    const finalConsents = Object.fromEntries(
      CONSENT_KINDS.map((k) => [k, patch.consents?.[k] ?? current[k]?.granted ?? false]),
    ) as Record<ConsentKind, boolean>;
    const birthYear = patch.birthYear === undefined ? row.birthYear : patch.birthYear;
    const ruleErrors = this.consentErrors(finalConsents, birthYear);
    let communeInsee = row.communeInsee;
    if (patch.commune !== undefined) communeInsee = await this.resolveCommuneOrThrow(actor, patch.commune, ruleErrors);
    else this.throwIfAny(ruleErrors);

    const now = this.ctx.clock.nowIso();
    const changed: string[] = [];
    await this.db.transaction().execute(async (trx) => {
      const next: repo.PersonRow = { ...row };
      const setField = <K extends keyof PersonRow>(key: K, value: PersonRow[K] | undefined) => {
        if (value === undefined || value === row[key]) return;
        next[key] = value;
        changed.push(key);
      };
      setField('firstName', patch.firstName);
      setField('lastName', patch.lastName);
      setField('phone', patch.phone);
      setField('email', patch.email);
      setField('birthYear', patch.birthYear);
      setField('communeInsee', communeInsee);
      setField('socialStatus', patch.socialStatus);
      setField('gender', patch.gender);
      setField('accessibilityNeeds', patch.accessibilityNeeds);
      if (patch.household !== undefined) {
        const householdId = await this.householdFor(trx, actor.centerId, patch.household);
        if (householdId !== row.householdId) {
          next.householdId = householdId;
          changed.push('household');
        }
      }
      next.ageBracket = ageBracket(next.birthYear, currentYear(new Date(now)));
      next.searchText = searchTextOf(next);
      next.updatedAt = now;
      await repo.updatePerson(trx, actor.centerId, row.id, {
        firstName: next.firstName,
        lastName: next.lastName,
        phone: next.phone,
        email: next.email,
        birthYear: next.birthYear,
        ageBracket: next.ageBracket,
        communeInsee: next.communeInsee,
        householdId: next.householdId,
        socialStatus: next.socialStatus,
        gender: next.gender,
        accessibilityNeeds: next.accessibilityNeeds,
        searchText: next.searchText,
        updatedAt: now,
      });
      if (row.householdId && next.householdId !== row.householdId) await repo.deleteHouseholdIfEmpty(trx, actor.centerId, row.householdId);

      if (patch.membership !== undefined && (await this.setMembership(trx, actor.centerId, row.id, patch.membership, now))) {
        changed.push('membership');
      }
      for (const kind of CONSENT_KINDS) {
        const wanted = patch.consents?.[kind];
        if (wanted === undefined) continue;
        // Unchanged from what the form showed (never asked shows as unticked): nothing to record.
        if ((current[kind]?.granted ?? false) === wanted) continue;
        await this.appendConsent(trx, actor.centerId, row.id, kind, wanted, actor.userId, now);
        changed.push(`consents.${kind}`);
      }
      if (changed.length > 0) await audit(trx, this.ctx.clock, actor, 'update', 'person', row.id, { fields: changed });
    });
    return this.fileOf(actor, (await repo.findPerson(this.db, actor.centerId, row.id))!, access);
  }

  /**
   * Live persons that look like the one described (permission persons.read): same folded
   * first and last names with the same birth year (or a year missing on either side), same
   * phone, or same e-mail. Volunteers get only the ones they may see, and a count of the others.
   */
  async findDuplicates(
    actor: Actor,
    input: MatchCriteria & { excludeId?: string },
  ): Promise<{ duplicates: DuplicateMatch[]; hiddenCount: number }> {
    await this.requireFiles(actor, 'persons.read');
    const matches = await this.matches(actor.centerId, input, input.excludeId ? [input.excludeId] : []);
    const access = await this.access(actor);
    const rows = await repo.findPersons(this.db, actor.centerId, matches.map((m) => m.id));
    const visible = new Set(rows.filter((r) => PeopleService.allows(access, r)).map((r) => r.id));
    const duplicates = matches.filter((m) => visible.has(m.id));
    return { duplicates, hiddenCount: matches.length - duplicates.length };
  }

  /** Both files side by side and what the merge would keep (permission persons.merge). */
  async mergePreview(actor: Actor, keepId: string, duplicateId: string): Promise<MergePreview> {
    await this.requireFiles(actor, 'persons.merge');
    const { keep, duplicate } = await this.mergePair(actor, keepId, duplicateId);
    const access = await this.access(actor);
    const [keepFile, dupFile] = [await this.fileOf(actor, keep, access), await this.fileOf(actor, duplicate, access)];
    await audit(this.db, this.ctx.clock, actor, 'view', 'person', keep.id);
    await audit(this.db, this.ctx.clock, actor, 'view', 'person', duplicate.id);
    const { result, filled } = mergeResult(keep, duplicate);
    const resultFile = await this.fileOf(actor, { ...result, ageBracket: ageBracket(result.birthYear, this.year()) }, access);
    const held = new Set(keepFile.memberships.map((m) => m.year));
    const consentHistory = [...keepFile.consentHistory, ...dupFile.consentHistory].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
    return {
      keep: keepFile,
      duplicate: dupFile,
      result: {
        ...resultFile,
        memberships: [...keepFile.memberships, ...dupFile.memberships.filter((m) => !held.has(m.year))].sort((a, b) => b.year - a.year),
        consentHistory,
        consents: currentConsentStates(consentHistory),
      },
      filled,
      membershipYearsMoved: dupFile.memberships.filter((m) => !held.has(m.year)).map((m) => m.year),
      consentsMoved: dupFile.consentHistory.length,
    };
  }

  /**
   * Merges a duplicate into the kept file (permission persons.merge), in one transaction:
   * fills the kept file's empty fields, moves memberships (except years already held) and
   * consents, lets every registered module re-point its rows, hides the duplicate
   * (merged_into_id) and audits `merge` on both.
   */
  async merge(actor: Actor, keepId: string, duplicateId: string): Promise<PersonFile> {
    await this.requireFiles(actor, 'persons.merge');
    const { keep, duplicate } = await this.mergePair(actor, keepId, duplicateId);
    const { result, filled } = mergeResult(keep, duplicate);
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      const birthYear = result.birthYear;
      await repo.updatePerson(trx, actor.centerId, keep.id, {
        firstName: result.firstName,
        lastName: result.lastName,
        phone: result.phone,
        email: result.email,
        birthYear,
        ageBracket: birthYear === null ? keep.ageBracket : ageBracket(birthYear, currentYear(new Date(now))),
        communeInsee: result.communeInsee,
        householdId: result.householdId,
        socialStatus: result.socialStatus,
        gender: result.gender,
        accessibilityNeeds: result.accessibilityNeeds,
        searchText: searchTextOf(result),
        updatedAt: now,
      });
      const memberships = await repo.moveMemberships(trx, actor.centerId, duplicate.id, keep.id);
      const consents = await repo.moveConsents(trx, actor.centerId, duplicate.id, keep.id);
      for (const contributor of this.ctx.personData.contributors) {
        await contributor.merge(trx, actor.centerId, keep.id, duplicate.id);
      }
      await repo.updatePerson(trx, actor.centerId, duplicate.id, { mergedIntoId: keep.id, updatedAt: now });
      // Files merged earlier into the duplicate follow it, so every chain ends at a live file.
      await repo.repointMerged(trx, actor.centerId, duplicate.id, keep.id, now);
      const details = { keepId: keep.id, duplicateId: duplicate.id, filled, memberships, consents };
      await audit(trx, this.ctx.clock, actor, 'merge', 'person', keep.id, details);
      await audit(trx, this.ctx.clock, actor, 'merge', 'person', duplicate.id, details);
    });
    return this.fileOf(actor, (await repo.findPerson(this.db, actor.centerId, keep.id))!, { all: true });
  }

  /**
   * The GDPR access export (permission persons.export): the file, its audit entries, and
   * each registered module's section. Writes an `export` audit row.
   */
  async exportData(actor: Actor, id: string): Promise<PersonExport> {
    await this.requireFiles(actor, 'persons.export');
    const row = await this.visibleRow(actor, id);
    const person = await this.fileOf(actor, row, { all: true });
    const auditEntries = (await listAudit(this.db, actor.centerId, 'person', row.id)).map(({ actorLabel, action, details, at }) => ({
      actorLabel,
      action,
      details,
      at,
    }));
    const modules: Record<string, unknown> = {};
    for (const contributor of this.ctx.personData.contributors) {
      modules[contributor.name] = await contributor.export(this.db, actor.centerId, row.id);
    }
    const mergedRecords = await this.mergedChain(this.db, actor.centerId, row.id);
    await audit(this.db, this.ctx.clock, actor, 'export', 'person', row.id);
    return { exportedAt: this.ctx.clock.nowIso(), person, auditEntries, mergedRecords, modules };
  }

  /**
   * Erases a person (permission persons.erase), in one transaction: names, contacts, birth
   * year, accessibility needs and household link are cleared, and so are those of the files
   * merged into it; every registered module erases what identifies them. Age bracket,
   * commune, social status, gender, memberships and consent dates stay for the statistics.
   */
  async erase(actor: Actor, id: string): Promise<void> {
    await this.requireFiles(actor, 'persons.erase');
    const row = await this.visibleRow(actor, id);
    if (row.erasedAt) throw conflict('people.alreadyErased');
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      const ids = [row.id, ...(await this.mergedChain(trx, actor.centerId, row.id))];
      const rows = await repo.findPersons(trx, actor.centerId, ids);
      for (const person of rows) {
        await repo.updatePerson(trx, actor.centerId, person.id, {
          firstName: null,
          lastName: null,
          phone: null,
          email: null,
          birthYear: null,
          accessibilityNeeds: null,
          householdId: null,
          searchText: '',
          erasedAt: now,
          updatedAt: now,
        });
        if (person.householdId) await repo.deleteHouseholdIfEmpty(trx, actor.centerId, person.householdId);
        for (const contributor of this.ctx.personData.contributors) await contributor.erase(trx, actor.centerId, person.id);
      }
      await audit(trx, this.ctx.clock, actor, 'erase', 'person', row.id, { records: ids.length });
    });
  }

  /** The audit entries of a file (permission audit.read: administrators). */
  async auditTrail(actor: Actor, id: string) {
    this.require(actor, 'audit.read');
    const row = await this.visibleRow(actor, id);
    return listAudit(this.db, actor.centerId, 'person', row.id);
  }

  /**
   * The rule errors (commune, required consents) of what a form holds, without saving
   * anything: a form that already has field errors shows these too, so that the user
   * fixes everything in one go.
   */
  async ruleErrors(
    actor: Actor,
    input: { commune: string | null; birthYear: number | null; consents: Partial<Record<ConsentKind, boolean>> },
  ): Promise<FieldErrors> {
    const errors = this.consentErrors(input.consents, input.birthYear);
    const resolved = await this.resolveCommune(actor.centerId, input.commune);
    return 'error' in resolved ? { commune: resolved.error, ...errors } : errors;
  }

  /** Communes offered in the form: the centre's EPCI and its partner communes, by name. */
  async communeChoices(actor: Actor): Promise<Commune[]> {
    return this.localCommunes(actor.centerId);
  }

  private async localCommunes(centerId: string): Promise<Commune[]> {
    const centre = await findCentreById(this.db, centerId);
    const home = communeByCode(centre?.communeInsee);
    const byCode = new Map<string, Commune>();
    if (home) byCode.set(home.code, home);
    if (home?.epciCode) for (const c of communesOfEpci(home.epciCode)) byCode.set(c.code, c);
    for (const partner of await this.centre.listPartnerCommunes(centerId)) {
      const c = communeByCode(partner.communeInsee);
      if (c) byCode.set(c.code, c);
    }
    return [...byCode.values()].sort((a, b) => compareFrench(a.name, b.name));
  }

  /** Prefix search over every French commune, for the form's autocomplete (staff). */
  searchCommunes(actor: Actor, q: string): Commune[] {
    this.require(actor, 'persons.write');
    return searchCommunes(q, 15);
  }

  /** Existing household names, offered when registering; volunteers do not get the list. */
  async householdNames(actor: Actor): Promise<string[]> {
    if (!seesAllPersons(actor.role)) return [];
    return (await repo.listHouseholds(this.db, actor.centerId)).map((h) => h.name);
  }

  // ---------------------------------------------------------------- system API

  /**
   * Live persons matching what a public form or another module received (same rule as
   * duplicates), strongest matches first. Centre-scoped, no audit, no access check: the
   * caller decides what to show.
   */
  async findMatches(centerId: string, criteria: MatchCriteria, trx?: Kysely<Database>): Promise<PersonSummary[]> {
    return (await this.matches(centerId, criteria, [], trx)).map(({ matchedOn: _m, ...item }) => stripCommuneName(item));
  }

  /**
   * Registers a person from a resident-facing form (no staff actor). Validates like the staff
   * form; `communeInsee` must be a known INSEE code; the consents given are recorded with the
   * current wording version, and data processing (plus parental authorisation for a minor)
   * must be granted. No duplicate check: call findMatches first. Throws 422 with fields.
   * With `trx`, the person is written in the caller's transaction (person + booking + message
   * in one commit; a rollback leaves no person); without, in a transaction of its own.
   */
  async createFromPublicForm(centerId: string, input: PublicPersonInput, trx?: Kysely<Database>): Promise<PersonSummary> {
    const actor: Actor = { ...systemActor(centerId), label: 'formulaire en ligne' };
    const consents: Partial<Record<ConsentKind, boolean>> = {};
    for (const c of input.consents ?? []) if ((CONSENT_KINDS as readonly string[]).includes(c.kind)) consents[c.kind] = c.granted;
    const parsed = parseOrThrow(this.schemas.create, {
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone ?? null,
      email: input.email ?? null,
      birthYear: input.birthYear ?? null,
      consents,
    });
    const errors = this.consentErrors(parsed.consents, parsed.birthYear);
    if (input.communeInsee && !communeByCode(input.communeInsee)) errors.communeInsee = 'people.commune.unknown';
    this.throwIfAny(errors);
    const id = newId();
    await this.inTransaction(trx, async (db) => {
      await this.insert(db, actor, id, { ...parsed, commune: null }, input.communeInsee || null);
      await audit(db, this.ctx.clock, actor, 'create', 'person', id);
    });
    return stripCommuneName(toSummary((await repo.findPerson(trx ?? this.db, centerId, id))!));
  }

  /** Identity and contacts of a person of the centre; a merged id answers the kept person. */
  async getSummary(centerId: string, id: string, trx?: Kysely<Database>): Promise<PersonSummary | undefined> {
    const row = await this.liveOrFollow(centerId, id, trx);
    return row ? stripCommuneName(toSummary(row)) : undefined;
  }

  /**
   * Appends a consent row (current wording version). 404 if unknown, 409 if erased. With
   * `trx`, in the caller's transaction.
   */
  async recordConsent(
    centerId: string,
    personId: string,
    kind: ConsentKind,
    granted: boolean,
    recordedBy?: string | null,
    trx?: Kysely<Database>,
  ): Promise<void> {
    if (!(CONSENT_KINDS as readonly string[]).includes(kind)) throw invalid({ kind: 'errors.invalid' });
    const row = await this.liveOrFollow(centerId, personId, trx);
    if (!row) throw notFound();
    if (row.erasedAt) throw conflict('people.erased');
    await this.appendConsent(trx ?? this.db, centerId, row.id, kind, granted, recordedBy ?? null, this.ctx.clock.nowIso());
  }

  /** The current state of every consent kind (never recorded = false). */
  async currentConsents(centerId: string, personId: string, trx?: Kysely<Database>): Promise<Record<ConsentKind, boolean>> {
    const row = await this.liveOrFollow(centerId, personId, trx);
    const states = row ? currentConsentStates(await repo.listConsents(trx ?? this.db, centerId, row.id)) : undefined;
    return Object.fromEntries(CONSENT_KINDS.map((k) => [k, states?.[k]?.granted ?? false])) as Record<ConsentKind, boolean>;
  }

  // ---------------------------------------------------------------- internals

  /**
   * Runs writes in the caller's transaction when given one, else in a new one. Reads inside a
   * caller's transaction must use it too: on SQLite the one connection is held by it, and a
   * read through the pool would wait for it forever.
   */
  private async inTransaction(trx: Kysely<Database> | undefined, work: (db: Kysely<Database>) => Promise<void>): Promise<void> {
    if (trx) await work(trx);
    else await this.db.transaction().execute(work);
  }

  private async liveOrFollow(centerId: string, id: string, trx?: Kysely<Database>): Promise<PersonRow | undefined> {
    if (!isUuid(id)) return undefined;
    const db = trx ?? this.db;
    let row = await repo.findPerson(db, centerId, id);
    for (let hops = 0; row?.mergedIntoId && hops < 20; hops++) row = await repo.findPerson(db, centerId, row.mergedIntoId);
    return row && !row.mergedIntoId ? row : undefined;
  }

  /** Every file merged (directly or not) into this one. */
  private async mergedChain(db: Kysely<Database>, centerId: string, id: string): Promise<string[]> {
    const out: string[] = [];
    let frontier = [id];
    while (frontier.length > 0 && out.length < 1000) {
      const next: string[] = [];
      for (const f of frontier) next.push(...(await repo.listMergedInto(db, centerId, f)));
      out.push(...next);
      frontier = next;
    }
    return out;
  }

  private async mergePair(actor: Actor, keepId: string, duplicateId: string) {
    if (keepId === duplicateId) throw invalid({ duplicateId: 'people.merge.same' });
    const keep = await this.visibleRow(actor, keepId);
    let duplicate: PersonRow;
    try {
      duplicate = await this.visibleRow(actor, duplicateId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw invalid({ duplicateId: 'people.merge.unknown' });
      throw error;
    }
    if (keep.erasedAt || duplicate.erasedAt) throw conflict('people.merge.erased');
    return { keep, duplicate };
  }

  private async matches(centerId: string, criteria: MatchCriteria, excludeIds: string[], trx?: Kysely<Database>): Promise<DuplicateMatch[]> {
    const first = String(criteria.firstName ?? '');
    const last = String(criteria.lastName ?? '');
    const phoneParsed = phoneSchema.safeParse(criteria.phone ?? '');
    const emailParsed = emailSchema.safeParse(criteria.email ?? '');
    const phone = phoneParsed.success ? phoneParsed.data : null;
    const email = emailParsed.success ? emailParsed.data : null;
    const yearParsed = this.schemas.birthYear.safeParse(criteria.birthYear);
    const birthYear = yearParsed.success ? yearParsed.data : null;
    const key = nameKey(first, last);
    const rows = await repo.findDuplicateCandidates(trx ?? this.db, centerId, { foldedName: key, phone, email, excludeIds });
    const out: DuplicateMatch[] = [];
    for (const row of rows) {
      const matchedOn: MatchReason[] = [];
      const sameName =
        key !== null && foldText(row.firstName ?? '') === foldText(first) && foldText(row.lastName ?? '') === foldText(last);
      if (sameName && (birthYear === null || row.birthYear === null || row.birthYear === birthYear)) matchedOn.push('name');
      if (phone && row.phone === phone) matchedOn.push('phone');
      if (email && row.email === email) matchedOn.push('email');
      if (matchedOn.length > 0) out.push({ ...toSummary(row), matchedOn });
    }
    return out.sort((a, b) => b.matchedOn.length - a.matchedOn.length);
  }

  /**
   * Every answer is recorded, a refusal too (it says the question was asked), except a
   * parental authorisation left unticked for an adult: the question did not apply.
   */
  private worthRecording(kind: ConsentKind, granted: boolean, birthYear: number | null): boolean {
    return granted || kind !== 'parental_authorisation' || isMinor(birthYear, this.year());
  }

  /** This year on the calendar of Paris, by the app's clock. */
  private year(): number {
    return currentYear(this.ctx.clock.now());
  }

  private consentErrors(consents: Partial<Record<ConsentKind, boolean>>, birthYear: number | null): FieldErrors {
    const errors: FieldErrors = {};
    if (!consents.data_processing) errors['consents.data_processing'] = 'people.consent.data_processing.required';
    if (isMinor(birthYear, this.year()) && !consents.parental_authorisation) {
      errors['consents.parental_authorisation'] = 'people.consent.parental_authorisation.required';
    }
    return errors;
  }

  private throwIfAny(errors: FieldErrors): void {
    if (Object.keys(errors).length > 0) throw invalid(errors);
  }

  /**
   * Resolves the commune typed in the form ("Cambrai", "Cambrai (59400)", "59122"), adding
   * its error to the others so that the user sees them all at once. A name shared by several
   * French communes is taken as the centre's own when exactly one of them is in its area
   * (its intercommunality or a partner commune): "Naves" typed in Cambrai means Naves (59161).
   */
  private async resolveCommuneOrThrow(actor: Actor, text: string | null, otherErrors: FieldErrors): Promise<string | null> {
    const resolved = await this.resolveCommune(actor.centerId, text);
    this.throwIfAny('error' in resolved ? { ...otherErrors, commune: resolved.error } : otherErrors);
    return 'code' in resolved ? resolved.code : null;
  }

  private async resolveCommune(centerId: string, text: string | null): Promise<{ code: string | null } | { error: string }> {
    const typed = resolveCommune(text);
    if (typed.kind === 'empty') return { code: null };
    if (typed.kind === 'found') return { code: typed.commune.code };
    if (typed.kind === 'unknown') return { error: 'people.commune.unknown' };
    const local = new Set((await this.localCommunes(centerId)).map((c) => c.code));
    const settled = resolveCommune(text, { nearby: local });
    if (settled.kind === 'found') return { code: settled.commune.code };
    // Already French text: the message lists the communes to choose from, nearby ones first.
    const candidates = typed.candidates
      .sort((a, b) => Number(local.has(b.code)) - Number(local.has(a.code)) || (b.population ?? 0) - (a.population ?? 0))
      .slice(0, 8)
      .map((c) => communeLabel(c))
      .join(', ');
    return { error: translate('fr', 'people.commune.ambiguous', { candidates }) };
  }

  private async householdFor(db: Kysely<Database>, centerId: string, name: string | null): Promise<string | null> {
    if (!name) return null;
    const folded = foldText(name);
    const existing = (await repo.listHouseholds(db, centerId)).find((h) => foldText(h.name) === folded && folded !== '');
    if (existing) return existing.id;
    const id = newId();
    await repo.insertHousehold(db, { id, centerId, name, createdAt: this.ctx.clock.nowIso() });
    return id;
  }

  /** Sets (object) or removes (null) the current year's membership; answers whether it changed. */
  private async setMembership(
    db: Kysely<Database>,
    centerId: string,
    personId: string,
    membership: { amountCents: number | null } | null,
    now: string,
  ): Promise<boolean> {
    const year = currentYear(new Date(now));
    const existing = (await repo.listMemberships(db, centerId, personId)).find((m) => m.year === year);
    if (membership === null) {
      if (!existing) return false;
      await repo.deleteMembership(db, centerId, existing.id);
      return true;
    }
    if (!existing) {
      await repo.insertMembership(db, { id: newId(), centerId, personId, year, amountCents: membership.amountCents, recordedAt: now });
      return true;
    }
    if (existing.amountCents === membership.amountCents) return false;
    await repo.updateMembershipAmount(db, centerId, existing.id, membership.amountCents);
    return true;
  }

  private async appendConsent(
    db: Kysely<Database>,
    centerId: string,
    personId: string,
    kind: ConsentKind,
    granted: boolean,
    recordedBy: string | null,
    now: string,
  ): Promise<void> {
    await repo.insertConsent(db, { id: newId(), centerId, personId, kind, granted, wordingVersion: CONSENT_WORDING_VERSION, recordedAt: now, recordedBy });
  }

  private async insert(db: Kysely<Database>, actor: Actor, id: string, input: PersonInput, communeInsee: string | null): Promise<void> {
    const now = this.ctx.clock.nowIso();
    const householdId = await this.householdFor(db, actor.centerId, input.household);
    const row: Omit<PersonRow, 'sortName'> = {
      id,
      centerId: actor.centerId,
      firstName: input.firstName,
      lastName: input.lastName,
      searchText: '',
      phone: input.phone,
      email: input.email,
      birthYear: input.birthYear,
      ageBracket: ageBracket(input.birthYear, currentYear(new Date(now))),
      communeInsee,
      householdId,
      socialStatus: input.socialStatus,
      gender: input.gender,
      accessibilityNeeds: input.accessibilityNeeds,
      mergedIntoId: null,
      erasedAt: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    row.searchText = searchTextOf(row);
    await repo.insertPerson(db, row);
    if (input.membership) await this.setMembership(db, actor.centerId, id, input.membership, now);
    for (const kind of CONSENT_KINDS) {
      const granted = input.consents[kind];
      if (granted !== undefined && this.worthRecording(kind, granted, input.birthYear)) {
        await this.appendConsent(db, actor.centerId, id, kind, granted, actor.userId, now);
      }
    }
  }

  private async fileOf(_actor: Actor, row: PersonRow, access: Access): Promise<PersonFile> {
    const centerId = row.centerId;
    const history = await repo.listConsents(this.db, centerId, row.id);
    const memberships = (await repo.listMemberships(this.db, centerId, row.id)).map(({ year, amountCents, recordedAt }) => ({
      year,
      amountCents,
      recordedAt,
    }));
    let household: PersonFile['household'] = null;
    if (row.householdId && !row.erasedAt) {
      const found = await repo.findHousehold(this.db, centerId, row.householdId);
      if (found) {
        const members = (await repo.householdMembers(this.db, centerId, found.id))
          .filter((m) => m.id !== row.id && PeopleService.allows(access, m))
          .map((m) => ({ id: m.id, firstName: m.firstName, lastName: m.lastName }));
        household = { id: found.id, name: found.name, members };
      }
    }
    return {
      ...toSummary(row),
      socialStatus: row.socialStatus as SocialStatus,
      gender: row.gender as Gender,
      accessibilityNeeds: row.accessibilityNeeds,
      household,
      memberships,
      consents: currentConsentStates(history),
      consentHistory: history
        .filter((h) => (CONSENT_KINDS as readonly string[]).includes(h.kind))
        .map((h) => ({ kind: h.kind as ConsentKind, granted: h.granted, wordingVersion: h.wordingVersion, recordedAt: h.recordedAt })),
      erasedAt: row.erasedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
