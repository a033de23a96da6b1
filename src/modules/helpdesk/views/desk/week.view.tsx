/** The week at a glance: appointments per day and the rates of outcomes. */
import { ExportLinks } from '../../../../ui/components/export-links.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatDay } from '../../helpdesk.format.ts';
import type { RateRow, WeekView } from '../../helpdesk.model.ts';
import { addDays } from '../../../../platform/time.ts';
import { capitalize, HelpdeskNav } from '../parts.tsx';
import { AppointmentRows } from './appointment-rows.tsx';

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
      <ExportLinks ctx={ctx} href={`/permanences/semaine?date=${week.monday}`} />
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
