/** The road sheet of a tour (screen and print) and the call list of the day before. */
import { can } from '../../../platform/auth/roles.ts';
import { communeName } from '../../../platform/communes.ts';
import { CsrfField, Form } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatWallTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Tour } from '../tour.service.ts';
import { OrderButtons, StatusTag, TourMap, TourWarnings, UrgencyTag, dayLabel, durationLabel, tk } from './parts.tsx';
import { QueueStatus } from './visit-report.view.tsx';

const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function RoadSheetPage({ ctx, tour }: { ctx: ViewContext; tour: Tour }) {
  const { t } = ctx;
  const title = t('shuttle.road.title', { day: dayLabel(tour.date) });
  const plan = can(ctx.actor!.role, 'shuttle.plan');
  return (
    <Layout ctx={ctx} title={title} backHref="/navette">
      <h1>{title}</h1>
      <p class="lead">
        <StatusTag ctx={ctx} prefix="shuttle.tourStatus" status={tour.status} />{' '}
        {t('shuttle.road.lead', { count: tour.stops.length, leave: formatWallTime(tour.shift.from), back: formatWallTime(tour.returnAt), driving: durationLabel(tour.drivingSeconds) })}
      </p>
      {tour.lunch && <p>{t('shuttle.road.lunch', { minutes: tour.lunch.minutes, from: formatWallTime(tour.lunch.from), to: formatWallTime(tour.lunch.to) })}</p>}
      {tour.status === 'confirmed' && (
        <p>
          {tour.team.length > 0 ? t('shuttle.road.team', { names: tour.team.map((m) => m.displayName).join(', ') }) : t('shuttle.road.noTeam')}
          {can(ctx.actor!.role, 'team.manage') && tour.editable && (
            <>
              {' '}
              <a href={`/equipe/affecter?creneau=tour:${tour.id}`}>{t('shuttle.road.assign')}</a>
            </>
          )}
        </p>
      )}
      <div class="button-row">
        <a class="button" href={`/navette/tournees/${tour.id}/feuille-de-route.pdf`}>{t('shuttle.road.pdf')}</a>
        <a class="button secondary" href={`/navette/tournees/${tour.id}/appels`}>{t('shuttle.road.calls')}</a>
      </div>
      <QueueStatus ctx={ctx} />
      {tour.status !== 'cancelled' && <TourWarnings ctx={ctx} warnings={tour.warnings} stops={tour.stops} />}
      <TourMap ctx={ctx} start={tour.start} title={t('shuttle.map.title', { day: dayLabel(tour.date) })} points={tour.stops.map((s) => ({ location: s.location, label: String(s.position), approximate: s.approximate }))} />
      <h2>{t('shuttle.road.visits')}</h2>
      <ol class="road-sheet">
        {tour.stops.map((s) => (
          <li key={s.position}>
            <h3>
              {s.position}. {formatWallTime(s.arrival)} – {formatWallTime(s.departure)} : {s.request.personName || t('shuttle.request.noName')}{' '}
              <UrgencyTag ctx={ctx} urgency={s.request.urgency} />
            </h3>
            <p>
              {[s.request.address, communeName(s.request.communeInsee)].filter(Boolean).join(', ')}
              {s.approximate && ` (${t('shuttle.road.approximate')})`}
            </p>
            <p>
              {t('shuttle.col.phone')} : {s.request.phone ? <a href={tel(s.request.phone)}>{s.request.phone}</a> : t('shuttle.road.noPhone')}
            </p>
            <p>
              <strong>{t(tk('vocab.mediationTheme', s.request.theme))}</strong> — {s.request.problem}
            </p>
            {s.request.notes && <p>{t('shuttle.road.notes', { notes: s.request.notes })}</p>}
            <p class="no-print">
              <a href={`/navette/demandes/${s.request.id}/visite`}>{t('shuttle.road.reportOf', { name: s.request.personName || t('shuttle.request.noName') })}</a>
            </p>
          </li>
        ))}
      </ol>
      {plan && tour.editable && <ReorderStops ctx={ctx} tour={tour} />}
      {plan && tour.status !== 'cancelled' && (
        <section class="no-print">
          <h2>{t('shuttle.road.cancelTitle')}</h2>
          <p>{t('shuttle.road.cancelHint')}</p>
          <Form ctx={ctx} action={`/navette/tournees/${tour.id}/annuler`}>
            <button type="submit" class="secondary">{t('shuttle.road.cancel')}</button>
          </Form>
        </section>
      )}
      {/* Keeps the day's visit pages on this device for the car, and sends waiting reports. */}
      <script src="/navette/visite.js" defer />
    </Layout>
  );
}

/** The visits of a tour not started yet, each with "Monter", "Descendre", "Retirer" (a POST each). */
function ReorderStops({ ctx, tour }: { ctx: ViewContext; tour: Tour }) {
  const { t } = ctx;
  const form = 'tour-order';
  return (
    <section class="no-print">
      <h2>{t('shuttle.order.editTitle')}</h2>
      <p>{t('shuttle.order.editHint')}</p>
      <form method="post" action={`/navette/tournees/${tour.id}/ordre`} id={form} novalidate>
        <CsrfField ctx={ctx} />
      </form>
      <table>
        <TableHead ctx={ctx} columns={[t('shuttle.col.order'), t('shuttle.col.time'), t('shuttle.col.person'), t('shuttle.order.col')]} />
        <tbody>
          {tour.stops.map((s, i) => (
            <tr key={s.request.id}>
              <td>{s.position}</td>
              <td>{`${formatWallTime(s.arrival)} – ${formatWallTime(s.departure)}`}</td>
              <td>{s.request.personName || t('shuttle.request.noName')}</td>
              <td>
                <OrderButtons ctx={ctx} form={form} requestId={s.request.id} name={s.request.personName} first={i === 0} last={i === tour.stops.length - 1} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CallListPage({ ctx, tour }: { ctx: ViewContext; tour: Tour }) {
  const { t } = ctx;
  const title = t('shuttle.calls.title', { day: dayLabel(tour.date) });
  return (
    <Layout ctx={ctx} title={title} backHref={`/navette/tournees/${tour.id}`}>
      <h1>{title}</h1>
      <p class="lead">{t('shuttle.calls.lead')}</p>
      <table>
        <TableHead ctx={ctx} columns={[t('shuttle.col.time'), t('shuttle.col.person'), t('shuttle.col.phone'), t('shuttle.col.commune'), t('shuttle.calls.confirmed')]} />
        <tbody>
          {tour.stops.map((s) => (
            <tr key={s.position}>
              <td>{formatWallTime(s.arrival)}</td>
              <td>{s.request.personName || t('shuttle.request.noName')}</td>
              <td>{s.request.phone ? <a href={tel(s.request.phone)}>{s.request.phone}</a> : t('shuttle.road.noPhone')}</td>
              <td>{communeName(s.request.communeInsee)}</td>
              <td>{t('shuttle.calls.box')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
