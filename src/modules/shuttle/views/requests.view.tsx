/** Staff pages of the navette's visit requests: the list, the phone form, one request. */
import type { ComponentChildren } from 'preact';
import { can } from '../../../platform/auth/roles.ts';
import { communeName } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { MEDIATION_THEMES } from '../../../platform/vocab/mediation.ts';
import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatDateTime, formatWallTime } from '../../../ui/format.ts';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { WINDOW_ROWS } from '../shuttle.schemas.ts';
import { URGENCIES } from '../shuttle.vocab.ts';
import type { TourHeader } from '../tour.service.ts';
import type { PersonSummary, RequestView } from '../visit-request.service.ts';
import { PinMap } from './map.tsx';
import { StatusTag, UrgencyTag, dayLabel, str, tk } from './parts.tsx';

function RequestTable({ ctx, rows }: { ctx: ViewContext; rows: RequestView[] }) {
  const { t } = ctx;
  return (
    <table>
      <TableHead ctx={ctx} columns={[t('shuttle.col.person'), t('shuttle.col.commune'), t('shuttle.col.theme'), t('shuttle.col.urgency'), t('shuttle.col.received'), t('shuttle.col.status')]} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <a href={`/navette/demandes/${r.id}`}>{r.personName || t('shuttle.request.noName')}</a>
            </td>
            <td>{communeName(r.communeInsee)}</td>
            <td>{t(tk('vocab.mediationTheme', r.theme))}</td>
            <td>
              <UrgencyTag ctx={ctx} urgency={r.urgency} />
            </td>
            <td>{formatDateTime(r.createdAt)}</td>
            <td>
              <StatusTag ctx={ctx} prefix="shuttle.status" status={r.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RequestsPage({ ctx, pending, planned, tours }: { ctx: ViewContext; pending: RequestView[]; planned: RequestView[]; tours: TourHeader[] }) {
  const { t } = ctx;
  const plan = can(ctx.actor!.role, 'shuttle.plan');
  return (
    <Layout ctx={ctx} title={t('shuttle.home.title')}>
      <h1>{t('shuttle.home.title')}</h1>
      <p class="lead">{t('shuttle.home.lead')}</p>
      <div class="button-row">
        <a class="button" href="/navette/demandes/nouvelle">{t('shuttle.home.new')}</a>
        {plan && <a class="button secondary" href="/navette/planifier">{t('shuttle.home.plan')}</a>}
        {plan && <a class="button secondary" href="/navette/planifier-semaine">{t('shuttle.home.planWeek')}</a>}
      </div>
      <section>
        <h2>{t('shuttle.home.tours')}</h2>
        {tours.length === 0 ? (
          <p>{t('shuttle.home.noTours')}</p>
        ) : (
          <ul>
            {tours.map((tour) => (
              <li key={tour.id}>
                <a href={`/navette/tournees/${tour.id}`}>{dayLabel(tour.date)}</a> <StatusTag ctx={ctx} prefix="shuttle.tourStatus" status={tour.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t('shuttle.home.pending', { count: pending.length })}</h2>
        {pending.length === 0 ? <p>{t('shuttle.home.noPending')}</p> : <RequestTable ctx={ctx} rows={pending} />}
      </section>
      {planned.length > 0 && (
        <section>
          <h2>{t('shuttle.home.planned', { count: planned.length })}</h2>
          <RequestTable ctx={ctx} rows={planned} />
        </section>
      )}
      {pending.length + planned.length > 0 && <ExportLinks ctx={ctx} href="/navette" />}
    </Layout>
  );
}

const personName = (p: PersonSummary) => [p.firstName, p.lastName].filter(Boolean).join(' ');

function WindowRows({ ctx, values, errors }: { ctx: ViewContext; values: FormValues; errors: Record<string, string> }) {
  const { t } = ctx;
  const days = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(tk('shuttle.weekday', d)) }));
  return (
    <fieldset class="field window-rows">
      <legend>{t('shuttle.form.availability')}</legend>
      <p class="hint">{t('shuttle.form.availabilityHint')}</p>
      {Array.from({ length: WINDOW_ROWS }, (_, i) => i + 1).map((n) => (
        <div class="window-row" key={n}>
          <SelectField ctx={ctx} name={`weekday${n}`} label={t('shuttle.form.weekday', { n })} placeholder={t('shuttle.form.noDay')} value={str(values[`weekday${n}`])} choices={days} error={errors[`weekday${n}`]} />
          <TextField ctx={ctx} name={`from${n}`} type="time" width="short" label={t('shuttle.form.from', { n })} value={str(values[`from${n}`])} error={errors[`from${n}`]} />
          <TextField ctx={ctx} name={`to${n}`} type="time" width="short" label={t('shuttle.form.to', { n })} value={str(values[`to${n}`])} error={errors[`to${n}`]} />
        </div>
      ))}
    </fieldset>
  );
}

/** The request's own fields, shared by a new request and its correction. */
function RequestFields({ ctx, values, errors, geocoder }: { ctx: ViewContext; values: FormValues; errors: Record<string, string>; geocoder?: boolean }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} name="commune" width="medium" label={t('shuttle.form.commune')} hint={t('shuttle.form.communeHint')} value={str(values.commune)} error={errors.commune} />
      <TextField ctx={ctx} name="address" label={t('shuttle.form.address')} optional value={str(values.address)} error={errors.address} />
      <fieldset class="field">
        <legend>{t('shuttle.form.pin')}</legend>
        <p class="hint">{t(geocoder ? 'shuttle.form.pinHintGeocoder' : 'shuttle.form.pinHint')}</p>
        <div class="window-row">
          <TextField ctx={ctx} name="latitude" width="medium" inputmode="text" optional label={t('shuttle.form.latitude')} value={str(values.latitude)} error={errors.latitude} />
          <TextField ctx={ctx} name="longitude" width="medium" inputmode="text" optional label={t('shuttle.form.longitude')} value={str(values.longitude)} error={errors.longitude} />
        </div>
        <PinMap ctx={ctx} />
      </fieldset>
      <TextArea ctx={ctx} name="problem" rows={3} label={t('shuttle.form.problem')} hint={t('shuttle.form.problemHint')} value={str(values.problem)} error={errors.problem} />
      <SelectField ctx={ctx} name="theme" label={t('shuttle.form.theme')} placeholder="" value={str(values.theme) || 'prendre_en_main_du_materiel'} choices={MEDIATION_THEMES.map((m) => ({ value: m, label: t(tk('vocab.mediationTheme', m)) }))} error={errors.theme} />
      <ChoiceGroup ctx={ctx} name="urgency" type="radio" inline legend={t('shuttle.form.urgency')} value={str(values.urgency) || 'normale'} choices={URGENCIES.map((u) => ({ value: u, label: t(tk('shuttle.urgency', u)) }))} error={errors.urgency} />
      <WindowRows ctx={ctx} values={values} errors={errors} />
      <TextArea ctx={ctx} name="notes" rows={2} optional label={t('shuttle.form.notes')} hint={t('shuttle.form.notesHint')} value={str(values.notes)} error={errors.notes} />
      <TextField ctx={ctx} name="durationMinutes" width="short" inputmode="numeric" label={t('shuttle.form.duration')} hint={t('shuttle.form.durationHint')} value={str(values.durationMinutes) || '45'} error={errors.durationMinutes} />
    </>
  );
}

export interface EditRequestData {
  request: RequestView;
  values: FormValues;
  errors?: FieldErrors;
  geocoder?: boolean;
}

/** A waiting request corrected: the same fields, the person fixed. */
export function EditRequestPage({ ctx, data }: { ctx: ViewContext; data: EditRequestData }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, data.errors ?? {});
  const title = t('shuttle.edit.title', { name: data.request.personName || t('shuttle.request.noName') });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/navette/demandes/${data.request.id}`}>
      <h1>{title}</h1>
      <p class="lead">{t('shuttle.edit.lead')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/navette/demandes/${data.request.id}/modifier`}>
        <input type="hidden" name="personId" value={data.request.personId} />
        <RequestFields ctx={ctx} values={data.values} errors={e} geocoder={data.geocoder} />
        <button type="submit">{t('shuttle.edit.submit')}</button>
      </Form>
    </Layout>
  );
}

