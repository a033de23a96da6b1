/**
 * The one rule every form or API that takes a person's first or last name adds to its own
 * (required, length): a name holds at least one letter, so « ! » or « 123 » is refused as a
 * typing slip instead of becoming a person nobody can find again. Letters of every script count
 * (« Ævar », « Zoë », « Łukasz »). An empty value is left to the caller's own rule.
 */
import type { z } from 'zod';

export const NAME_WITHOUT_LETTER = 'errors.nameWithoutLetter';

export function containsLetter(value: string): boolean {
  return /\p{L}/u.test(value);
}

/** The schema, refusing a non-empty name without a letter. */
export function withLetter<S extends z.ZodType<string | null | undefined>>(schema: S): S {
  return schema.refine((value) => !value || containsLetter(value), { error: NAME_WITHOUT_LETTER });
}
