/** Pages of volunteer hours: totals and valorisation over a period, and recording hours. */
import type { UserRow } from '../../../platform/auth/auth.repository.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ErrorSummary, Form, localizeErrors, SelectField, TextField, textValue, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { SessionChoice } from '../volunteer-hours.ports.ts';
import type { HoursSummary } from '../volunteer-hours.service.ts';
import { HELP_KINDS } from '../volunteer-hours.vocab.ts';

const BASE = '/equipe/benevolat';
const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
const kindLabel = (ctx: ViewContext, kind: string) => ctx.t(`volunteerHours.kind.${kind}` as MessageKey);
const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 90 → "1 h 30", 120 → "2 h", 45 → "45 min". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function PeriodForm({ ctx, summary }: { ctx: ViewContext; summary: HoursSummary }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={BASE} method="get">
      <h2>{t('volunteerHours.period.title')}</h2>
      <div class="search-row">
        <TextField ctx={ctx} name="du" type="date" width="medium" label={t('volunteerHours.period.from')} value={summary.from} />
        <TextField ctx={ctx} name="au" type="date" width="medium" label={t('volunteerHours.period.to')} value={summary.to} />
      </div>
      <button type="submit" class="secondary">{t('volunteerHours.period.show')}</button>
    </Form>
  );
}

