/**
 * People: the persons a centre accompanies (personnes accompagnées), their households, yearly
 * memberships and consents. This service owns the person file — register, edit, search and
 * list — and the system API other modules use. Rules owned here:
 * - least data: names are required, everything else optional; the phone is kept as 10 digits,
 *   the commune as an INSEE code, the birth year with its age bracket (the bracket survives
 *   erasure so that statistics stay true);
 * - consents are append-only rows; a changed answer appends one, an unchanged one nothing;
 *   the consent and commune rules themselves live in person-writes.ts;
 * - search is accent- and case-insensitive and by word beginnings: every typed word must
 *   start a word of the name, phone, e-mail or commune ("Lef" finds Lefèvre, "fèvre" does
 *   not), a phone typed with spaces is one run of digits; the words are indexed in
 *   person_search_terms by the repository, so that a search stays fast on large centres;
 * - a new person who looks like an existing one (same folded name and birth year, same phone
 *   or same e-mail) is refused as a possible duplicate unless the user confirms;
 * - every view and change of a file is written to the audit log, naming fields, never values.
 * Who sees which file: person-access.ts. Merging: merge.service.ts. Export and erasure:
 * person-data.service.ts (this service passes those calls through, for the module's ports).
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
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { can, seesAllPersons } from '../../platform/auth/roles.ts';
import { currentYear } from '../../platform/clock.ts';
import { communeByCode, searchCommunes, type Commune } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { foldText } from '../../platform/text.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { ageBracket } from './age-bracket.ts';
import { MergeService } from './merge.service.ts';
import { PersonAccess } from './person-access.ts';
import { PersonDataService } from './person-data.service.ts';
import {
  currentConsentStates,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  MAX_PAGE_SIZE,
  nameKey,
  pageOf,
  parseOrThrow,
  searchTokens,
  stripCommuneName,
  throwIfAny,
  toSummary,
} from './person-helpers.ts';
import { PersonWrites } from './person-writes.ts';
import { searchTextOf } from './search-text.ts';
import * as repo from './person.repository.ts';
import type { PersonRow } from './person.repository.ts';
import { CONSENT_KINDS, emailSchema, personSchemas, phoneSchema, type ConsentKind, type PersonSchemas } from './person.schemas.ts';
import {
  PossibleDuplicateError,
  type DuplicateMatch,
  type MatchCriteria,
  type MatchReason,
  type MergePreview,
  type PersonExport,
  type PersonFile,
  type PersonSummary,
  type PublicPersonInput,
  type SearchResult,
} from './person.types.ts';

// Other modules and the people routes import these from here, the module's entry point.
export { PossibleDuplicateError } from './person.types.ts';
export type { PersonListItem, PersonSummary } from './person.types.ts';

type CreateInput = z.input<PersonSchemas['create']>;
type PatchInput = z.input<PersonSchemas['patch']>;

/** A search counts its matches up to this many; more is shown as "more than 1,000". */
const COUNT_CAP = 1000;

export class PeopleService {
  /** The person schemas, checking birth years against this app's clock (the API and pages use them too). */
  readonly schemas: PersonSchemas;

  private readonly files: PersonAccess;
  private readonly writes: PersonWrites;
  private readonly merges: MergeService;
  private readonly personData: PersonDataService;

  constructor(
    private readonly ctx: AppContext,
    // The centre module owns partner communes: the form offers them besides the intercommunality.
    centre: CentreService,
  ) {
    this.schemas = personSchemas(ctx.clock);
    this.files = new PersonAccess(ctx);
    this.writes = new PersonWrites(ctx, centre);
    this.merges = new MergeService(ctx, this.files, this.writes);
    this.personData = new PersonDataService(ctx, this.files);
  }

  private get db(): Kysely<Database> {
    return this.ctx.kysely;
  }

  // ---------------------------------------------------------------- staff API

  /** Volunteers: only persons given by PersonAccessRegistry or that they registered; partners: none. */
  async canSee(actor: Actor, personId: string): Promise<boolean> {
    if (!can(actor.role, 'persons.read') || !isUuid(personId)) return false;
    const row = await repo.findPerson(this.db, actor.centerId, personId);
    if (!row || row.mergedIntoId !== null) return false;
    return PersonAccess.allows(await this.files.access(actor), row);
  }