/**
 * A saved request as its form's values (to correct it). Only a pin placed by staff comes back
 * in the pin fields: a position found from the address is searched again from the address as
 * corrected.
 */
export function requestFormValues(request: RequestView): FormValues {
  const pinned = request.locationSource === 'pin' && request.location;
  const values: FormValues = {
    commune: request.communeInsee,
    address: request.address ?? '',
    latitude: pinned ? String(pinned[1]) : '',
    longitude: pinned ? String(pinned[0]) : '',
    problem: request.problem,
    theme: request.theme,
    urgency: request.urgency,
    notes: request.notes ?? '',
    durationMinutes: String(request.durationMinutes),
  };
  request.availability.forEach((w, i) => {
    values[`weekday${i + 1}`] = String(w.weekday);
    values[`from${i + 1}`] = w.from;
    values[`to${i + 1}`] = w.to;
  });
  return values;
}

export interface NewRequestData {
  q: string;
  results: PersonSummary[] | null;
  values: FormValues;
  errors?: FieldErrors;
  /** An address search is configured (GEOCODER_URL): the pin is optional in another way. */
  geocoder?: boolean;
}

export function NewRequestPage({ ctx, data }: { ctx: ViewContext; data: NewRequestData }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, data.errors ?? {});
  const v = data.values;
  const title = t('shuttle.form.title');
  const found = data.results && data.results.length > 0;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref="/navette">
      <h1>{title}</h1>
      <p class="lead">{t('shuttle.form.lead')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action="/navette/demandes/nouvelle" method="get">
        <div class="search-row">
          <TextField ctx={ctx} name="q" type="search" label={t('shuttle.form.search')} hint={t('shuttle.form.searchHint')} value={data.q} />
          <button type="submit" class="secondary">{t('common.search')}</button>
        </div>
      </Form>
      {data.results && !found && (
        <p>
          {t('shuttle.form.noResults')} <a href="/personnes/nouvelle">{t('shuttle.form.newPerson')}</a>
        </p>
      )}
      {!found && e.personId && <p class="field-error" id="champ-personId">{e.personId}</p>}
      {found && (
        <Form ctx={ctx} action={`/navette/demandes/nouvelle?q=${encodeURIComponent(data.q)}`}>
          <ChoiceGroup ctx={ctx} name="personId" type="radio" legend={t('shuttle.form.person')} value={str(v.personId)} choices={data.results!.map((p) => ({ value: p.id, label: personName(p) || '—', hint: p.phone ?? undefined }))} error={e.personId} />
          <RequestFields ctx={ctx} values={v} errors={e} geocoder={data.geocoder} />
          <button type="submit">{t('shuttle.form.submit')}</button>
        </Form>
      )}
    </Layout>
  );
}

