/**
 * What a merge keeps: the file the user started from wins; each of its empty fields is
 * filled from the duplicate. "Empty" for the national vocabularies means non_communique.
 * Pure, so that the check page shows exactly what the merge will do.
 */
export interface MergeablePerson {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  communeInsee: string | null;
  householdId: string | null;
  socialStatus: string;
  gender: string;
  accessibilityNeeds: string | null;
}

export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'birthYear',
  'communeInsee',
  'householdId',
  'socialStatus',
  'gender',
  'accessibilityNeeds',
] as const satisfies readonly (keyof MergeablePerson)[];
export type MergeField = (typeof MERGE_FIELDS)[number];

function isEmpty(field: MergeField, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  return (field === 'socialStatus' || field === 'gender') && value === 'non_communique';
}

export function mergeResult<T extends MergeablePerson>(keep: T, duplicate: MergeablePerson): { result: T; filled: MergeField[] } {
  const result = { ...keep };
  const filled: MergeField[] = [];
  for (const field of MERGE_FIELDS) {
    if (isEmpty(field, keep[field]) && !isEmpty(field, duplicate[field])) {
      (result as MergeablePerson)[field] = duplicate[field] as never;
      filled.push(field);
    }
  }
  return { result, filled };
}
