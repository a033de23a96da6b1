/** The desk's openings and absences: the list and their forms. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { ChoiceGroup, ErrorSummary, Form, SelectField, TextField, type FormValues, textValue } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { Site } from '../../../centre/centre.service.ts';
import type { Absence, Motif, Opening } from '../../helpdesk.model.ts';
import { WEEKDAYS } from '../../helpdesk.vocab.ts';
import { capitalize, HelpdeskNav } from '../parts.tsx';
import { TableHead } from '../../../../ui/components/table.tsx';
import { formatDateRange, formatWallTime } from '../../../../ui/format.ts';

interface StaffChoice {
  id: string;
  name: string;
}

const frDate = (date: string) => date.split('-').reverse().join('/');
/** "09:30" → "9 h 30", "12:00" → "12 h" */
const frTime = formatWallTime;

export function OpeningsPage({ ctx, openings, absences, motifCount }: { ctx: ViewContext; openings: Opening[]; absences: Absence[]; motifCount: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.openings.title')}>
      <HelpdeskNav ctx={ctx} />
      <h1>{t('helpdesk.openings.title')}</h1>
      <p>{t('helpdesk.openings.intro')}</p>
      <p>
        <a class="button" href="/permanences/horaires/nouvelle">
          {t('helpdesk.openings.new')}
        </a>
      </p>
      {openings.length === 0 ? (
        <p>{t('helpdesk.openings.none')}</p>
      ) : (
        <table class="responsive">
          <TableHead ctx={ctx} columns={[t('helpdesk.opening.weekday'), t('helpdesk.opening.site'), t('helpdesk.opening.staff'), t('helpdesk.opening.motifs')]} actions />
          <tbody>
            {openings.map((o) => {
              const weekday = t(`helpdesk.weekday.${o.weekday}` as MessageKey);
              return (
                <tr key={o.id}>
                  <td data-label={t('helpdesk.opening.weekday')}>
                    {o.everyWeeks > 1 ? t('helpdesk.openings.everyN', { weekday, n: o.everyWeeks }) : t('helpdesk.openings.every', { weekday })},{' '}
                    {t('helpdesk.openings.hours', { start: frTime(o.startTime), end: frTime(o.endTime) })}
                    <span class="hint block">
                      {t('helpdesk.openings.from', { date: frDate(o.startsOn) })}
                      {o.endsOn && ` ${t('helpdesk.openings.until', { date: frDate(o.endsOn) })}`}
                    </span>
                  </td>
                  <td data-label={t('helpdesk.opening.site')}>{o.siteName}</td>
                  <td data-label={t('helpdesk.opening.staff')}>{o.staffName ?? t('helpdesk.openings.desk')}</td>
                  <td data-label={t('helpdesk.opening.motifs')}>
                    {o.motifNames.length >= motifCount ? t('helpdesk.openings.allMotifs', { count: motifCount }) : o.motifNames.join(' · ')}
                  </td>
                  <td>
                    <Form ctx={ctx} action={`/permanences/horaires/${o.id}/supprimer`}>
                      <button type="submit" class="link-button">
                        {t('helpdesk.openings.delete')}
                        <span class="visually-hidden">
                          {' '}
                          {weekday} {o.startTime}, {o.siteName}
                        </span>
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>{t('helpdesk.absences.title')}</h2>
      <p>
        <a class="button secondary" href="/permanences/absences/nouvelle">
          {t('helpdesk.absences.new')}
        </a>
      </p>
      {absences.length === 0 ? (
        <p>{t('helpdesk.absences.none')}</p>
      ) : (
        <table class="responsive">
          <TableHead ctx={ctx} columns={[t('helpdesk.absences.when'), t('helpdesk.absence.staff'), t('helpdesk.absence.site'), t('helpdesk.absence.reason')]} actions />
          <tbody>
            {absences.map((a) => (
              <tr key={a.id}>
                <td data-label={t('helpdesk.absences.when')}>
                  {a.startTime || a.endTime ? (
                    <>
                      {frDate(a.firstDay)}
                      {a.startTime && `, ${frTime(a.startTime)}`}
                      {` → ${[a.lastDay !== a.firstDay ? frDate(a.lastDay) : '', a.endTime ? frTime(a.endTime) : ''].filter(Boolean).join(', ')}`}
                    </>
                  ) : (
                    capitalize(formatDateRange(a.firstDay, a.lastDay, ctx.locale))
                  )}
                  {a.repeatWeeklyUntil && <span class="hint block">{t('helpdesk.absences.weekly', { date: frDate(a.repeatWeeklyUntil) })}</span>}
                </td>
                <td data-label={t('helpdesk.absence.staff')}>{a.staffName ?? t('helpdesk.absences.everyone')}</td>
                <td data-label={t('helpdesk.absence.site')}>{a.siteName ?? t('helpdesk.absences.allSites')}</td>
                <td data-label={t('helpdesk.absence.reason')}>{a.reason ?? ''}</td>
                <td>
                  <Form ctx={ctx} action={`/permanences/absences/${a.id}/supprimer`}>
                    <button type="submit" class="link-button">
                      {t('common.delete')}
                      <span class="visually-hidden"> {frDate(a.firstDay)}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function OpeningFormPage({
  ctx,
  sites,
  staff,
  motifs,
  values,
  errors,
}: {
  ctx: ViewContext;
  sites: Site[];
  staff: StaffChoice[];
  motifs: Motif[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const v = (n: string) => textValue(values, n);
  const motifIds = Array.isArray(values.motifIds) ? values.motifIds : values.motifIds ? [values.motifIds] : [];
  return (
    <Layout ctx={ctx} title={t('helpdesk.opening.title')} hasErrors={Object.keys(errors).length > 0} backHref="/permanences/horaires">
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('helpdesk.opening.title')}</h1>
      <Form ctx={ctx} action="/permanences/horaires">
        <SelectField ctx={ctx} name="siteId" label={t('helpdesk.opening.site')} value={v('siteId')} choices={sites.map((s) => ({ value: s.id, label: s.name }))} placeholder="" error={errors.siteId} />
        <SelectField
          ctx={ctx}
          name="staffUserId"
          label={t('helpdesk.opening.staff')}
          hint={t('helpdesk.opening.staffHint')}
          value={v('staffUserId')}
          choices={staff.map((s) => ({ value: s.id, label: s.name }))}
          placeholder={t('helpdesk.openings.desk')}
          error={errors.staffUserId}
        />
        <SelectField
          ctx={ctx}
          name="weekday"
          label={t('helpdesk.opening.weekday')}
          value={v('weekday')}
          choices={WEEKDAYS.map((d) => ({ value: String(d), label: t(`helpdesk.weekday.${d}`) }))}
          placeholder=""
          error={errors.weekday}
        />
        <div class="search-row">
          <TextField ctx={ctx} name="startTime" type="time" label={t('helpdesk.opening.startTime')} hint={t('helpdesk.opening.timeHint')} value={v('startTime')} error={errors.startTime} width="short" />
          <TextField ctx={ctx} name="endTime" type="time" label={t('helpdesk.opening.endTime')} hint={t('helpdesk.opening.timeHint')} value={v('endTime')} error={errors.endTime} width="short" />
        </div>
        <div class="search-row">
          <TextField ctx={ctx} name="startsOn" type="date" label={t('helpdesk.opening.startsOn')} value={v('startsOn')} error={errors.startsOn} width="medium" />
          <TextField ctx={ctx} name="endsOn" type="date" label={t('helpdesk.opening.endsOn')} hint={t('helpdesk.opening.endsOnHint')} value={v('endsOn')} error={errors.endsOn} width="medium" optional />
        </div>
        <SelectField
          ctx={ctx}
          name="everyWeeks"
          label={t('helpdesk.opening.everyWeeks')}
          value={v('everyWeeks') || '1'}
          choices={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`helpdesk.opening.every.${n}` as MessageKey) }))}
          error={errors.everyWeeks}
        />
        <ChoiceGroup
          ctx={ctx}
          name="motifIds"
          type="checkbox"
          legend={t('helpdesk.opening.motifs')}
          value={motifIds}
          error={errors.motifIds}
          choices={motifs.map((m) => ({ value: m.id, label: m.name }))}
        />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}

export function AbsenceFormPage({
  ctx,
  sites,
  staff,
  values,
  errors,
}: {
  ctx: ViewContext;
  sites: Site[];
  staff: StaffChoice[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const v = (n: string) => textValue(values, n);
  return (
    <Layout ctx={ctx} title={t('helpdesk.absence.title')} hasErrors={Object.keys(errors).length > 0} backHref="/permanences/horaires">
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('helpdesk.absence.title')}</h1>
      <Form ctx={ctx} action="/permanences/absences">
        <SelectField
          ctx={ctx}
          name="staffUserId"
          label={t('helpdesk.absence.staff')}
          value={v('staffUserId')}
          choices={staff.map((s) => ({ value: s.id, label: s.name }))}
          placeholder={t('helpdesk.absences.everyone')}
          error={errors.staffUserId}
        />
        <SelectField
          ctx={ctx}
          name="siteId"
          label={t('helpdesk.absence.site')}
          value={v('siteId')}
          choices={sites.map((s) => ({ value: s.id, label: s.name }))}
          placeholder={t('helpdesk.absences.allSites')}
          error={errors.siteId}
        />
        <div class="search-row">
          <TextField ctx={ctx} name="firstDay" type="date" label={t('helpdesk.absence.firstDay')} value={v('firstDay')} error={errors.firstDay} width="medium" />
          <TextField ctx={ctx} name="startTime" type="time" label={t('helpdesk.absence.startTime')} hint={t('helpdesk.absence.timeHint')} value={v('startTime')} error={errors.startTime} width="short" optional />
        </div>
        <div class="search-row">
          <TextField ctx={ctx} name="lastDay" type="date" label={t('helpdesk.absence.lastDay')} hint={t('helpdesk.absence.lastDayHint')} value={v('lastDay')} error={errors.lastDay} width="medium" optional />
          <TextField ctx={ctx} name="endTime" type="time" label={t('helpdesk.absence.endTime')} hint={t('helpdesk.absence.timeHint')} value={v('endTime')} error={errors.endTime} width="short" optional />
        </div>
        <TextField
          ctx={ctx}
          name="repeatWeeklyUntil"
          type="date"
          label={t('helpdesk.absence.repeatWeeklyUntil')}
          hint={t('helpdesk.absence.repeatHint')}
          value={v('repeatWeeklyUntil')}
          error={errors.repeatWeeklyUntil}
          width="medium"
          optional
        />
        <TextField ctx={ctx} name="reason" label={t('helpdesk.absence.reason')} hint={t('helpdesk.absence.reasonHint')} value={v('reason')} error={errors.reason} optional />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}
