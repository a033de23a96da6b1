/** "Ma semaine": the signed-in member's assignments, day by day, and their calendar address. */
import { Form } from '../../../ui/components/form.tsx';
import { formatDateRange, formatDay } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import { addDays, parisToUtc } from '../../../platform/time.ts';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { AssignmentRow } from '../team.repository.ts';
import { timeRange } from './parts.tsx';

export interface WeekData {
  monday: string;
  assignments: AssignmentRow[];
  /** When the current calendar address was made, or null. */
  feedMadeAt: string | null;
  /** The new address, on the one page that shows it (right after making it). */
  newFeedUrl: string | null;
}

function CalendarBlock({ ctx, data }: { ctx: ViewContext; data: WeekData }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="agenda">
      <h2 id="agenda">{t('team.calendar.title')}</h2>
      {data.newFeedUrl ? (
        <div class="panel" role="status">
          <p><strong>{t('team.calendar.shownOnce')}</strong></p>
          <label for="adresse-agenda">{t('team.calendar.urlLabel')}</label>
          <input id="adresse-agenda" type="text" readOnly value={data.newFeedUrl} class="w-full" />
          <p class="hint">{t('team.calendar.howTo')}</p>
        </div>
      ) : (
        <p>{data.feedMadeAt ? t('team.calendar.exists', { date: formatDay(data.feedMadeAt, ctx.now) }) : t('team.calendar.lead')}</p>
      )}
      <Form ctx={ctx} action={`/ma-semaine/calendrier?semaine=${data.monday}`}>
        <button type="submit" class={data.feedMadeAt ? 'secondary' : undefined}>{data.feedMadeAt ? t('team.calendar.renew') : t('team.calendar.create')}</button>
      </Form>
      {data.feedMadeAt && !data.newFeedUrl && <p class="hint">{t('team.calendar.renewHint')}</p>}
    </section>
  );
}

export function WeekPage({ ctx, data }: { ctx: ViewContext; data: WeekData }) {
  const { t } = ctx;
  const sunday = addDays(data.monday, 6);
  const title = t('team.week.title');
  const days = Array.from({ length: 7 }, (_, i) => addDays(data.monday, i));
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('team.week.range', { range: formatDateRange(data.monday, sunday) })}</p>
      <nav class="pagination" aria-label={t('team.week.nav')}>
        <ul>
          <li><a href={`/ma-semaine?semaine=${addDays(data.monday, -7)}`} rel="prev">{t('team.week.previous')}</a></li>
          <li><a href="/ma-semaine">{t('team.week.current')}</a></li>
          <li><a href={`/ma-semaine?semaine=${addDays(data.monday, 7)}`} rel="next">{t('team.week.next')}</a></li>
        </ul>
      </nav>
      {data.assignments.length === 0 ? <p>{t('team.week.empty')}</p> : days.map((day) => {
        const items = data.assignments.filter((a) => a.day === day);
        if (items.length === 0) return null;
        return (
          <section key={day}>
            <h2>{formatDay(parisToUtc(day, '12:00'), ctx.now)}</h2>
            <ul>
              {items.map((a) => (
                <li key={a.id}>
                  <strong>{timeRange(a.startsAt, a.endsAt)}</strong> : {a.title}{a.place ? ` — ${a.place}` : ''}
                  {a.cancelledAt && <> <span class="tag error">{t(a.kind === 'tour' ? 'team.assignment.tourCancelled' : 'team.assignment.cancelled')}</span></>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <CalendarBlock ctx={ctx} data={data} />
    </Layout>
  );
}
