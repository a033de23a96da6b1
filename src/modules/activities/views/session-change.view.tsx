/** Moving or cancelling one session of an activity (the registered persons are told). */
import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, Form, localizeErrors, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatSession } from '../activity.format.ts';
import type { SessionDetail } from '../activity.service.ts';
import type { SiteInfo } from '../ports.ts';

export function MoveSessionPage({ ctx, detail, values, errors = {}, sites }: { ctx: ViewContext; detail: SessionDetail; values: FormValues; errors?: FieldErrors; sites: SiteInfo[] }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const when = formatSession(detail.session.startsAt, detail.session.endsAt, ctx.now);
  const title = t('activities.session.moveTitle', { when });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${detail.session.id}`}>
      <p class="caption">{detail.activity.title}</p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p>{t('activities.session.moveIntro')}</p>
      <Form ctx={ctx} action={`/seances/${detail.session.id}/deplacer`}>
        <TextField ctx={ctx} name="date" type="date" label={t('activities.form.date')} value={values.date as string} error={e.date} width="medium" />
        <div class="field-row">
          <TextField ctx={ctx} name="startTime" type="time" label={t('activities.form.startTime')} value={values.startTime as string} error={e.startTime} width="short" />
          <TextField ctx={ctx} name="endTime" type="time" label={t('activities.form.endTime')} value={values.endTime as string} error={e.endTime} width="short" />
        </div>
        <SelectField ctx={ctx} name="siteId" label={t('activities.session.newSite')} value={values.siteId as string} error={e.siteId} placeholder={t('activities.session.sameSite')}
          choices={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <button type="submit">{t('activities.session.confirmMove')}</button>
      </Form>
    </Layout>
  );
}

export function CancelSessionPage({ ctx, detail, values, errors = {} }: { ctx: ViewContext; detail: SessionDetail; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const when = formatSession(detail.session.startsAt, detail.session.endsAt, ctx.now);
  const title = t('activities.session.cancelTitle', { when });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${detail.session.id}`}>
      <p class="caption">{detail.activity.title}</p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p>{t('activities.session.cancelIntro', { count: detail.session.confirmed + detail.session.waitlisted })}</p>
      <Form ctx={ctx} action={`/seances/${detail.session.id}/annuler`}>
        <TextArea ctx={ctx} name="reason" label={t('activities.session.reason')} value={values.reason as string} error={e.reason} rows={3} optional />
        <button type="submit" class="danger">{t('activities.session.confirmCancel')}</button>
      </Form>
    </Layout>
  );
}
