// Persons, households, memberships and consents (src/modules/people).
import type { Generated } from 'kysely';
import type { Bool } from './bool.ts';

export interface HouseholdsTable {
  id: string;
  centerId: string;
  name: string;
  createdAt: string;
}

export interface PersonsTable {
  id: string;
  centerId: string;
  firstName: string | null;
  lastName: string | null;
  searchText: string;
  /** Folded « last name, first name »: the list's French order (see people/search-text.ts). */
  sortName: Generated<string>;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  ageBracket: string;
  communeInsee: string | null;
  householdId: string | null;
  socialStatus: string;
  gender: string;
  accessibilityNeeds: string | null;
  mergedIntoId: string | null;
  erasedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One distinct word of a live person's search text (see src/modules/people/search-text.ts). */
export interface PersonSearchTermsTable {
  centerId: string;
  personId: string;
  term: string;
}

/**
 * A beginning (1 to SEARCH_PREFIX_LENGTH characters) of a word of a live person's search text,
 * with the person's sort key: a search's page is an ordered range of this table's key.
 */
export interface PersonSearchPrefixesTable {
  centerId: string;
  prefix: string;
  /** persons.sort_name, copied so that the range is in the list's order. */
  sortName: string;
  personId: string;
}

export interface MembershipsTable {
  id: string;
  centerId: string;
  personId: string;
  year: number;
  amountCents: number | null;
  recordedAt: string;
}

export interface ConsentsTable {
  id: string;
  centerId: string;
  personId: string;
  kind: string;
  granted: Bool;
  wordingVersion: string;
  recordedAt: string;
  recordedBy: string | null;
}

export interface PeopleTables {
  households: HouseholdsTable;
  persons: PersonsTable;
  personSearchTerms: PersonSearchTermsTable;
  personSearchPrefixes: PersonSearchPrefixesTable;
  memberships: MembershipsTable;
  consents: ConsentsTable;
}
