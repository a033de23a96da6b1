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

/**
 * How many first characters of a word person_search_prefixes holds. A typed word that long or
 * shorter is one ordered range of that table; a longer one reads the range of its first
 * characters and checks each person's words. 5 characters: « lefev » holds the Lefèvre only
 * (« lefe » also every Lefebvre, read and refused first), for about 21 rows a person. The
 * migration that filled the table copied this rule: change it and add one that refills it.
 */
export const SEARCH_PREFIX_LENGTH = 5;

/** The distinct beginnings (1 to SEARCH_PREFIX_LENGTH characters) of the words of a search text. */
export function searchPrefixesOf(searchText: string): string[] {
  const prefixes = new Set<string>();
  for (const word of searchTermsOf(searchText)) {
    for (let n = 1; n <= Math.min(SEARCH_PREFIX_LENGTH, word.length); n++) prefixes.add(word.slice(0, n));
  }
  return [...prefixes];
}

// Between the last and the first name in a sort key: below every character of folded text
// (space included), so that all the « Dupont » come before « Dupont-Aignan ».
const SORT_SEPARATOR = '\u0001';

/**
 * The key the persons list is ordered by (persons.sort_name): folded last name, then folded
 * first name, so that « Émile » sorts with « Emile » and case is ignored; compared byte by byte
 * on both dialects. A file without a name (erased) has an empty key. The migration that added
 * the column uses this function too: change it and add a migration that recomputes the keys.
 */
export function sortNameOf(p: { firstName: string | null; lastName: string | null }): string {
  const last = foldText(p.lastName ?? '');
  const first = foldText(p.firstName ?? '');
  return last || first ? `${last}${SORT_SEPARATOR}${first}` : '';
}
