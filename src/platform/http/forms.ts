import type { z } from 'zod';
import type { FieldErrors } from '../errors.ts';
import type { FormValues } from '../../ui/components/form.tsx';

/** Parses a submitted form with its Zod schema; answers the data or the field errors. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The submitted values as strings, to re-fill a form that came back with errors. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

const SITE = new URL('http://lieudit.invalid');

/**
 * A "return to" address after a form, accepted only when it stays on this site (no open
 * redirect). Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil`
 * means `//evil`: the value is parsed as a browser would, against a stand-in origin, and kept
 * only if it is still on that origin. Control characters are refused outright (a newline in a
 * Location header is also a 500 waiting to happen). The answer is the normalized path.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil` normalizes to `//evil`: a path that a browser would read as another host.
  return path.startsWith('//') || path.startsWith('/\\') ? fallback : path;
}
