/** Staff registering a person for a session (by phone, at the desk), and cancelling a registration. */
import { communeName } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatSession, welcomesMinors } from '../activity.format.ts';
import type { SessionDetail } from '../activity.service.ts';
import type { PersonSummary } from '../ports.ts';
import type { RegistrationListItem } from '../registration.model.ts';
import { personName } from './parts.tsx';

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
