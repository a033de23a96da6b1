/** A person's activities: their history, and choosing a session to register them for. */
import { can } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatSession } from '../activity.format.ts';
import type { PersonSummary } from '../ports.ts';
import { personName } from './parts.tsx';

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