function Totals({ ctx, summary }: { ctx: ViewContext; summary: HoursSummary }) {
  const { t } = ctx;
  const cols = [t('volunteerHours.col.hours'), t('volunteerHours.col.value')];
  return (
    <>
      <h2>{t('volunteerHours.byVolunteer')}</h2>
      <table>
        <TableHead ctx={ctx} columns={[t('volunteerHours.col.volunteer'), ...cols]} />
        <tbody>
          {summary.byVolunteer.map((v) => (
            <tr key={v.userId}><td>{v.name}</td><td>{duration(v.minutes)}</td><td>{euros(v.valueCents)}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>{t('volunteerHours.byMonth')}</h2>
      <table>
        <TableHead ctx={ctx} columns={[t('volunteerHours.col.month'), ...cols]} />
        <tbody>
          {summary.byMonth.map((m) => (
            <tr key={m.month}><td>{monthFormat.format(new Date(`${m.month}-15T12:00:00Z`))}</td><td>{duration(m.minutes)}</td><td>{euros(m.valueCents)}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Entries({ ctx, summary }: { ctx: ViewContext; summary: HoursSummary }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('volunteerHours.entries')}</h2>
      <table>
        <TableHead ctx={ctx} columns={[t('volunteerHours.col.day'), t('volunteerHours.col.volunteer'), t('volunteerHours.col.kind'), t('volunteerHours.col.hours')]} actions />
        <tbody>
          {summary.entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDay(`${e.workedOn}T12:00:00Z`, ctx.now, ctx.locale)}</td>
              <td>{e.volunteerName}</td>
              <td>
                {kindLabel(ctx, e.kind)}
                {e.sessionTitle && <> : {e.sessionTitle}</>}
                {e.note && <span class="hint block">{e.note}</span>}
              </td>
              <td>{duration(e.minutes)}</td>
              <td>
                <Form ctx={ctx} action={`${BASE}/${e.id}/supprimer`}>
                  <button type="submit" class="secondary" aria-label={t('volunteerHours.deleteOf', { name: e.volunteerName, day: formatDay(`${e.workedOn}T12:00:00Z`, ctx.now, ctx.locale) })}>
                    {t('volunteerHours.delete')}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RateForm({ ctx, summary, errors, value }: { ctx: ViewContext; summary: HoursSummary; errors: FieldErrors; value?: string }) {
  const { t } = ctx;
  return (
    <section>
      <h2>{t('volunteerHours.rate.title')}</h2>
      <Form ctx={ctx} action={`${BASE}/taux`}>
        <TextField
          ctx={ctx} name="rate" width="short" inputmode="text" label={t('volunteerHours.rate.label')} hint={t('volunteerHours.rate.hint')}
          value={value ?? (summary.rateCents / 100).toFixed(2).replace('.', ',')} error={errors.rate}
        />
        <button type="submit" class="secondary">{t('common.save')}</button>
      </Form>
    </section>
  );
}

export function VolunteerHoursPage({ ctx, summary, rateErrors, rateValue }: { ctx: ViewContext; summary: HoursSummary; rateErrors?: FieldErrors; rateValue?: string }) {
  const { t } = ctx;
  const errors = localizeErrors(ctx, rateErrors ?? {});
  const query = `du=${summary.from}&au=${summary.to}`;
  return (
    <Layout ctx={ctx} title={t('volunteerHours.title')} hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('volunteerHours.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="lead">{t('volunteerHours.lead')}</p>
      <div class="button-row">
        <a class="button" href={`${BASE}/nouveau`}>{t('volunteerHours.add')}</a>
        <a href={`${BASE}/export.csv?${query}`}>{t('volunteerHours.export')}</a>{' '}
        <a href={`${BASE}/export.xlsx?${query}`}>{t('volunteerHours.exportXlsx')}</a>
      </div>
      <PeriodForm ctx={ctx} summary={summary} />
      <p class="notice">
        {t('volunteerHours.totalLine', { hours: duration(summary.total.minutes), value: euros(summary.total.valueCents), rate: euros(summary.rateCents) })}
      </p>
      {summary.entries.length === 0 ? (
        <p>{t('volunteerHours.empty')}</p>
      ) : (
        <>
          <Totals ctx={ctx} summary={summary} />
          <Entries ctx={ctx} summary={summary} />
        </>
      )}
      <RateForm ctx={ctx} summary={summary} errors={errors} value={rateValue} />
    </Layout>
  );
}

export interface HoursFormProps {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors;
  volunteers: UserRow[];
  sessions: SessionChoice[];
}

export function HoursFormPage({ ctx, values, errors: raw, volunteers, sessions }: HoursFormProps) {
  const { t } = ctx;
  const errors = localizeErrors(ctx, raw ?? {});
  return (
    <Layout ctx={ctx} title={t('volunteerHours.add')} hasErrors={Object.keys(errors).length > 0} backHref={BASE}>
      <h1>{t('volunteerHours.add')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {volunteers.length === 0 && <p class="notice">{t('volunteerHours.noVolunteers')}</p>}
      <Form ctx={ctx} action={`${BASE}/nouveau`}>
        <SelectField
          ctx={ctx} name="userId" label={t('volunteerHours.field.volunteer')} placeholder={t('volunteerHours.field.choose')} value={textValue(values, 'userId')} error={errors.userId}
          choices={volunteers.map((v) => ({ value: v.id, label: v.displayName }))}
        />
        <SelectField
          ctx={ctx} name="kind" label={t('volunteerHours.field.kind')} placeholder={t('volunteerHours.field.choose')} value={textValue(values, 'kind')} error={errors.kind}
          choices={HELP_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) }))}
        />
        <SelectField
          ctx={ctx} name="sessionId" optional label={t('volunteerHours.field.session')} hint={t('volunteerHours.field.sessionHint')} placeholder={t('volunteerHours.field.noSession')}
          value={textValue(values, 'sessionId')} error={errors.sessionId}
          choices={sessions.map((s) => ({ value: s.id, label: `${s.title} (${formatDateTime(s.startsAt, ctx.locale)})` }))}
        />
        <TextField ctx={ctx} name="workedOn" type="date" width="medium" label={t('volunteerHours.field.day')} hint={t('volunteerHours.field.dayHint')} value={textValue(values, 'workedOn')} error={errors.workedOn} />
        <fieldset>
          <legend>{t('volunteerHours.field.duration')}</legend>
          <p class="hint">{t('volunteerHours.field.durationHint')}</p>
          <div class="search-row">
            <TextField ctx={ctx} name="durationHours" width="short" inputmode="numeric" label={t('volunteerHours.field.hours')} value={textValue(values, 'durationHours')} error={errors.durationHours} />
            <TextField ctx={ctx} name="durationMinutes" width="short" inputmode="numeric" label={t('volunteerHours.field.minutes')} value={textValue(values, 'durationMinutes')} error={errors.durationMinutes} />
          </div>
        </fieldset>
        <TextField ctx={ctx} name="note" optional label={t('volunteerHours.field.note')} value={textValue(values, 'note')} error={errors.note} />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}
