import type { Commune } from '../../../platform/communes.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, fieldId, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { PartnerCommune } from '../centre.service.ts';
import { CentreNav, CommuneField } from './common.view.tsx';

function ContactFields({ ctx, values, errors }: { ctx: ViewContext; values: FormValues; errors: FieldErrors }) {
  const { t } = ctx;
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return (
    <>
      <TextField ctx={ctx} name="contactName" label={t('admin.partner.contactName')} hint={t('admin.partner.contactNameHint')} value={v('contactName')} error={errors.contactName} optional width="medium" />
      <TextField ctx={ctx} name="contactEmail" type="email" label={t('admin.partner.contactEmail')} value={v('contactEmail')} error={errors.contactEmail} optional width="medium" />
    </>
  );
}

export function PartnerCommunesPage({
  ctx,
  communes,
  values = {},
  errors = {},
  communeCandidates,
}: {
  ctx: ViewContext;
  communes: PartnerCommune[];
  values?: FormValues;
  errors?: FieldErrors;
  communeCandidates?: Commune[];
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('admin.partner.title')} hasErrors={Object.keys(e).length > 0}>
      <h1>{t('admin.partner.title')}</h1>
      <CentreNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={e} />
      <p class="lead">{t('admin.partner.intro')}</p>
      {communes.length === 0 ? (
        <p>{t('admin.partner.none')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('admin.partner.commune')}</th>
              <th scope="col">{t('admin.partner.contact')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {communes.map((c) => (
              <tr key={c.id}>
                <td data-label={t('admin.partner.commune')}>{c.label}</td>
                <td data-label={t('admin.partner.contact')}>
                  {c.contactName ?? (c.contactEmail ? '' : '—')}
                  {c.contactEmail && (
                    <>
                      {c.contactName && <br />}
                      <a href={`mailto:${c.contactEmail}`}>{c.contactEmail}</a>
                    </>
                  )}
                </td>
                <td data-label={t('common.actions')}>
                  <div class="button-row">
                    <a href={`/centre/communes/${c.id}`} aria-label={t('admin.partner.editLabel', { name: c.communeName })}>
                      {t('common.edit')}
                    </a>
                    <form method="post" action={`/centre/communes/${c.id}/retirer`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" id={fieldId(`retirer-${c.id}`)} class="link-button" aria-label={t('admin.partner.removeLabel', { name: c.communeName })}>
                        {t('admin.partner.remove')}
                      </button>
                    </form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('admin.partner.add')}</h2>
      <Form ctx={ctx} action="/centre/communes">
        <CommuneField ctx={ctx} label={t('admin.partner.commune')} hint={t('admin.commune.hint')} value={values.commune as string | undefined} error={e.commune} candidates={communeCandidates} />
        <ContactFields ctx={ctx} values={values} errors={e} />
        <div class="button-row">
          <button type="submit">{t('admin.partner.addSubmit')}</button>
        </div>
      </Form>
    </Layout>
  );
}

export function PartnerCommuneEditPage({
  ctx,
  commune,
  values,
  errors = {},
}: {
  ctx: ViewContext;
  commune: PartnerCommune;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('admin.partner.editTitle', { name: commune.label });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref="/centre/communes">
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/centre/communes/${commune.id}`}>
        <ContactFields ctx={ctx} values={values} errors={e} />
        <div class="button-row">
          <button type="submit">{t('common.save')}</button>
          <a href="/centre/communes">{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}
