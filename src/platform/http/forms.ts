import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, type FieldErrors } from '../errors.ts';
import { t, type MessageKey, type Params } from '../i18n/index.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { redirectSeeOther, setFlash } from './request-context.ts';

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

/** How a refused change is shown beside the fields. */
export interface RefusalOptions {
  /** Statuses shown in the form besides 422 (409: changed or taken meanwhile). */
  statuses?: readonly number[];
  /** Service field names → form field names (a nested `modules.0.title` → `moduleTitle`). */
  rename?: Record<string, string>;
  /** The field that carries a refusal without fields (default `_form`, the summary's top line). */
  fallbackField?: string;
  /** Form fields in page order: the GOV.UK error summary lists them in that order. */
  order?: readonly string[];
}

/** A refusal the form shows: its status, its field errors, and the error for what else it carries. */
export interface Refusal {
  status: number;
  errors: FieldErrors;
  error: AppError;
}

/**
 * The field errors of a service's refusal (an AppError 422, or a listed status), or the error
 * thrown again when it is anything else: a 404 or a 500 is not the form's business.
 */
export function refusalOf(error: unknown, options: RefusalOptions = {}): Refusal {
  const statuses = options.statuses ?? [];
  if (!(error instanceof AppError) || (error.status !== 422 && !statuses.includes(error.status))) throw error;
  const errors: FieldErrors = {};
  for (const [key, message] of Object.entries(error.fields)) errors[options.rename?.[key] ?? key] ??= message;
  if (Object.keys(errors).length === 0) errors[options.fallbackField ?? '_form'] = error.messageKey;
  return { status: error.status, errors: options.order ? inFormOrder(errors, options.order) : errors, error };
}

/** Field errors in the order the fields appear on the page: the error summary follows it. */
export function inFormOrder(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** What a form page is drawn with after a refusal: the values as sent, the errors, the status. */
export interface FormAgain {
  values: FormValues;
  errors: FieldErrors;
  status: number;
  /** The service's error, when it refused (it may carry more, e.g. commune candidates). */
  error?: AppError;
}

/** Where a successful form goes, and the one-time message shown there. */
export interface FormDone {
  redirect: string;
  flash?: MessageKey;
  flashParams?: Params;
}

export interface FormFlow<S extends z.ZodType, R> extends RefusalOptions {
  schema: S;
  /** The change, through the service; its refusals come back into the form. */
  run: (data: z.output<S>) => Promise<R>;
  /** Draws the form again (status 422, or the refusal's). */
  render: (again: FormAgain) => Promise<FastifyReply> | FastifyReply;
  /** Where to go once the change is made. */
  done: (result: R) => FormDone;
}

/**
 * The one way a form post goes: parse the body with its schema, call the service, and either
 * draw the form again with the errors (422, GOV.UK error summary) or redirect (303) with a
 * flash. Anything but a refusal (404, 403, a crash) goes to the error handler as it is.
 */
export async function handleForm<S extends z.ZodType, R>(request: FastifyRequest, reply: FastifyReply, flow: FormFlow<S, R>): Promise<FastifyReply> {
  const values = formValues(request.body);
  const order = (errors: FieldErrors) => (flow.order ? inFormOrder(errors, flow.order) : errors);
  const parsed = parseForm(flow.schema, request.body);
  if (!parsed.ok) return flow.render({ values, errors: order(parsed.errors), status: 422 });
  let result: R;
  try {
    result = await flow.run(parsed.data);
  } catch (error) {
    const refusal = refusalOf(error, flow);
    return flow.render({ values, errors: refusal.errors, status: refusal.status, error: refusal.error });
  }
  const done = flow.done(result);
  if (done.flash) setFlash(reply, t(request.locale, done.flash, done.flashParams));
  return redirectSeeOther(reply, done.redirect);
}
