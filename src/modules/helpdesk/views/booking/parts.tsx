/**
 * The resident's booking journey (GOV.UK question pages), one file per page in this folder:
 * what for → where → when → your details → check your answers → confirmation; and the
 * "cancel or change" pages of the signed link. Every step is a plain form. The choices travel
 * in the address; contact details never do (they are posted, then kept in a short-lived
 * signed cookie until the booking). This file: the choices so far, and what to bring.
 */
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { Site } from '../../../centre/centre.service.ts';
import type { Motif } from '../../helpdesk.model.ts';

export interface BookingState {
  motif?: Motif;
  site?: Site;
  startAt?: string;
}

export function Hidden({ state }: { state: BookingState }) {
  return (
    <>
      {state.motif && <input type="hidden" name="motif" value={state.motif.id} />}
      {state.site && <input type="hidden" name="lieu" value={state.site.id} />}
      {state.startAt && <input type="hidden" name="creneau" value={state.startAt} />}
    </>
  );
}

export function query(state: BookingState, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (state.motif) params.set('motif', state.motif.id);
  if (state.site) params.set('lieu', state.site.id);
  if (state.startAt) params.set('creneau', state.startAt);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function BringList({ ctx, text }: { ctx: ViewContext; text: string | null }) {
  const lines = (text ?? '').split(/\n+/).map((l) => l.replace(/^[-•*]\s*/, '').trim()).filter(Boolean);
  if (lines.length === 0) return <p>{ctx.t('helpdesk.public.bringDefault')}</p>;
  return (
    <ul>
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
