/**
 * Writing a person's rows, shared by registration, edits and the public form. Rules owned
 * here: data processing must be consented to, and a parental authorisation while the birth
 * year says the person is under 18; every consent answer is an appended row stamped with
 * CONSENT_WORDING_VERSION (an unticked parental authorisation of an adult is not recorded);
 * the commune is kept as an INSEE code, a name shared by several communes being taken as the
 * centre's own when exactly one is in its area; a household is found by its folded name or
 * created; one membership per person and year.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { currentYear } from '../../platform/clock.ts';
import { communeByCode, communeLabel, communesOfEpci, resolveCommune, type Commune } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { compareFrench, foldText } from '../../platform/text.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { ageBracket, isMinor } from './age-bracket.ts';
import { throwIfAny } from './person-helpers.ts';
import * as repo from './person.repository.ts';
import type { PersonRow } from './person.repository.ts';
import { CONSENT_KINDS, CONSENT_WORDING_VERSION, type ConsentKind, type PersonInput } from './person.schemas.ts';
import { searchTextOf } from './search-text.ts';

export class PersonWrites {
  constructor(
    private readonly ctx: AppContext,
    // The centre module owns partner communes: the form offers them besides the intercommunality.
    private readonly centre: CentreService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.kysely;
  }

  /**
   * Runs writes in the caller's transaction when given one, else in a new one. Reads inside a
   * caller's transaction must use it too: on SQLite the one connection is held by it, and a
   * read through the pool would wait for it forever.
   */
  async inTransaction(trx: Kysely<Database> | undefined, work: (db: Kysely<Database>) => Promise<void>): Promise<void> {
    if (trx) await work(trx);
    else await this.db.transaction().execute(work);
  }

  /**
   * Every answer is recorded, a refusal too (it says the question was asked), except a
   * parental authorisation left unticked for an adult: the question did not apply.
   */
  private worthRecording(kind: ConsentKind, granted: boolean, birthYear: number | null): boolean {
    return granted || kind !== 'parental_authorisation' || isMinor(birthYear, this.year());
  }

  /** This year on the calendar of Paris, by the app's clock. */
  year(): number {
    return currentYear(this.ctx.clock.now());
  }

  consentErrors(consents: Partial<Record<ConsentKind, boolean>>, birthYear: number | null): FieldErrors {
    const errors: FieldErrors = {};
    if (!consents.data_processing) errors['consents.data_processing'] = 'people.consent.data_processing.required';
    if (isMinor(birthYear, this.year()) && !consents.parental_authorisation) {
      errors['consents.parental_authorisation'] = 'people.consent.parental_authorisation.required';
    }
    return errors;
  }

  /**
   * Resolves the commune typed in the form ("Cambrai", "Cambrai (59400)", "59122"), adding
   * its error to the others so that the user sees them all at once. A name shared by several
   * French communes is taken as the centre's own when exactly one of them is in its area
   * (its intercommunality or a partner commune): "Naves" typed in Cambrai means Naves (59161).
   */
  async resolveCommuneOrThrow(actor: Actor, text: string | null, otherErrors: FieldErrors): Promise<string | null> {
    const resolved = await this.resolveCommune(actor.centerId, text);
    throwIfAny('error' in resolved ? { ...otherErrors, commune: resolved.error } : otherErrors);
    return 'code' in resolved ? resolved.code : null;
  }

  async resolveCommune(centerId: string, text: string | null): Promise<{ code: string | null } | { error: string }> {
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

  async localCommunes(centerId: string): Promise<Commune[]> {
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

  async householdFor(db: Kysely<Database>, centerId: string, name: string | null): Promise<string | null> {
    if (!name) return null;
    const folded = foldText(name);
    const existing = (await repo.listHouseholds(db, centerId)).find((h) => foldText(h.name) === folded && folded !== '');
    if (existing) return existing.id;
    const id = newId();
    await repo.insertHousehold(db, { id, centerId, name, createdAt: this.ctx.clock.nowIso() });
    return id;
  }

  /** Sets (object) or removes (null) the current year's membership; answers whether it changed. */
  async setMembership(
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

  async appendConsent(
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

  async insert(db: Kysely<Database>, actor: Actor, id: string, input: PersonInput, communeInsee: string | null): Promise<void> {
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
}
