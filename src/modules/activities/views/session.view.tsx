/** A session for the staff: its registrations and waiting list, with the contacts of those allowed to see them. */
import { can, seesAllPersons } from '../../../platform/auth/roles.ts';
import { communeName } from '../../../platform/communes.ts';
import { formatPhone } from '../../../platform/text.ts';
import { Form } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatPlace, formatSession } from '../activity.format.ts';
import type { SessionDetail } from '../activity.service.ts';
import type { RegistrationListItem } from '../registration.model.ts';
import type { SurveyResults } from '../survey.service.ts';
import { personName } from './parts.tsx';
import { SurveyResultsSection } from './survey.view.tsx';
import { ExportLinks } from '../../../ui/components/export-links.tsx';

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

/** The team's assignment when there is one; otherwise the activity's usual facilitators. */
function SessionFacilitators({ ctx, assigned, usual }: { ctx: ViewContext; assigned: { displayName: string }[]; usual: { displayName: string }[] }) {
  const names = (list: { displayName: string }[]) => list.map((f) => f.displayName).join(', ');
  if (assigned.length > 0) return <p>{ctx.t('activities.session.assignedStaff', { names: names(assigned) })}</p>;
  if (usual.length > 0) return <p>{ctx.t('activities.session.usualStaff', { names: names(usual) })}</p>;
  return null;
}

export function SessionPage({ ctx, detail, items, past, survey = null, assigned = [] }: {
  ctx: ViewContext;
  detail: SessionDetail;
  items: RegistrationListItem[];
  past: boolean;
  /** "Votre avis" for a session that took place, when the activity asks for it (or answers exist). */
  survey?: (SurveyResults & { enabled: boolean }) | null;
  /** Who the team assigned to run this session (platform/assigned-staff.ts). */
  assigned?: { displayName: string }[];
}) {
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
      <SessionFacilitators ctx={ctx} assigned={assigned} usual={activity.facilitators} />
      <p>{t('activities.session.seats', { confirmed: session.confirmed, capacity: session.capacity, waitlisted: session.waitlisted })}</p>
      {!(ctx.actor && seesAllPersons(ctx.actor.role)) && <p class="hint">{t('activities.session.contactsHidden')}</p>}
      <div class="button-row">
        {scheduled && can(actor.role, 'activities.attendance') && <a class="button" href={`/seances/${session.id}/presences`}>{t('activities.session.attendance')}</a>}
        {scheduled && can(actor.role, 'activities.attendance') && <a href={`/seances/${session.id}/emargement.pdf`}>{t('activities.session.sheet')}</a>}
        {scheduled && !past && can(actor.role, 'activities.register') && <a href={`/seances/${session.id}/inscrire`}>{t('activities.session.registerPerson')}</a>}
        {scheduled && !past && can(actor.role, 'activities.manage') && <a href={`/seances/${session.id}/deplacer`}>{t('activities.session.move')}</a>}
        {scheduled && !past && can(actor.role, 'activities.manage') && <a href={`/seances/${session.id}/annuler`}>{t('activities.session.cancel')}</a>}
      </div>
      {survey && scheduled && (
        <SurveyResultsSection ctx={ctx} results={survey}
          paperHref={survey.enabled && can(actor.role, 'activities.attendance') ? `/seances/${session.id}/avis-papier` : undefined} />
      )}
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
      {items.length > 0 && <ExportLinks ctx={ctx} href={`/seances/${session.id}`} />}
    </Layout>
  );
}
