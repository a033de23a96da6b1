/**
 * The shapes the people module answers with (files, summaries, search pages, merge previews,
 * exports) and the possible-duplicate refusal; other modules read them through their ports.
 */
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import type { AgeBracket } from './age-bracket.ts';
import type { MergeField } from './merge-rule.ts';
import type { ConsentKind, Gender, SocialStatus } from './person.schemas.ts';

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
  /** How many match, counted up to 1,000 (see totalCapped). */
  total: number;
  /** More than `total` match: the count stopped there. */
  totalCapped: boolean;
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