  /**
   * Registers a person (permission persons.write). Throws 422 (fields) for bad input, an
   * unknown or ambiguous commune or a missing required consent, and PossibleDuplicateError
   * (409) when the person looks like an existing one, unless `confirmNotDuplicate: true`.
   */
  async create(actor: Actor, raw: CreateInput): Promise<PersonFile> {
    await this.files.requireFiles(actor, 'persons.write');
    const { confirmNotDuplicate, ...input } = parseOrThrow(this.schemas.create, raw);
    const communeInsee = await this.writes.resolveCommuneOrThrow(actor, input.commune, this.writes.consentErrors(input.consents, input.birthYear));
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
      await this.writes.insert(trx, actor, id, input, communeInsee);
      await audit(trx, this.ctx.clock, actor, 'create', 'person', id);
    });
    return this.files.fileOf(actor, (await repo.findPerson(this.db, actor.centerId, id))!, { all: true });
  }

  /** A person's file (permission persons.read, volunteers restricted); writes a `view` audit row. */
  async get(actor: Actor, id: string): Promise<PersonFile> {
    await this.files.requireFiles(actor, 'persons.read');
    const access = await this.files.access(actor);
    const row = await this.files.visibleRow(actor, id, access);
    await audit(this.db, this.ctx.clock, actor, 'view', 'person', row.id);
    return this.files.fileOf(actor, row, access);
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
    await this.files.requireFiles(actor, 'persons.read');
    const int = (v: number | undefined, fallback: number) => (v !== undefined && Number.isFinite(v) ? Math.trunc(v) : fallback);
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, int(query.pageSize, DEFAULT_PAGE_SIZE)));
    const from = query.cursor ? decodeCursor(query.cursor) : undefined;
    const access = await this.files.access(actor);
    const scope: repo.SearchScope = access.all ? {} : { ids: [...access.ids], createdBy: access.userId };
    const tokens = searchTokens(query.q);
    const plan = await repo.planSearch(this.db, actor.centerId, tokens);
    // A search walks the index of word beginnings, already in name order, from the position
    // (a name search matches one block of the name order, which a walk of the whole list from
    // « A » would reach late); the whole list walks the name index. The plan, made once, says
    // which range is walked and what is checked there, for the count and the page alike; a
    // search's first read carries the count (one statement). See person.repository.ts.
    // Counted up to one past the cap: beyond it the page says "more than 1,000".
    const countUpTo = COUNT_CAP + 1;
    const read = async (position?: repo.ListPosition, count?: number) =>
      tokens.length > 0
        ? repo.listMatchingPersons(this.db, actor.centerId, plan, scope, pageSize + 1, position, count)
        : { rows: await repo.listPersons(this.db, actor.centerId, tokens, scope, pageSize + 1, position), counted: undefined };
    const first = await read(from, countUpTo);
    const counted = first.counted ?? (await repo.countPersons(this.db, actor.centerId, plan, scope, countUpTo));
    const totalCapped = counted > COUNT_CAP;
    const total = Math.min(counted, COUNT_CAP);
    let rows = first.rows;
    let atStart = !from;
    if (from?.direction === 'before' && rows.length <= pageSize) {
      // Back at the beginning: show the first page whole rather than its last few rows.
      rows = (await read()).rows;
      atStart = true;
    }
    return pageOf(rows, { total, totalCapped, pageSize, atStart, backwards: from?.direction === 'before' && !atStart });
  }
  /**
   * Changes a file (permission persons.write, volunteers restricted): only the fields given
   * change; changed consents append rows; `membership` sets (object) or removes (null) the
   * current year's. Writes an `update` audit row naming the changed fields.
   */
  async update(actor: Actor, id: string, raw: PatchInput): Promise<PersonFile> {
    await this.files.requireFiles(actor, 'persons.write');
    const access = await this.files.access(actor);
    const row = await this.files.visibleRow(actor, id, access);
    if (row.erasedAt) throw conflict('people.erased');
    const patch = parseOrThrow(this.schemas.patch, raw);
    const history = await repo.listConsents(this.db, actor.centerId, row.id);
    const current = currentConsentStates(history);
    const finalConsents = Object.fromEntries(
      CONSENT_KINDS.map((k) => [k, patch.consents?.[k] ?? current[k]?.granted ?? false]),
    ) as Record<ConsentKind, boolean>;
    const birthYear = patch.birthYear === undefined ? row.birthYear : patch.birthYear;
    const ruleErrors = this.writes.consentErrors(finalConsents, birthYear);
    let communeInsee = row.communeInsee;
    if (patch.commune !== undefined) communeInsee = await this.writes.resolveCommuneOrThrow(actor, patch.commune, ruleErrors);
    else throwIfAny(ruleErrors);

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
        const householdId = await this.writes.householdFor(trx, actor.centerId, patch.household);
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

      if (patch.membership !== undefined && (await this.writes.setMembership(trx, actor.centerId, row.id, patch.membership, now))) {
        changed.push('membership');
      }
      for (const kind of CONSENT_KINDS) {
        const wanted = patch.consents?.[kind];
        if (wanted === undefined) continue;
        // Unchanged from what the form showed (never asked shows as unticked): nothing to record.
        if ((current[kind]?.granted ?? false) === wanted) continue;
        await this.writes.appendConsent(trx, actor.centerId, row.id, kind, wanted, actor.userId, now);
        changed.push(`consents.${kind}`);
      }
      if (changed.length > 0) await audit(trx, this.ctx.clock, actor, 'update', 'person', row.id, { fields: changed });
    });
    return this.files.fileOf(actor, (await repo.findPerson(this.db, actor.centerId, row.id))!, access);
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
    await this.files.requireFiles(actor, 'persons.read');
    const matches = await this.matches(actor.centerId, input, input.excludeId ? [input.excludeId] : []);
    const access = await this.files.access(actor);
    const rows = await repo.findPersons(this.db, actor.centerId, matches.map((m) => m.id));
    const visible = new Set(rows.filter((r) => PersonAccess.allows(access, r)).map((r) => r.id));
    const duplicates = matches.filter((m) => visible.has(m.id));
    return { duplicates, hiddenCount: matches.length - duplicates.length };
  }

  // ------------------------------------- merge and personal data (merge.service.ts, person-data.service.ts)

  /** Both files side by side and what the merge would keep (permission persons.merge). */
  mergePreview(actor: Actor, keepId: string, duplicateId: string): Promise<MergePreview> {
    return this.merges.mergePreview(actor, keepId, duplicateId);
  }

  /** Merges a duplicate into the kept file (permission persons.merge); see merge.service.ts. */
  merge(actor: Actor, keepId: string, duplicateId: string): Promise<PersonFile> {
    return this.merges.merge(actor, keepId, duplicateId);
  }

  /** The GDPR access export (permission persons.export); see person-data.service.ts. */
  exportData(actor: Actor, id: string): Promise<PersonExport> {
    return this.personData.exportData(actor, id);
  }

  /** Erases a person and the files merged into it (permission persons.erase); see person-data.service.ts. */
  erase(actor: Actor, id: string): Promise<void> {
    return this.personData.erase(actor, id);
  }

  /** The retention purge: erases the files inactive since the cutoff; see person-data.service.ts. */
  eraseInactive(centerId: string, cutoff: string): Promise<number> {
    return this.personData.eraseInactive(centerId, cutoff);
  }

  /** The audit entries of a file (permission audit.read: administrators). */
  async auditTrail(actor: Actor, id: string) {
    requirePermission(actor, 'audit.read');
    const row = await this.files.visibleRow(actor, id);
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
    const errors = this.writes.consentErrors(input.consents, input.birthYear);
    const resolved = await this.writes.resolveCommune(actor.centerId, input.commune);
    return 'error' in resolved ? { commune: resolved.error, ...errors } : errors;
  }

  /** Communes offered in the form: the centre's EPCI and its partner communes, by name. */
  async communeChoices(actor: Actor): Promise<Commune[]> {
    return this.writes.localCommunes(actor.centerId);
  }

  /** Prefix search over every French commune, for the form's autocomplete (staff). */
  searchCommunes(actor: Actor, q: string): Commune[] {
    requirePermission(actor, 'persons.write');
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
    const errors = this.writes.consentErrors(parsed.consents, parsed.birthYear);
    if (input.communeInsee && !communeByCode(input.communeInsee)) errors.communeInsee = 'people.commune.unknown';
    throwIfAny(errors);
    const id = newId();
    await this.writes.inTransaction(trx, async (db) => {
      await this.writes.insert(db, actor, id, { ...parsed, commune: null }, input.communeInsee || null);
      await audit(db, this.ctx.clock, actor, 'create', 'person', id);
    });
    return stripCommuneName(toSummary((await repo.findPerson(trx ?? this.db, centerId, id))!));
  }

  /**
   * The summary of a person of the actor's centre whom the actor may see (a merged id answers
   * the kept person); undefined otherwise. One read, where getSummary then canSee take two.
   */
  async visibleSummary(actor: Actor, id: string): Promise<PersonSummary | undefined> {
    if (!can(actor.role, 'persons.read')) return undefined;
    const row = await this.files.liveOrFollow(actor.centerId, id);
    if (!row || !PersonAccess.allows(await this.files.access(actor), row)) return undefined;
    return stripCommuneName(toSummary(row));
  }

  /** Identity and contacts of a person of the centre; a merged id answers the kept person. */
  async getSummary(centerId: string, id: string, trx?: Kysely<Database>): Promise<PersonSummary | undefined> {
    const row = await this.files.liveOrFollow(centerId, id, trx);
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
    const row = await this.files.liveOrFollow(centerId, personId, trx);
    if (!row) throw notFound();
    if (row.erasedAt) throw conflict('people.erased');
    await this.writes.appendConsent(trx ?? this.db, centerId, row.id, kind, granted, recordedBy ?? null, this.ctx.clock.nowIso());
  }

  /** The current state of every consent kind (never recorded = false). */
  async currentConsents(centerId: string, personId: string, trx?: Kysely<Database>): Promise<Record<ConsentKind, boolean>> {
    const row = await this.files.liveOrFollow(centerId, personId, trx);
    const states = row ? currentConsentStates(await repo.listConsents(trx ?? this.db, centerId, row.id)) : undefined;
    return Object.fromEntries(CONSENT_KINDS.map((k) => [k, states?.[k]?.granted ?? false])) as Record<ConsentKind, boolean>;
  }

  // ---------------------------------------------------------------- internals
  // ---------------------------------------------------------------- internals

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
}
