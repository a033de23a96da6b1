/** The desk's day: the appointments of one day, by site, and what needs an outcome. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import { ErrorSummary, Form, SelectField, TextField, type FormValues } from '../../../../ui/components/form.tsx';
import { ExportLinks } from '../../../../ui/components/export-links.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { Site } from '../../../centre/centre.service.ts';
import { formatDay } from '../../helpdesk.format.ts';
import type { DayView, Motif } from '../../helpdesk.model.ts';
import { addDays } from '../../../../platform/time.ts';
import { HelpdeskNav } from '../parts.tsx';
import { AppointmentRows } from './appointment-rows.tsx';

export function DayPage({
  ctx,
  day,
  sites,
  motifs,
  errors = {},
  values = {},
}: {
  ctx: ViewContext;
  day: DayView;
  sites: Site[];
  motifs: Motif[];
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { t } = ctx;
  const title = t('helpdesk.day.title', { date: formatDay(`${day.date}T12:00:00Z`, ctx.now, ctx.locale) });
  const site = day.siteId ? `&lieu=${day.siteId}` : '';
  const siteChoices = sites.map((s) => ({ value: s.id, label: s.name }));
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <Form ctx={ctx} action="/permanences" method="get">
        <div class="search-row">
          <TextField ctx={ctx} name="date" type="date" label={t('helpdesk.day.date')} value={day.date} width="medium" />
          <SelectField ctx={ctx} name="lieu" label={t('helpdesk.day.site')} value={day.siteId ?? ''} choices={siteChoices} placeholder={t('helpdesk.day.allSites')} />
          <button type="submit" class="secondary">
            {t('helpdesk.day.show')}
          </button>
        </div>
      </Form>
      <p class="button-row">
        <a href={`/permanences?date=${addDays(day.date, -1)}${site}`}>{t('helpdesk.day.previous')}</a>
        <a href={`/permanences?date=${addDays(day.date, 1)}${site}`}>{t('helpdesk.day.next')}</a>
      </p>

      {day.toClose.length > 0 && (
        <section class="panel" aria-labelledby="a-cloturer">
          <h2 id="a-cloturer">{t('helpdesk.day.toClose')}</h2>
          <p class="hint">{t('helpdesk.day.toCloseHint')}</p>
          <AppointmentRows ctx={ctx} list={day.toClose} withDate />
        </section>
      )}

      <h2>{t('helpdesk.day.appointments')}</h2>
      {day.appointments.length === 0 ? <p>{t('helpdesk.day.noAppointments')}</p> : <AppointmentRows ctx={ctx} list={day.appointments} />}

      <h2>{t('helpdesk.day.dropIns')}</h2>
      {day.dropIns.length === 0 ? <p>{t('helpdesk.day.noDropIns')}</p> : <AppointmentRows ctx={ctx} list={day.dropIns} />}
      {day.appointments.length + day.dropIns.length > 0 && <ExportLinks ctx={ctx} href={`/permanences?date=${day.date}${day.siteId ? `&lieu=${day.siteId}` : ''}`} />}
      <section class="panel" aria-labelledby="noter-passage">
        <h3 id="noter-passage">{t('helpdesk.dropIn.title')}</h3>
        <p class="hint">{t('helpdesk.dropIn.hint')}</p>
        <Form ctx={ctx} action="/permanences/passages">
          <SelectField
            ctx={ctx}
            name="siteId"
            label={t('helpdesk.dropIn.site')}
            value={(values.siteId as string) ?? day.siteId ?? (sites.length === 1 ? sites[0]!.id : '')}
            choices={siteChoices}
            placeholder={t('helpdesk.dropIn.chooseSite')}
            error={errors.siteId}
          />
          <SelectField
            ctx={ctx}
            name="motifId"
            label={t('helpdesk.dropIn.motif')}
            value={(values.motifId as string) ?? ''}
            choices={motifs.map((m) => ({ value: m.id, label: m.name }))}
            placeholder={t('helpdesk.dropIn.chooseMotif')}
            error={errors.motifId}
          />
          <TextField ctx={ctx} name="note" label={t('helpdesk.dropIn.note')} value={(values.note as string) ?? ''} error={errors.note} optional />
          <button type="submit">{t('helpdesk.dropIn.submit')}</button>
        </Form>
      </section>
    </Layout>
  );
}