/** Where the home is, and who said so (staff, or the address search with its score). */
function pinText(ctx: ViewContext, request: RequestView): string {
  if (!request.location) return ctx.t('shuttle.request.noPin');
  const [lon, lat] = request.location.map((n) => String(n).replace('.', ','));
  if (request.locationSource === 'geocoder') return ctx.t('shuttle.request.pinGeocoded', { lat, lon, score: Math.round((request.geocodeScore ?? 0) * 100) });
  return ctx.t('shuttle.request.pinByStaff', { lat, lon });
}

export function RequestPage({ ctx, request, tours }: { ctx: ViewContext; request: RequestView; tours: TourHeader[] }) {
  const { t } = ctx;
  const title = t('shuttle.request.title', { name: request.personName || t('shuttle.request.noName') });
  const row = (label: string, value: ComponentChildren) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <Layout ctx={ctx} title={title} backHref="/navette">
      <h1>{title}</h1>
      <p class="lead">
        <StatusTag ctx={ctx} prefix="shuttle.status" status={request.status} /> <UrgencyTag ctx={ctx} urgency={request.urgency} />
      </p>
      <dl class="summary">
        {row(t('shuttle.col.phone'), request.phone ? <a href={`tel:${request.phone.replace(/\s/g, '')}`}>{request.phone}</a> : '—')}
        {row(t('shuttle.form.address'), [request.address, communeName(request.communeInsee)].filter(Boolean).join(', '))}
        {row(t('shuttle.form.pin'), pinText(ctx, request))}
        {row(t('shuttle.form.problem'), request.problem)}
        {row(t('shuttle.form.theme'), t(tk('vocab.mediationTheme', request.theme)))}
        {row(
          t('shuttle.form.availability'),
          <ul>
            {request.availability.map((w, i) => (
              <li key={i}>{t('shuttle.request.window', { day: t(tk('shuttle.weekday', w.weekday)), from: formatWallTime(w.from), to: formatWallTime(w.to) })}</li>
            ))}
          </ul>,
        )}
        {row(t('shuttle.form.notes'), request.notes ?? '—')}
        {row(t('shuttle.form.duration'), t('shuttle.request.minutes', { count: request.durationMinutes }))}
        {row(t('shuttle.col.received'), formatDateTime(request.createdAt))}
      </dl>
      {tours.length > 0 && (
        <section>
          <h2>{t('shuttle.request.tours')}</h2>
          <ul>
            {tours.map((tour) => (
              <li key={tour.id}>
                <a href={`/navette/tournees/${tour.id}`}>{dayLabel(tour.date)}</a> <StatusTag ctx={ctx} prefix="shuttle.tourStatus" status={tour.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="button-row">
        {request.status === 'planned' && <a class="button" href={`/navette/demandes/${request.id}/visite`}>{t('shuttle.road.report')}</a>}
        {request.status === 'pending' && (
          <a class="button secondary" href={`/navette/demandes/${request.id}/modifier`}>{t('shuttle.request.edit')}</a>
        )}
        {request.status === 'pending' && (
          <Form ctx={ctx} action={`/navette/demandes/${request.id}/annuler`}>
            <button type="submit" class="secondary">{t('shuttle.request.cancel')}</button>
          </Form>
        )}
      </div>
    </Layout>
  );
}
