/** Staff pages of one session: registrations and waiting list, move, cancel, register, attendance. */
import { can } from '../../../platform/auth/roles.ts';
import { communeName } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { formatPhone } from '../../../platform/text.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatPlace, formatSession, welcomesMinors } from '../activity.format.ts';
import type { SessionDetail } from '../activity.service.ts';
import type { AttendanceSheet } from '../attendance.service.ts';
import type { PersonSummary, SiteInfo } from '../ports.ts';
import type { RegistrationListItem } from '../registration.service.ts';

function personName(p: PersonSummary | null): string {
  return p ? [p.firstName, p.lastName].filter(Boolean).join(' ') || '—' : '—';
}

function contactOf(r: RegistrationListItem): string {
  const phone = r.contactPhone ?? (r.guardianName ? null : r.person?.phone ?? null);
  const email = r.contactEmail ?? (r.guardianName ? null : r.person?.email ?? null);
  return [phone ? formatPhone(phone) : '', email ?? ''].filter(Boolean).join(' – ');
}

function RegistrationTable({ ctx, items, detail, waiting }: { ctx: ViewContext; items: RegistrationListItem[]; detail: SessionDetail; waiting?: boolean }) {
  const { t } = ctx;
  const actor = ctx.actor!;
  const canRegister = can(actor.role, 'activities.register');
  return (
    <table class="responsive">
      <thead>
        <tr>
          {waiting && <th scope="col">{t('activities.col.rank')}</th>}
          <th scope="col">{t('activities.col.person')}</th>
          <th scope="col">{t('activities.col.contact')}</th>
          <th scope="col">{t('activities.col.authorisation')}</th>
          {canRegister && <th scope="col">{t('activities.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id}>
            {waiting && <td data-label={t('activities.col.rank')}>{r.rank}</td>}
            <td data-label={t('activities.col.person')}>
              {can(actor.role, 'persons.read') && r.person ? <a href={`/personnes/${r.personId}`}>{personName(r.person)}</a> : personName(r.person)}
              {r.person?.birthYear && <span class="hint block">{r.person.birthYear}{r.person.communeInsee ? `, ${communeName(r.person.communeInsee)}` : ''}</span>}
              {r.matchStatus === 'pending' && <span class="tag warning">{t('activities.session.matchPending')}</span>}
            </td>
            <td data-label={t('activities.col.contact')}>
              {contactOf(r)}
              {r.guardianName && <span class="hint block">{t('activities.session.guardian', { name: r.guardianName })}</span>}
            </td>
            <td data-label={t('activities.col.authorisation')}>
              {r.minor ? (r.parentalAuthorisation ? t('activities.session.authorised') : <strong>{t('activities.session.notAuthorised')}</strong>) : '—'}
            </td>
            {canRegister && (
              <td data-label={t('activities.col.actions')}>
                {r.matchStatus === 'pending' && (
                  <Form ctx={ctx} action={`/inscriptions/${r.id}/rapprochement`}>
                    <p class="hint">{t('activities.session.matchQuestion')}</p>
                    <div class="button-row compact">
                      <button type="submit" name="meme" value="oui" class="secondary">{t('activities.session.matchSame')}</button>
                      <button type="submit" name="meme" value="non" class="secondary">{t('activities.session.matchOther')}</button>
                    </div>
                  </Form>
                )}
                {detail.session.status === 'scheduled' && (
                  <a href={`/inscriptions/${r.id}/annuler`}>
                    {t('activities.session.cancelRegistration')}
                    <span class="visually-hidden"> : {personName(r.person)}</span>
                  </a>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SessionPage({ ctx, detail, items, past }: { ctx: ViewContext; detail: SessionDetail; items: RegistrationListItem[]; past: boolean }) {
  const { t } = ctx;
  const actor = ctx.actor!;
  const { session, activity, site } = detail;
  const when = formatSession(session.startsAt, session.endsAt, ctx.now);
  const confirmed = items.filter((r) => r.status === 'confirmed');
  const waiting = items.filter((r) => r.status === 'waitlisted');
  const cancelled = items.filter((r) => r.status === 'cancelled');
  const scheduled = session.status === 'scheduled';
  return (
    <Layout ctx={ctx} title={t('activities.session.title', { title: activity.title, when })} backHref={`/programme/${activity.id}`}>
      <h1>
        {activity.title}
        <span class="subtitle">{when}</span>
      </h1>
      {!scheduled && <div class="notice warning"><p>{t('activities.session.isCancelled')}{session.cancelReason ? ` ${session.cancelReason}` : ''}</p></div>}
      <p>{site ? formatPlace(site) : ''}</p>
      <p>{t('activities.session.seats', { confirmed: session.confirmed, capacity: session.capacity, waitlisted: session.waitlisted })}</p>
      {!seesAll(ctx) && <p class="hint">{t('activities.session.contactsHidden')}</p>}
      <div class="button-row">
        {scheduled && can(actor.role, 'activities.attendance') && <a class="button" href={`/seances/${session.id}/presences`}>{t('activities.session.attendance')}</a>}
        {scheduled && can(actor.role, 'activities.attendance') && <a href={`/seances/${session.id}/emargement.pdf`}>{t('activities.session.sheet')}</a>}
        {scheduled && !past && can(actor.role, 'activities.register') && <a href={`/seances/${session.id}/inscrire`}>{t('activities.session.registerPerson')}</a>}
        {scheduled && !past && can(actor.role, 'activities.manage') && <a href={`/seances/${session.id}/deplacer`}>{t('activities.session.move')}</a>}
        {scheduled && !past && can(actor.role, 'activities.manage') && <a href={`/seances/${session.id}/annuler`}>{t('activities.session.cancel')}</a>}
      </div>
      <h2>{t('activities.session.registered')} ({confirmed.length})</h2>
      {confirmed.length === 0 ? <p>{t('activities.session.empty')}</p> : <RegistrationTable ctx={ctx} items={confirmed} detail={detail} />}
      <h2>{t('activities.session.waitlist')} ({waiting.length})</h2>
      {waiting.length === 0 ? <p>{t('activities.session.empty')}</p> : <RegistrationTable ctx={ctx} items={waiting} detail={detail} waiting />}
      {cancelled.length > 0 && (
        <details>
          <summary>{t('activities.session.cancelledList')} ({cancelled.length})</summary>
          <ul>
            {cancelled.map((r) => (
              <li key={r.id}>{personName(r.person)}</li>
            ))}
          </ul>
        </details>
      )}
    </Layout>
  );
}

function seesAll(ctx: ViewContext): boolean {
  const role = ctx.actor?.role;
  return role === 'admin' || role === 'coordinator' || role === 'facilitator';
}

export function CancelRegistrationPage({ ctx, detail, registration, person }: { ctx: ViewContext; detail: SessionDetail; registration: RegistrationListItem | { id: string; status: string }; person: PersonSummary | null }) {
  const { t } = ctx;
  const when = formatSession(detail.session.startsAt, detail.session.endsAt, ctx.now);
  const title = t('activities.session.cancelRegistrationTitle', { name: personName(person) });
  return (
    <Layout ctx={ctx} title={title} backHref={`/seances/${detail.session.id}`}>
      <p class="caption">{detail.activity.title} – {when}</p>
      <h1>{title}</h1>
      <p>{registration.status === 'confirmed' ? t('activities.session.cancelRegistrationConfirmed') : t('activities.session.cancelRegistrationWaiting')}</p>
      <Form ctx={ctx} action={`/inscriptions/${registration.id}/annuler`}>
        <div class="button-row">
          <button type="submit" class="danger">{t('activities.session.cancelRegistration')}</button>
          <a href={`/seances/${detail.session.id}`}>{t('activities.session.keepRegistration')}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function MoveSessionPage({ ctx, detail, values, errors = {}, sites }: { ctx: ViewContext; detail: SessionDetail; values: FormValues; errors?: FieldErrors; sites: SiteInfo[] }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const when = formatSession(detail.session.startsAt, detail.session.endsAt, ctx.now);
  const title = t('activities.session.moveTitle', { when });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${detail.session.id}`}>
      <p class="caption">{detail.activity.title}</p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p>{t('activities.session.moveIntro')}</p>
      <Form ctx={ctx} action={`/seances/${detail.session.id}/deplacer`}>
        <TextField ctx={ctx} name="date" type="date" label={t('activities.form.date')} value={values.date as string} error={e.date} width="medium" />
        <div class="field-row">
          <TextField ctx={ctx} name="startTime" type="time" label={t('activities.form.startTime')} value={values.startTime as string} error={e.startTime} width="short" />
          <TextField ctx={ctx} name="endTime" type="time" label={t('activities.form.endTime')} value={values.endTime as string} error={e.endTime} width="short" />
        </div>
        <SelectField ctx={ctx} name="siteId" label={t('activities.session.newSite')} value={values.siteId as string} error={e.siteId} placeholder={t('activities.session.sameSite')}
          choices={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <button type="submit">{t('activities.session.confirmMove')}</button>
      </Form>
    </Layout>
  );
}

export function CancelSessionPage({ ctx, detail, values, errors = {} }: { ctx: ViewContext; detail: SessionDetail; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const when = formatSession(detail.session.startsAt, detail.session.endsAt, ctx.now);
  const title = t('activities.session.cancelTitle', { when });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${detail.session.id}`}>
      <p class="caption">{detail.activity.title}</p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p>{t('activities.session.cancelIntro', { count: detail.session.confirmed + detail.session.waitlisted })}</p>
      <Form ctx={ctx} action={`/seances/${detail.session.id}/annuler`}>
        <TextArea ctx={ctx} name="reason" label={t('activities.session.reason')} value={values.reason as string} error={e.reason} rows={3} optional />
        <button type="submit" class="danger">{t('activities.session.confirmCancel')}</button>
      </Form>
    </Layout>
  );
}

export function StaffRegisterPage({ ctx, detail, query, results, values, errors = {} }: {
  ctx: ViewContext;
  detail: SessionDetail;
  query: string;
  results: PersonSummary[] | null;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const when = formatSession(detail.session.startsAt, detail.session.endsAt, ctx.now);
  const action = `/seances/${detail.session.id}/inscrire`;
  return (
    <Layout ctx={ctx} title={t('activities.staffRegister.title')} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${detail.session.id}`}>
      <p class="caption">{detail.activity.title} – {when}</p>
      <h1>{t('activities.staffRegister.title')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p>{t('activities.staffRegister.intro')}</p>
      <form method="get" action={action} class="search-row no-print">
        <TextField ctx={ctx} name="q" type="search" label={t('activities.staffRegister.search')} value={query} />
        <button type="submit" class="secondary">{t('activities.staffRegister.searchButton')}</button>
      </form>
      {results && (
        <section>
          <h2>{t('activities.staffRegister.found')}</h2>
          {results.length === 0 ? (
            <p>{t('activities.staffRegister.noResult')}</p>
          ) : (
            <ul class="person-results">
              {results.map((p) => (
                <li key={p.id}>
                  <Form ctx={ctx} action={action}>
                    <input type="hidden" name="personId" value={p.id} />
                    <span>
                      {personName(p)}
                      {p.birthYear && <span class="hint"> ({p.birthYear})</span>}
                      {p.communeInsee && <span class="hint"> – {communeName(p.communeInsee)}</span>}
                    </span>{' '}
                    <button type="submit" class="secondary">
                      {t('activities.staffRegister.choose')}
                      <span class="visually-hidden"> {personName(p)}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <h2>{t('activities.staffRegister.newPerson')}</h2>
      <Form ctx={ctx} action={action}>
        <TextField ctx={ctx} name="firstName" label={t('activities.register.firstName')} value={values.firstName as string} error={e.firstName} width="medium" />
        <TextField ctx={ctx} name="lastName" label={t('activities.register.lastName')} value={values.lastName as string} error={e.lastName} width="medium" />
        <TextField ctx={ctx} name="birthYear" label={t('activities.register.birthYear')} value={values.birthYear as string} error={e.birthYear} inputmode="numeric" width="short" optional />
        <TextField ctx={ctx} name="phone" type="tel" label={t('activities.register.phone')} value={values.phone as string} error={e.phone} width="medium" optional />
        <TextField ctx={ctx} name="email" type="email" label={t('activities.register.email')} value={values.email as string} error={e.email} width="medium" optional />
        <TextField ctx={ctx} name="commune" label={t('activities.staffRegister.commune')} value={values.commune as string} error={e.commune} width="medium" optional />
        {(welcomesMinors(detail.activity) || e.guardianName || e.parentalAuthorisation) && (
          <>
            <TextField ctx={ctx} name="guardianName" label={t('activities.register.guardianName')} value={values.guardianName as string} error={e.guardianName} width="medium" optional />
            <ChoiceGroup ctx={ctx} name="parentalAuthorisation" type="checkbox" legend={t('activities.col.authorisation')} value={values.parentalAuthorisation as string} error={e.parentalAuthorisation} optional
              choices={[{ value: 'oui', label: t('activities.staffRegister.authorisation') }]} />
          </>
        )}
        <ChoiceGroup ctx={ctx} name="dataProcessing" type="checkbox" legend={t('activities.staffRegister.dataLegend')} value={values.dataProcessing as string} error={e.dataProcessing}
          choices={[{ value: 'oui', label: t('activities.staffRegister.dataProcessing') }]} />
        <button type="submit">{t('activities.staffRegister.submit')}</button>
      </Form>
    </Layout>
  );
}

export function AttendancePage({ ctx, sheet, values = {}, errors = {} }: { ctx: ViewContext; sheet: AttendanceSheet; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const { session, activity } = sheet.detail;
  const when = formatSession(session.startsAt, session.endsAt, ctx.now);
  const choices = [
    { value: 'present', label: t('activities.attendance.present') },
    { value: 'absent', label: t('activities.attendance.absent') },
    { value: 'excused', label: t('activities.attendance.excused') },
  ];
  return (
    <Layout ctx={ctx} title={t('activities.attendance.title', { title: activity.title })} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${session.id}`}>
      <p class="caption">{when}</p>
      <h1>{t('activities.attendance.title', { title: activity.title })}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      {!sheet.open ? (
        <p>{t('activities.attendance.notYetOpen')}</p>
      ) : (
        <>
          {sheet.registered.length === 0 ? (
            <p>{t('activities.attendance.nobody')}</p>
          ) : (
            <Form ctx={ctx} action={`/seances/${session.id}/presences`}>
              <p>{t('activities.attendance.intro')}</p>
              <p>
                <button type="submit" name="tous" value="present" class="secondary">{t('activities.attendance.allPresent')}</button>
              </p>
              <div class="attendance-list">
                {sheet.registered.map((r) => (
                  <ChoiceGroup key={r.personId} ctx={ctx} name={`p_${r.personId}`} type="radio" inline legend={personName(r.person)}
                    value={(values[`p_${r.personId}`] as string | undefined) ?? r.attendance ?? undefined} choices={choices} />
                ))}
              </div>
              <button type="submit">{t('activities.attendance.save')}</button>
            </Form>
          )}
          <h2>{t('activities.attendance.walkIns')}</h2>
          {sheet.walkIns.length > 0 && (
            <ul>
              {sheet.walkIns.map((w) => (
                <li key={w.personId}>{personName(w.person)} – {t(`activities.attendance.${w.status}` as 'activities.attendance.present')}</li>
              ))}
            </ul>
          )}
          <details open={Object.keys(e).length > 0}>
            <summary>{t('activities.attendance.addWalkIn')}</summary>
            <Form ctx={ctx} action={`/seances/${session.id}/presences/ajout`}>
              <TextField ctx={ctx} name="firstName" label={t('activities.register.firstName')} value={values.firstName as string} error={e.firstName} width="medium" />
              <TextField ctx={ctx} name="lastName" label={t('activities.register.lastName')} value={values.lastName as string} error={e.lastName} width="medium" />
              <TextField ctx={ctx} name="birthYear" label={t('activities.register.birthYear')} value={values.birthYear as string} error={e.birthYear} inputmode="numeric" width="short" optional />
              <TextField ctx={ctx} name="commune" label={t('activities.staffRegister.commune')} value={values.commune as string} error={e.commune} width="medium" optional />
              {(welcomesMinors(activity) || e.parentalAuthorisation) && (
                <ChoiceGroup ctx={ctx} name="parentalAuthorisation" type="checkbox" legend={t('activities.col.authorisation')} value={values.parentalAuthorisation as string} error={e.parentalAuthorisation} optional
                  choices={[{ value: 'oui', label: t('activities.staffRegister.authorisation') }]} />
              )}
              <ChoiceGroup ctx={ctx} name="dataProcessing" type="checkbox" legend={t('activities.staffRegister.dataLegend')} value={values.dataProcessing as string} error={e.dataProcessing}
                choices={[{ value: 'oui', label: t('activities.staffRegister.dataProcessing') }]} />
              <button type="submit" class="secondary">{t('activities.attendance.add')}</button>
            </Form>
          </details>
        </>
      )}
    </Layout>
  );
}

export function CalendarPage({ ctx, url, publicUrl }: { ctx: ViewContext; url: string | null; publicUrl: string }) {
  const { t } = ctx;
  const role = ctx.actor?.role;
  return (
    <Layout ctx={ctx} title={t('activities.calendar.title')} backHref="/programme">
      <h1>{t('activities.calendar.title')}</h1>
      <p class="lead">{t('activities.calendar.intro')}</p>
      {(role === 'admin' || role === 'coordinator') && <p>{t('activities.calendar.coordinatorIntro')}</p>}
      {url ? (
        <div class="field">
          <label for="champ-agenda">{t('activities.calendar.url')}</label>
          <input id="champ-agenda" type="text" readOnly value={url} class="w-full" />
        </div>
      ) : (
        <p>{t('activities.calendar.none')}</p>
      )}
      <Form ctx={ctx} action="/agenda">
        <button type="submit" class={url ? 'secondary' : undefined}>{url ? t('activities.calendar.renew') : t('activities.calendar.create')}</button>
      </Form>
      <p>{t('activities.calendar.public', { url: `${publicUrl}/agenda.ics` })}</p>
    </Layout>
  );
}

export interface HistoryData {
  registrations: { id: string; title: string; startsAt: string; endsAt: string; status: string; sessionStatus: string; sessionId: string }[];
  attendance: { id: string; title: string; sessionStartsAt: string; status: string; walkIn: boolean; sessionId: string }[];
}

export function HistoryPage({ ctx, person, history, personId }: { ctx: ViewContext; person: PersonSummary; history: HistoryData; personId: string }) {
  const { t } = ctx;
  const name = personName(person);
  return (
    <Layout ctx={ctx} title={t('activities.history.title', { name })} backHref={`/personnes/${personId}`}>
      <h1>{t('activities.history.title', { name })}</h1>
      {can(ctx.actor!.role, 'activities.register') && (
        <p>
          <a class="button" href={`/personnes/${personId}/inscrire`}>{t('activities.history.register')}</a>
        </p>
      )}
      <h2>{t('activities.history.registrations')}</h2>
      {history.registrations.length === 0 ? (
        <p>{t('activities.history.none')}</p>
      ) : (
        <ul>
          {history.registrations.map((r) => (
            <li key={r.id}>
              <a href={`/seances/${r.sessionId}`}>{r.title}</a> – {formatSession(r.startsAt, r.endsAt, ctx.now)} –{' '}
              {r.sessionStatus === 'cancelled' ? t('activities.page.cancelled') : t(`activities.status.${r.status}` as 'activities.status.confirmed')}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('activities.history.attendance')}</h2>
      {history.attendance.length === 0 ? (
        <p>{t('activities.history.none')}</p>
      ) : (
        <ul>
          {history.attendance.map((a) => (
            <li key={a.id}>
              {a.title} – {formatSession(a.sessionStartsAt, a.sessionStartsAt, ctx.now).split(',')[0]} – {t(`activities.attendance.${a.status}` as 'activities.attendance.present')}
              {a.walkIn && <> ({t('activities.history.walkIn')})</>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ChooseSessionPage({ ctx, person, personId, sessions, errors = {} }: {
  ctx: ViewContext;
  person: PersonSummary;
  personId: string;
  sessions: { id: string; title: string; startsAt: string; endsAt: string; seatsLeft: number }[];
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('activities.staffRegister.forPerson', { name: personName(person) });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/personnes/${personId}/activites`}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/personnes/${personId}/inscrire`}>
        <ChoiceGroup ctx={ctx} name="sessionId" type="radio" legend={t('activities.staffRegister.chooseSession')} error={e.sessionId}
          choices={sessions.map((s) => ({
            value: s.id,
            label: `${s.title} – ${formatSession(s.startsAt, s.endsAt, ctx.now)}`,
            hint: s.seatsLeft > 0 ? t('activities.seats.left', { count: s.seatsLeft }) : t('activities.seats.full'),
          }))} />
        <button type="submit">{t('activities.staffRegister.submit')}</button>
      </Form>
    </Layout>
  );
}

export type { SiteInfo };
