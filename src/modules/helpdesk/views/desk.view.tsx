/** The staff side of the help desk: the day, one appointment, booking by phone, the week, a person's history. */
import { LandlineWarning, PhoneLink } from '../../../ui/components/contact.tsx';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatPhone } from '../../../platform/text.ts';
import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Site } from '../../centre/centre.service.ts';
import type { PersonListItem, PersonSummary } from '../../people/person.service.ts';
import { formatDay, formatRange, formatSlot, formatTime } from '../helpdesk.format.ts';
import type { Accompaniment, DayView, DeskAppointment, Motif, PersonHistory, PublicSlot, RateRow, WeekView } from '../helpdesk.model.ts';
import { OUTCOMES } from '../helpdesk.vocab.ts';
import { addDays, parisDate } from '../../../platform/time.ts';
import { SlotButtons } from './booking.view.tsx';
import { capitalize, HelpdeskNav, personName, StatusTag } from './parts.tsx';
import { TableHead } from '../../../ui/components/table.tsx';

function AppointmentRows({ ctx, list, withDate, showSite = true }: { ctx: ViewContext; list: DeskAppointment[]; withDate?: boolean; showSite?: boolean }) {
  const { t } = ctx;
  return (
    <table class="responsive">
      <TableHead ctx={ctx} columns={[t('helpdesk.day.time'), t('helpdesk.day.person'), t('helpdesk.day.phone'), t('helpdesk.day.need'), t('helpdesk.day.status')]} actions />
      <tbody>
        {list.map((a) => (
          <tr key={a.id}>
            <td data-label={t('helpdesk.day.time')}>
              {withDate ? formatDateTime(a.startAt, ctx.locale) : formatRange(a.startAt, a.endAt)}
              {showSite && a.siteName && <span class="hint block">{a.siteName}</span>}
            </td>
            <td data-label={t('helpdesk.day.person')}>{personName(ctx, a.person)}</td>
            <td data-label={t('helpdesk.day.phone')}>
              {a.person?.phone ? <PhoneLink phone={a.person.phone} /> : '—'}
            </td>
            <td data-label={t('helpdesk.day.need')}>
              {a.motifName}
              {a.note && <span class="hint block">{a.note}</span>}
            </td>
            <td data-label={t('helpdesk.day.status')}>
              <StatusTag ctx={ctx} appointment={a} />
            </td>
            <td>
              <a href={`/permanences/rendez-vous/${a.id}`}>
                {a.kind === 'drop_in' && !a.outcome ? t('helpdesk.day.receive') : t('helpdesk.day.open')}
                <span class="visually-hidden"> : {personName(ctx, a.person)}, {formatTime(a.startAt)}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DayPage({
  ctx,
  day,
  sites,
  motifs,
  errors = {},
  values = {},
}: {
  ctx: ViewContext;
  day: DayView;
  sites: Site[];
  motifs: Motif[];
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { t } = ctx;
  const title = t('helpdesk.day.title', { date: formatDay(`${day.date}T12:00:00Z`, ctx.now, ctx.locale) });
  const site = day.siteId ? `&lieu=${day.siteId}` : '';
  const siteChoices = sites.map((s) => ({ value: s.id, label: s.name }));
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <Form ctx={ctx} action="/permanences" method="get">
        <div class="search-row">
          <TextField ctx={ctx} name="date" type="date" label={t('helpdesk.day.date')} value={day.date} width="medium" />
          <SelectField ctx={ctx} name="lieu" label={t('helpdesk.day.site')} value={day.siteId ?? ''} choices={siteChoices} placeholder={t('helpdesk.day.allSites')} />
          <button type="submit" class="secondary">
            {t('helpdesk.day.show')}
          </button>
        </div>
      </Form>
      <p class="button-row">
        <a href={`/permanences?date=${addDays(day.date, -1)}${site}`}>{t('helpdesk.day.previous')}</a>
        <a href={`/permanences?date=${addDays(day.date, 1)}${site}`}>{t('helpdesk.day.next')}</a>
      </p>

      {day.toClose.length > 0 && (
        <section class="panel" aria-labelledby="a-cloturer">
          <h2 id="a-cloturer">{t('helpdesk.day.toClose')}</h2>
          <p class="hint">{t('helpdesk.day.toCloseHint')}</p>
          <AppointmentRows ctx={ctx} list={day.toClose} withDate />
        </section>
      )}

      <h2>{t('helpdesk.day.appointments')}</h2>
      {day.appointments.length === 0 ? <p>{t('helpdesk.day.noAppointments')}</p> : <AppointmentRows ctx={ctx} list={day.appointments} />}

      <h2>{t('helpdesk.day.dropIns')}</h2>
      {day.dropIns.length === 0 ? <p>{t('helpdesk.day.noDropIns')}</p> : <AppointmentRows ctx={ctx} list={day.dropIns} />}
      <section class="panel" aria-labelledby="noter-passage">
        <h3 id="noter-passage">{t('helpdesk.dropIn.title')}</h3>
        <p class="hint">{t('helpdesk.dropIn.hint')}</p>
        <Form ctx={ctx} action="/permanences/passages">
          <SelectField
            ctx={ctx}
            name="siteId"
            label={t('helpdesk.dropIn.site')}
            value={(values.siteId as string) ?? day.siteId ?? (sites.length === 1 ? sites[0]!.id : '')}
            choices={siteChoices}
            placeholder={t('helpdesk.dropIn.chooseSite')}
            error={errors.siteId}
          />
          <SelectField
            ctx={ctx}
            name="motifId"
            label={t('helpdesk.dropIn.motif')}
            value={(values.motifId as string) ?? ''}
            choices={motifs.map((m) => ({ value: m.id, label: m.name }))}
            placeholder={t('helpdesk.dropIn.chooseMotif')}
            error={errors.motifId}
          />
          <TextField ctx={ctx} name="note" label={t('helpdesk.dropIn.note')} value={(values.note as string) ?? ''} error={errors.note} optional />
          <button type="submit">{t('helpdesk.dropIn.submit')}</button>
        </Form>
      </section>
    </Layout>
  );
}

export function AppointmentPage({
  ctx,
  appointment: a,
  record,
  canManage,
  errors = {},
}: {
  ctx: ViewContext;
  appointment: DeskAppointment;
  record: Accompaniment | null;
  canManage: boolean;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const started = Date.parse(a.startAt) <= ctx.now.getTime();
  const title = t(a.kind === 'drop_in' ? 'helpdesk.appointment.dropInTitle' : 'helpdesk.appointment.title', { date: formatSlot(a.startAt, ctx.locale, ctx.now) });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0} backHref={`/permanences?date=${parisDate(a.startAt)}`}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{capitalize(title)}</h1>
      <p>
        <StatusTag ctx={ctx} appointment={a} />
      </p>
      <dl class="summary">
        <dt>{t('helpdesk.appointment.person')}</dt>
        <dd>
          {personName(ctx, a.person)}
          {a.personId && (
            <a class="block" href={`/permanences/personnes/${a.personId}`}>
              {t('helpdesk.appointment.personFile')}
            </a>
          )}
        </dd>
        {a.person?.phone && (
          <>
            <dt>{t('helpdesk.appointment.phone')}</dt>
            <dd>
              <PhoneLink phone={a.person.phone} />
            </dd>
          </>
        )}
        {a.person?.email && (
          <>
            <dt>{t('helpdesk.appointment.email')}</dt>
            <dd>{a.person.email}</dd>
          </>
        )}
        <dt>{t('helpdesk.appointment.motif')}</dt>
        <dd>{a.motifName}</dd>
        <dt>{t('helpdesk.appointment.place')}</dt>
        <dd>{a.siteName}</dd>
        <dt>{t('helpdesk.appointment.when')}</dt>
        <dd>
          {capitalize(formatDay(a.startAt, ctx.now, ctx.locale))}, {formatRange(a.startAt, a.endAt)}
        </dd>
        {a.note && (
          <>
            <dt>{t('helpdesk.appointment.note')}</dt>
            <dd>{a.note}</dd>
          </>
        )}
        {a.whatToBring && a.kind === 'appointment' && (
          <>
            <dt>{t('helpdesk.appointment.bring')}</dt>
            <dd class="pre-line">{a.whatToBring}</dd>
          </>
        )}
        <dt>{t('helpdesk.appointment.channel')}</dt>
        <dd>{t(`helpdesk.channel.${a.channel}` as MessageKey)}</dd>
        {a.cancelledAt && (
          <>
            <dt>{t('helpdesk.appointment.status')}</dt>
            <dd>{t(a.cancelledBy === 'person' ? 'helpdesk.appointment.cancelledBy.person' : 'helpdesk.appointment.cancelledBy.staff', { date: formatDateTime(a.cancelledAt, ctx.locale) })}</dd>
          </>
        )}
      </dl>

      {a.status === 'booked' && !started && (
        <>
          <p class="hint">{t('helpdesk.appointment.notYet')}</p>
          {canManage && (
            <div class="button-row">
              {a.kind === 'appointment' && (
                <a class="button secondary" href={`/permanences/rendez-vous/${a.id}/deplacer`}>
                  {t('helpdesk.appointment.move')}
                </a>
              )}
              <Form ctx={ctx} action={`/permanences/rendez-vous/${a.id}/annuler`}>
                <button type="submit" class="danger">
                  {t('helpdesk.appointment.cancel')}
                </button>
              </Form>
            </div>
          )}
        </>
      )}

      {a.status === 'booked' && started && !record && (
        <section class="panel" aria-labelledby="suivi">
          <h2 id="suivi">{t('helpdesk.appointment.outcomeQuestion')}</h2>
          <Form ctx={ctx} action={`/permanences/rendez-vous/${a.id}/issue`}>
            <ChoiceGroup
              ctx={ctx}
              name="outcome"
              type="radio"
              legend={t('helpdesk.appointment.outcomeQuestion')}
              hint={t('helpdesk.appointment.outcomeHint')}
              value={a.outcome ?? ''}
              error={errors.outcome}
              inline
              choices={OUTCOMES.map((o) => ({ value: o, label: t(`helpdesk.outcome.${o}`) }))}
            />
            <button type="submit">{t('helpdesk.appointment.outcomeSubmit')}</button>
          </Form>
          {a.outcome !== 'excused' && a.outcome !== 'no_show' && (
            <p>
              <a class="button" href={`/permanences/rendez-vous/${a.id}/compte-rendu`}>
                {t('helpdesk.appointment.record')}
              </a>
            </p>
          )}
        </section>
      )}

      {record && (
        <section aria-labelledby="compte-rendu">
          <h2 id="compte-rendu">{t('helpdesk.appointment.recordTitle')}</h2>
          <RecordSummary ctx={ctx} record={record} />
        </section>
      )}
      {a.personId && (record?.followUp || a.outcome === 'seen') && (
        <p>
          <a class="button secondary" href={`/permanences/rendez-vous/nouveau?personne=${a.personId}&motif=${a.motifId}`}>
            {t('helpdesk.appointment.followUp')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function RecordSummary({ ctx, record }: { ctx: ViewContext; record: Accompaniment }) {
  const { t } = ctx;
  return (
    <dl class="summary">
      <dt>{t('helpdesk.record.duration')}</dt>
      <dd>{record.durationMinutes}</dd>
      <dt>{t('helpdesk.record.placeType')}</dt>
      <dd>{t(`helpdesk.place.${record.placeType}` as MessageKey)}</dd>
      <dt>{t('helpdesk.record.equipment')}</dt>
      <dd>{record.equipment.map((e) => t(`helpdesk.equipment.${e}` as MessageKey)).join(', ')}</dd>
      <dt>{t('helpdesk.record.themes')}</dt>
      <dd>{record.themes.map((e) => t(`helpdesk.theme.${e}` as MessageKey)).join(', ')}</dd>
      {record.procedureCategory && (
        <>
          <dt>{t('helpdesk.record.procedureCategory')}</dt>
          <dd>{t(`helpdesk.category.${record.procedureCategory}` as MessageKey)}</dd>
        </>
      )}
      <dt>{t('helpdesk.record.autonomy')}</dt>
      <dd>{t(`helpdesk.autonomy.${record.autonomy}` as MessageKey)}</dd>
      <dt>{t('helpdesk.record.redirected')}</dt>
      <dd>
        {record.redirected ? t('helpdesk.record.yes') : t('helpdesk.record.no')}
        {record.redirectStructure && ` – ${t(`helpdesk.redirect.${record.redirectStructure}` as MessageKey)}`}
      </dd>
      <dt>{t('helpdesk.record.followUp')}</dt>
      <dd>{record.followUp ? t('helpdesk.record.yes') : t('helpdesk.record.no')}</dd>
      {record.details && (
        <>
          <dt>{t('helpdesk.record.details')}</dt>
          <dd class="pre-line">{record.details}</dd>
        </>
      )}
    </dl>
  );
}

export function MoveAppointmentPage({
  ctx,
  appointment,
  slots,
  error,
}: {
  ctx: ViewContext;
  appointment: DeskAppointment;
  slots: PublicSlot[];
  error?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.appointment.moveTitle')} hasErrors={Boolean(error)} backHref={`/permanences/rendez-vous/${appointment.id}`}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={error ? { creneau: error } : {}} />
      <h1 id="champ-creneau">{t('helpdesk.appointment.moveTitle')}</h1>
      <p>
        {personName(ctx, appointment.person)} · {appointment.motifName} · {appointment.siteName}
      </p>
      <p>{t('helpdesk.public.moveCurrent', { date: formatSlot(appointment.startAt, ctx.locale, ctx.now) })}</p>
      {slots.length === 0 ? (
        <p>{t('helpdesk.book.noSlots')}</p>
      ) : (
        <Form ctx={ctx} action={`/permanences/rendez-vous/${appointment.id}/deplacer`}>
          <SlotButtons ctx={ctx} slots={slots} />
        </Form>
      )}
    </Layout>
  );
}

export interface StaffBookState {
  person: PersonSummary | null;
  newPerson: boolean;
  q: string;
  matches: PersonListItem[] | null;
  motifs: Motif[];
  sites: Site[];
  motifId: string;
  siteId: string;
  slots: PublicSlot[] | null;
}

export function StaffBookPage({ ctx, s, values = {}, errors = {} }: { ctx: ViewContext; s: StaffBookState; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const base = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (s.person) params.set('personne', s.person.id);
    else if (s.newPerson) params.set('personne', 'nouvelle');
    if (s.motifId) params.set('motif', s.motifId);
    if (s.siteId) params.set('lieu', s.siteId);
    for (const [k, val] of Object.entries(extra)) params.set(k, val);
    return `/permanences/rendez-vous/nouveau?${params.toString()}`;
  };
  const chosen = s.person !== null || s.newPerson;
  return (
    <Layout ctx={ctx} title={t('helpdesk.book.title')} hasErrors={Object.keys(errors).length > 0}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('helpdesk.book.title')}</h1>

      <h2>{t('helpdesk.book.forWhom')}</h2>
      {s.person ? (
        <>
          <p>
            <strong>{personName(ctx, s.person)}</strong>
            {s.person.phone && ` · ${formatPhone(s.person.phone)}`} · <a href={base({ personne: '' })}>{t('helpdesk.book.otherPerson')}</a>
          </p>
          <LandlineWarning ctx={ctx} phone={s.person.phone} />
        </>
      ) : s.newPerson ? (
        <p>
          <strong>{t('helpdesk.book.newPerson')}</strong> · <a href={base({ personne: '' })}>{t('helpdesk.book.otherPerson')}</a>
        </p>
      ) : (
        <>
          <Form ctx={ctx} action="/permanences/rendez-vous/nouveau" method="get">
            {s.motifId && <input type="hidden" name="motif" value={s.motifId} />}
            {s.siteId && <input type="hidden" name="lieu" value={s.siteId} />}
            <div class="search-row">
              <TextField ctx={ctx} name="q" type="search" label={t('helpdesk.book.search')} value={s.q} />
              <button type="submit" class="secondary">
                {t('helpdesk.book.searchSubmit')}
              </button>
            </div>
          </Form>
          {s.matches && s.matches.length === 0 && <p>{t('helpdesk.book.noMatch')}</p>}
          {s.matches && s.matches.length > 0 && (
            <ul class="plain-list">
              {s.matches.map((p) => (
                <li key={p.id}>
                  {personName(ctx, p)}
                  {p.phone && ` · ${formatPhone(p.phone)}`}{' '}
                  <a href={base({ personne: p.id })}>
                    {t('helpdesk.book.choose')}
                    <span class="visually-hidden"> {personName(ctx, p)}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={base({ personne: 'nouvelle' })}>{t('helpdesk.book.newPerson')}</a>
          </p>
        </>
      )}

      {chosen && (
        <>
          <Form ctx={ctx} action="/permanences/rendez-vous/nouveau" method="get">
            <input type="hidden" name="personne" value={s.person?.id ?? 'nouvelle'} />
            <div class="search-row">
              <SelectField
                ctx={ctx}
                name="motif"
                label={t('helpdesk.book.motif')}
                value={s.motifId}
                choices={s.motifs.map((m) => ({ value: m.id, label: m.name }))}
                placeholder=""
              />
              <SelectField ctx={ctx} name="lieu" label={t('helpdesk.book.site')} value={s.siteId} choices={s.sites.map((x) => ({ value: x.id, label: x.name }))} placeholder="" />
              <button type="submit" class="secondary">
                {t('helpdesk.book.showSlots')}
              </button>
            </div>
          </Form>
          {s.slots && (
            <Form ctx={ctx} action="/permanences/rendez-vous">
              <input type="hidden" name="motifId" value={s.motifId} />
              <input type="hidden" name="siteId" value={s.siteId} />
              {s.person && <input type="hidden" name="personId" value={s.person.id} />}
              {s.newPerson && (
                <fieldset class="panel">
                  <legend>{t('helpdesk.book.details')}</legend>
                  <TextField ctx={ctx} name="firstName" label={t('helpdesk.public.firstName')} value={v('firstName')} error={errors.firstName} width="medium" />
                  <TextField ctx={ctx} name="lastName" label={t('helpdesk.public.lastName')} value={v('lastName')} error={errors.lastName} width="medium" />
                  <TextField ctx={ctx} name="phone" type="tel" label={t('helpdesk.public.phone')} value={v('phone')} error={errors.phone} width="medium" optional />
                  {!errors.phone && <LandlineWarning ctx={ctx} phone={v('phone')} />}
                  <TextField ctx={ctx} name="email" type="email" label={t('helpdesk.public.email')} value={v('email')} error={errors.email} optional />
                  <ChoiceGroup
                    ctx={ctx}
                    name="consent"
                    type="checkbox"
                    legend={t('helpdesk.public.consentLegend')}
                    hint={t('helpdesk.public.consentHint')}
                    value={v('consent') ? [v('consent')] : []}
                    error={errors.consent}
                    choices={[{ value: 'oui', label: t('helpdesk.book.consentStaff') }]}
                  />
                </fieldset>
              )}
              <ChoiceGroup
                ctx={ctx}
                name="reminder"
                type="radio"
                legend={t('helpdesk.public.reminderQuestion')}
                value={v('reminder')}
                error={errors.reminder}
                inline
                choices={[
                  { value: 'sms', label: t('helpdesk.public.reminder.sms') },
                  { value: 'email', label: t('helpdesk.public.reminder.email') },
                  { value: 'none', label: t('helpdesk.public.reminder.none') },
                ]}
              />
              <TextArea ctx={ctx} name="note" label={t('helpdesk.appointment.note')} hint={t('helpdesk.public.noteHint')} value={v('note')} error={errors.note} rows={2} optional />
              <h2 id="champ-startAt">{t('helpdesk.book.slots')}</h2>
              {errors.startAt && <p class="field-error">{errors.startAt}</p>}
              {s.slots.length === 0 ? <p>{t('helpdesk.book.noSlots')}</p> : <SlotButtons ctx={ctx} slots={s.slots} name="startAt" />}
            </Form>
          )}
        </>
      )}
    </Layout>
  );
}

export function WeekPage({ ctx, week }: { ctx: ViewContext; week: WeekView }) {
  const { t } = ctx;
  const title = t('helpdesk.week.title', { date: formatDay(`${week.monday}T12:00:00Z`, ctx.now, ctx.locale) });
  return (
    <Layout ctx={ctx} title={title}>
      <HelpdeskNav ctx={ctx} />
      <h1>{capitalize(title)}</h1>
      <p class="button-row">
        <a href={`/permanences/semaine?date=${addDays(week.monday, -7)}`}>{t('helpdesk.week.previous')}</a>
        <a href={`/permanences/semaine?date=${addDays(week.monday, 7)}`}>{t('helpdesk.week.next')}</a>
      </p>
      {week.days.map((day) => (
        <section class="week-day" key={day.date} aria-labelledby={`jour-${day.date}`}>
          <h2 id={`jour-${day.date}`}>
            <a href={`/permanences?date=${day.date}`}>{capitalize(formatDay(`${day.date}T12:00:00Z`, ctx.now, ctx.locale))}</a>
          </h2>
          {day.sites.length === 0 ? (
            <p class="hint">{t('helpdesk.week.empty')}</p>
          ) : (
            day.sites.map(({ site, appointments }) => (
              <div key={site.id}>
                <h3>
                  {site.name} <span class="hint">({t('helpdesk.week.count', { count: appointments.length })})</span>
                </h3>
                <AppointmentRows ctx={ctx} list={appointments} showSite={false} />
              </div>
            ))
          )}
        </section>
      ))}
      <h2>{t('helpdesk.week.rates')}</h2>
      <p class="hint">{t('helpdesk.week.ratesHint')}</p>
      {week.rates.byMotif.length === 0 ? (
        <p>{t('helpdesk.week.noData')}</p>
      ) : (
        <>
          <h3>{t('helpdesk.week.byMotif')}</h3>
          <RateTable ctx={ctx} first={t('helpdesk.week.motif')} rows={week.rates.byMotif} total={{ ...week.rates.total, name: t('helpdesk.week.total') }} />
          <h3>{t('helpdesk.week.bySite')}</h3>
          <RateTable ctx={ctx} first={t('helpdesk.week.site')} rows={week.rates.bySite} />
        </>
      )}
    </Layout>
  );
}

function RateTable({ ctx, first, rows, total }: { ctx: ViewContext; first: string; rows: RateRow[]; total?: RateRow }) {
  const { t } = ctx;
  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)} %`);
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{t('helpdesk.week.seen')}</th>
          <th scope="col">{t('helpdesk.week.excused')}</th>
          <th scope="col">{t('helpdesk.week.noShow')}</th>
          <th scope="col">{t('helpdesk.week.open')}</th>
          <th scope="col">{t('helpdesk.week.rate')}</th>
        </tr>
      </thead>
      <tbody>
        {[...rows, ...(total ? [total] : [])].map((r) => (
          <tr key={r.id} class={r === total ? 'total' : undefined}>
            <th scope="row">{r.name}</th>
            <td data-label={t('helpdesk.week.seen')}>{r.seen}</td>
            <td data-label={t('helpdesk.week.excused')}>{r.excused}</td>
            <td data-label={t('helpdesk.week.noShow')}>{r.noShow}</td>
            <td data-label={t('helpdesk.week.open')}>{r.open}</td>
            <td data-label={t('helpdesk.week.rate')}>{pct(r.noShowRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PersonHistoryPage({ ctx, person, history }: { ctx: ViewContext; person: PersonSummary; history: PersonHistory }) {
  const { t } = ctx;
  const title = t('helpdesk.person.title', { name: personName(ctx, person) });
  return (
    <Layout ctx={ctx} title={title} backHref={`/personnes/${person.id}`}>
      <HelpdeskNav ctx={ctx} />
      <h1>{title}</h1>
      <p class="button-row">
        <a class="button" href={`/permanences/rendez-vous/nouveau?personne=${person.id}`}>
          {t('helpdesk.person.book')}
        </a>
        <a class="button secondary" href={`/permanences/accompagnements/nouveau?personne=${person.id}`}>
          {t('helpdesk.person.record')}
        </a>
      </p>
      <h2>{t('helpdesk.person.appointments')}</h2>
      {history.appointments.length === 0 ? (
        <p>{t('helpdesk.person.none')}</p>
      ) : (
        <AppointmentRows ctx={ctx} list={history.appointments.map((a) => ({ ...a, person }))} withDate />
      )}
      <h2>{t('helpdesk.person.records')}</h2>
      <RecordsTable ctx={ctx} records={history.accompaniments} names={new Map()} />
    </Layout>
  );
}

export function RecordsTable({ ctx, records, names, showPerson = false }: { ctx: ViewContext; records: Accompaniment[]; names: Map<string, string>; showPerson?: boolean }) {
  const { t } = ctx;
  if (records.length === 0) return <p>{t('helpdesk.record.none')}</p>;
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th scope="col">{t('helpdesk.record.when')}</th>
          {showPerson && <th scope="col">{t('helpdesk.record.person')}</th>}
          <th scope="col">{t('helpdesk.record.themes')}</th>
          <th scope="col">{t('helpdesk.record.autonomy')}</th>
          <th scope="col">{t('helpdesk.record.origin')}</th>
          <th scope="col">{t('helpdesk.record.details')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.id}>
            <td data-label={t('helpdesk.record.when')}>
              {r.appointmentId ? <a href={`/permanences/rendez-vous/${r.appointmentId}`}>{formatDateTime(r.occurredAt, ctx.locale)}</a> : formatDateTime(r.occurredAt, ctx.locale)}
            </td>
            {showPerson && (
              <td data-label={t('helpdesk.record.person')}>{r.personId ? (names.get(r.personId) ?? '') : t('helpdesk.record.anonymous')}</td>
            )}
            <td data-label={t('helpdesk.record.themes')}>{r.themes.map((e) => t(`helpdesk.theme.${e}` as MessageKey)).join(', ')}</td>
            <td data-label={t('helpdesk.record.autonomy')}>{t(`helpdesk.autonomy.${r.autonomy}` as MessageKey)}</td>
            <td data-label={t('helpdesk.record.origin')}>{t(`helpdesk.record.origin.${r.origin}` as MessageKey)}</td>
            <td data-label={t('helpdesk.record.details')}>{r.details ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
