import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/communes.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { refusalOf } from '../../../platform/http/forms.ts';
import { setFlash } from '../../../platform/http/request-context.ts';
import { t, type MessageKey, type Params } from '../../../platform/i18n/index.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { AmbiguousCommuneError, type Site, type StaffMember } from '../centre.service.ts';

/** A service refusal that belongs beside a field: the form comes back with it. */
interface Refusal {
  errors: FieldErrors;
  communeCandidates?: Commune[];
}

/**
 * Runs a change; answers the refusal (the shared `refusalOf`, a duplicate's 409 included) when
 * the service rejected a field, rethrows anything else.
 */
export async function attempt<T>(change: () => Promise<T>): Promise<{ ok: true; value: T } | ({ ok: false } & Refusal)> {
  try {
    return { ok: true, value: await change() };
  } catch (error) {
    if (!(error instanceof AppError) || Object.keys(error.fields).length === 0) throw error;
    const refusal = refusalOf(error, { statuses: [error.status] });
    return { ok: false, errors: refusal.errors, communeCandidates: candidatesOf(refusal.error) };
  }
}

/** The communes a refused commune could be, offered as choices beside the field. */
// Every refusal a centre form shows beside its fields (a duplicate, 409, included) answers 422, as it always has.
export const candidatesOf = (error: AppError | undefined): Commune[] | undefined =>
  error instanceof AmbiguousCommuneError ? error.candidates : undefined;

export const refused = (errors: FieldErrors): { ok: false } & Refusal => ({ ok: false, errors });

export function flash(request: FastifyRequest, reply: FastifyReply, key: MessageKey, params?: Params): void {
  setFlash(reply, t(request.locale, key, params));
}

export function siteValues(site: Site): FormValues {
  return {
    name: site.name,
    kind: site.kind,
    address: site.address ?? '',
    commune: site.communeInsee ?? '',
    accessibility: site.accessibility ?? '',
  };
}

export function staffValues(member: StaffMember): FormValues {
  return { displayName: member.displayName, role: member.role, partnerCommuneInsee: member.partnerCommuneInsee ?? '' };
}
