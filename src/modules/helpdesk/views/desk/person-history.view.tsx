/** A person's help-desk history: appointments and accompaniment records. */
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../../ui/format.ts';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { PersonSummary } from '../../../people/person.service.ts';
import type { Accompaniment, PersonHistory } from '../../helpdesk.model.ts';
import { HelpdeskNav, personName } from '../parts.tsx';
import { AppointmentRows } from './appointment-rows.tsx';

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
            <td data-label={t('helpdesk.record.themes')}>{r.themes.map((e) => t(`vocab.mediationTheme.${e}` as MessageKey)).join(', ')}</td>
            <td data-label={t('helpdesk.record.autonomy')}>{t(`helpdesk.autonomy.${r.autonomy}` as MessageKey)}</td>
            <td data-label={t('helpdesk.record.origin')}>{t(`helpdesk.record.origin.${r.origin}` as MessageKey)}</td>
            <td data-label={t('helpdesk.record.details')}>{r.details ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
