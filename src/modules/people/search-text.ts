/**
 * What the persons search compares. A person's search text is the folded words of the fields
 * one types to find them (names, phone, e-mail, commune name); its terms are those words,
 * each once, stored in person_search_terms so that a typed word is looked up as a prefix in
 * an index instead of a substring scan over every file. Folded text only holds [a-z0-9@.+]
 * and single spaces, so splitting on spaces gives the words.
 */
import { communeName } from '../../platform/communes.ts';
import { foldText } from '../../platform/text.ts';

export interface SearchableFields {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  communeInsee: string | null;
}

/** The folded text stored in persons.search_text. */
export function searchTextOf(p: SearchableFields): string {
  return foldText([p.firstName, p.lastName, p.phone, p.email, communeName(p.communeInsee)].filter(Boolean).join(' '));
}

/** The distinct words of a search text, as stored in person_search_terms. */
export function searchTermsOf(searchText: string): string[] {
  return [...new Set(searchText.split(' ').filter(Boolean))];
}
