/**
 * The coordinator's week planning page: the week and the car's days (a GET form), the proposed
 * visits of each day in order, what is left out and why; boxes to leave a visit out of the week
 * (or take it back), then plan again (GET) or confirm every day as a tour (POST). Plain forms,
 * no script.
 */
import { communeName } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { addDays } from '../../../platform/time.ts';
import { ErrorSummary, Form, TextField, fieldId, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatWallTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { WEEK_DAYS } from '../shuttle.schemas.ts';
import type { WeekProposal } from '../week-plan.service.ts';
import { LunchFields, ShiftFields, UrgencyTag, dayLabel, durationLabel, str, ExcludedRequests, UnplacedRequests } from './parts.tsx';

const WEEK_FIELDS = ['monday', 'lunchFrom', 'lunchTo', 'lunchMinutes', ...Array.from({ length: WEEK_DAYS }, (_, i) => [`on${i + 1}`, `from${i + 1}`, `to${i + 1}`]).flat()];

function WeekHidden({ values }: { values: FormValues }) {
  return (
    <>
      {WEEK_FIELDS.filter((name) => str(values[name]) !== '').map((name) => (
        <input key={name} type="hidden" name={name} value={str(values[name])} />
      ))}
    </>
  );
}

function WeekForm({ ctx, values, errors, monday }: { ctx: ViewContext; values: FormValues; errors: Record<string, string>; monday: string }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action="/navette/planifier-semaine" method="get">
      <TextField ctx={ctx} name="monday" type="date" width="medium" label={t('shuttle.week.monday')} hint={t('shuttle.week.mondayHint')} value={str(values.monday)} error={errors.monday} />
      <h2>{t('shuttle.week.days')}</h2>
      <p class="hint">{t('shuttle.week.daysHint')}</p>
      {errors.on1 && (
        <p class="field-error" id={`${fieldId('on1')}-erreur`}>
          {errors.on1}
        </p>
      )}
      {Array.from({ length: WEEK_DAYS }, (_, i) => i + 1).map((n) => (
        <fieldset class="field" key={n}>
          <legend>{dayLabel(addDays(monday, n - 1))}</legend>
          <div class="choice">
            <input id={fieldId(`on${n}`)} type="checkbox" name={`on${n}`} value="1" checked={str(values[`on${n}`]) !== ''} />
            <label for={fieldId(`on${n}`)}>{t('shuttle.week.carOut', { day: dayLabel(addDays(monday, n - 1)) })}</label>
          </div>
          <ShiftFields ctx={ctx} values={values} errors={errors} suffix={String(n)} />
        </fieldset>
      ))}
      <LunchFields ctx={ctx} values={values} errors={errors} />
      <button type="submit">{t('shuttle.week.propose')}</button>
    </Form>
  );
}

/** The requests left out of the week by the coordinator, carried by every form of the page. */
function ExcludedHidden({ week }: { week: WeekProposal }) {
  return (
    <>
      {week.excluded.map((r) => (
        <input key={r.id} type="hidden" name="exclude" value={r.id} />
      ))}
    </>
  );
}

function Proposed({ ctx, week, values }: { ctx: ViewContext; week: WeekProposal; values: FormValues }) {
  const { t } = ctx;
  const adjust = 'week-adjust';
  const count = week.days.reduce((n, d) => n + d.stops.length, 0);
  return (
    <section>
      <h2>{t('shuttle.week.proposal', { day: dayLabel(week.monday) })}</h2>
      <p>{t('shuttle.week.summary', { count, driving: durationLabel(week.drivingSeconds) })}</p>
      {week.days.map((day) => (
        <section key={day.date} aria-labelledby={`jour-${day.date}`}>
          <h3 id={`jour-${day.date}`}>{dayLabel(day.date)}</h3>
          {day.stops.length === 0 ? (
            <p>{t('shuttle.week.dayNothing')}</p>
          ) : (
            <>
              <p>
                {t('shuttle.plan.summary', { count: day.stops.length, leave: formatWallTime(day.shift.from), back: formatWallTime(day.returnAt), driving: durationLabel(day.drivingSeconds) })}
                {day.lunch && ` ${t('shuttle.plan.lunchAt', { from: formatWallTime(day.lunch.from), to: formatWallTime(day.lunch.to) })}`}
              </p>
              <table>
                <TableHead ctx={ctx} columns={[t('shuttle.col.order'), t('shuttle.col.time'), t('shuttle.col.person'), t('shuttle.col.commune'), t('shuttle.col.urgency'), t('shuttle.plan.leaveOut')]} />
                <tbody>
                  {day.stops.map((s, i) => (
                    <tr key={s.request.id}>
                      <td>{i + 1}</td>
                      <td>{`${formatWallTime(s.arrival)} – ${formatWallTime(s.departure)}`}</td>
                      <td>
                        <a href={`/navette/demandes/${s.request.id}`}>{s.request.personName || t('shuttle.request.noName')}</a>
                      </td>
                      <td>
                        {communeName(s.request.communeInsee)}
                        {s.approximate && ` (${t('shuttle.road.approximate')})`}
                      </td>
                      <td>
                        <UrgencyTag ctx={ctx} urgency={s.request.urgency} />
                      </td>
                      <td>
                        <input class="plan-choice" type="checkbox" form={adjust} name="exclude" value={s.request.id} aria-label={t('shuttle.plan.leaveOutOf', { name: s.request.personName || t('shuttle.request.noName') })} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      ))}
      <UnplacedRequests ctx={ctx} title={t('shuttle.week.left')} left={week.left} notHome={t('shuttle.week.notHome')} />
      <ExcludedRequests ctx={ctx} excluded={week.excluded} form={adjust} />
      <form method="get" action="/navette/planifier-semaine" id={adjust} novalidate class="no-print">
        <WeekHidden values={values} />
        <p class="hint">{t('shuttle.plan.adjustHint')}</p>
        <button type="submit" class="secondary">{t('shuttle.plan.again')}</button>
      </form>
      {count > 0 && (
        <Form ctx={ctx} action="/navette/planifier-semaine">
          <WeekHidden values={values} />
          <ExcludedHidden week={week} />
          {week.days.flatMap((d) =>
            d.stops.map((s) => <input key={`${d.date}|${s.request.id}`} type="hidden" name="expected" value={`${d.date}|${s.request.id}`} />),
          )}
          <button type="submit">{t('shuttle.week.confirm')}</button>
        </Form>
      )}
    </section>
  );
}

export interface WeekPageData {
  values: FormValues;
  errors?: FieldErrors;
  /** The Monday the day rows are labelled with. */
  monday: string;
  week: WeekProposal | null;
}

export function WeekPlanPage({ ctx, data }: { ctx: ViewContext; data: WeekPageData }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, data.errors ?? {});
  return (
    <Layout ctx={ctx} title={t('shuttle.week.title')} hasErrors={Object.keys(e).length > 0} backHref="/navette">
      <h1>{t('shuttle.week.title')}</h1>
      <p class="lead">{t('shuttle.week.lead')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <WeekForm ctx={ctx} values={data.values} errors={e} monday={data.monday} />
      {data.week && <Proposed ctx={ctx} week={data.week} values={data.values} />}
    </Layout>
  );
}
