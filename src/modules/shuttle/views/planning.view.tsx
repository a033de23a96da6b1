/**
 * The coordinator's planning page: the day and the car's shift (a GET form), the proposed tour
 * (map, visits in order with their times), what is left out and why; boxes to leave a visit
 * out or force one in, then plan again (GET) or confirm (POST). Plain forms, no script.
 */
import { communeName } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Form, TextField, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatWallTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Proposal } from '../tour.service.ts';
import { LunchFields, OrderButtons, ShiftFields, TourMap, TourWarnings, TravelNote, UrgencyTag, dayLabel, durationLabel, str, ExcludedRequests, UnplacedRequests } from './parts.tsx';

const DAY_FIELDS = ['date', 'from', 'to', 'lunchFrom', 'lunchTo', 'lunchMinutes'] as const;

function DayHidden({ values }: { values: FormValues }) {
  return (
    <>
      {DAY_FIELDS.map((name) => (
        <input key={name} type="hidden" name={name} value={str(values[name])} />
      ))}
    </>
  );
}

function DayForm({ ctx, values, errors }: { ctx: ViewContext; values: FormValues; errors: Record<string, string> }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action="/navette/planifier" method="get">
      <TextField ctx={ctx} name="date" type="date" width="medium" label={t('shuttle.plan.date')} value={str(values.date)} error={errors.date} />
      <fieldset class="field">
        <legend>{t('shuttle.plan.shift')}</legend>
        <ShiftFields ctx={ctx} values={values} errors={errors} />
      </fieldset>
      <LunchFields ctx={ctx} values={values} errors={errors} />
      <button type="submit">{t('shuttle.plan.propose')}</button>
    </Form>
  );
}

function Proposed({ ctx, proposal, values, forced }: { ctx: ViewContext; proposal: Proposal; values: FormValues; forced: Set<string> }) {
  const { t } = ctx;
  const adjust = 'plan-adjust';
  const reorder = 'plan-order';
  return (
    <section>
      <h2>{t('shuttle.plan.proposal', { day: dayLabel(proposal.date) })}</h2>
      {proposal.stops.length === 0 ? (
        <p class="notice">{t('shuttle.plan.nothing')}</p>
      ) : (
        <>
          <p>
            {t('shuttle.plan.summary', { count: proposal.stops.length, leave: formatWallTime(str(values.from)), back: formatWallTime(proposal.returnAt), driving: durationLabel(proposal.drivingSeconds) })}
            {proposal.lunch && ` ${t('shuttle.plan.lunchAt', { from: formatWallTime(proposal.lunch.from), to: formatWallTime(proposal.lunch.to) })}`}
          </p>
          <TravelNote ctx={ctx} travel={proposal.travel} />
          {proposal.byHand && <p class="hint">{t('shuttle.order.byHand')}</p>}
          <TourWarnings ctx={ctx} warnings={proposal.warnings} stops={proposal.stops} />
          <TourMap ctx={ctx} start={proposal.start} title={t('shuttle.map.title', { day: dayLabel(proposal.date) })} points={proposal.stops.map((s, i) => ({ location: s.location, label: String(i + 1), approximate: s.approximate }))} />
          <table>
            <TableHead ctx={ctx} columns={[t('shuttle.col.order'), t('shuttle.col.time'), t('shuttle.col.person'), t('shuttle.col.commune'), t('shuttle.col.urgency'), t('shuttle.order.col'), t('shuttle.plan.leaveOut')]} />
            <tbody>
              {proposal.stops.map((s, i) => (
                <tr key={s.request.id}>
                  <td>{i + 1}</td>
                  <td>{`${formatWallTime(s.arrival)} – ${formatWallTime(s.departure)}`}</td>
                  <td>
                    <a href={`/navette/demandes/${s.request.id}`}>{s.request.personName || t('shuttle.request.noName')}</a>
                    {forced.has(s.request.id) && ` (${t('shuttle.plan.forced')})`}
                  </td>
                  <td>
                    {communeName(s.request.communeInsee)}
                    {s.approximate && ` (${t('shuttle.road.approximate')})`}
                  </td>
                  <td>
                    <UrgencyTag ctx={ctx} urgency={s.request.urgency} />
                  </td>
                  <td>
                    <OrderButtons ctx={ctx} form={reorder} requestId={s.request.id} name={s.request.personName} first={i === 0} last={i === proposal.stops.length - 1} />
                  </td>
                  <td>
                    <input class="plan-choice" type="checkbox" form={adjust} name="exclude" value={s.request.id} id={`exclude-${s.request.id}`} aria-label={t('shuttle.plan.leaveOutOf', { name: s.request.personName })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <UnplacedRequests ctx={ctx} title={t('shuttle.plan.left')} left={proposal.left} force={{ form: adjust, forced }} />
      <ExcludedRequests ctx={ctx} excluded={proposal.excluded} form={adjust} />
      <form method="get" action="/navette/planifier" id={adjust} novalidate class="no-print">
        <DayHidden values={values} />
        {proposal.stops.filter((s) => forced.has(s.request.id)).map((s) => (
          <input key={s.request.id} type="hidden" name="force" value={s.request.id} />
        ))}
        <p class="hint">{t('shuttle.plan.adjustHint')}</p>
        <button type="submit" class="secondary">{t('shuttle.plan.again')}</button>
      </form>
      {proposal.stops.length > 0 && (
        <form method="post" action="/navette/planifier/ordre" id={reorder} novalidate class="no-print">
          <CsrfField ctx={ctx} />
          <DayHidden values={values} />
          {proposal.excluded.map((r) => (
            <input key={r.id} type="hidden" name="exclude" value={r.id} />
          ))}
          {[...forced].map((id) => (
            <input key={id} type="hidden" name="force" value={id} />
          ))}
          {proposal.stops.map((s) => (
            <input key={s.request.id} type="hidden" name="order" value={s.request.id} />
          ))}
        </form>
      )}
      {proposal.stops.length > 0 && (
        <Form ctx={ctx} action="/navette/planifier">
          <DayHidden values={values} />
          {proposal.excluded.map((r) => (
            <input key={r.id} type="hidden" name="exclude" value={r.id} />
          ))}
          {[...forced].map((id) => (
            <input key={id} type="hidden" name="force" value={id} />
          ))}
          {proposal.stops.map((s) => (
            <input key={s.request.id} type="hidden" name="expected" value={s.request.id} />
          ))}
          {proposal.byHand &&
            proposal.stops.map((s) => (
              <input key={s.request.id} type="hidden" name="order" value={s.request.id} />
            ))}
          <button type="submit">{t('shuttle.plan.confirm')}</button>
        </Form>
      )}
    </section>
  );
}

export interface PlanPageData {
  values: FormValues;
  errors?: FieldErrors;
  proposal: Proposal | null;
  forced: string[];
}

export function PlanPage({ ctx, data }: { ctx: ViewContext; data: PlanPageData }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, data.errors ?? {});
  return (
    <Layout ctx={ctx} title={t('shuttle.plan.title')} hasErrors={Object.keys(e).length > 0} backHref="/navette">
      <h1>{t('shuttle.plan.title')}</h1>
      <p class="lead">{t('shuttle.plan.lead')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <DayForm ctx={ctx} values={data.values} errors={e} />
      {data.proposal && <Proposed ctx={ctx} proposal={data.proposal} values={data.values} forced={new Set(data.forced)} />}
    </Layout>
  );
}
