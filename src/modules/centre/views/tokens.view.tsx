import { CENTRE_ROLES } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Form, localizeErrors, SelectField, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { ApiToken } from '../centre.service.ts';
import { capitalize, CentreNav } from './common.view.tsx';

const roleLabel = (ctx: ViewContext, role: string) => ctx.t(`roles.${role}` as MessageKey);

export function TokensPage({
  ctx,
  tokens,
  values = {},
  errors = {},
}: {
  ctx: ViewContext;
  tokens: ApiToken[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('admin.tokens.title')} hasErrors={Object.keys(e).length > 0}>
      <h1>{t('admin.tokens.title')}</h1>
      <CentreNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={e} />
      <p class="lead">{t('admin.tokens.intro')}</p>
      <p>
        <a href="/api/docs">{t('admin.tokens.docs')}</a>
      </p>
      {tokens.length === 0 ? (
        <p>{t('admin.tokens.none')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('admin.tokens.name')}</th>
              <th scope="col">{t('admin.tokens.role')}</th>
              <th scope="col">{t('admin.tokens.createdAt')}</th>
              <th scope="col">{t('admin.tokens.lastUsed')}</th>
              <th scope="col">{t('admin.tokens.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td data-label={t('admin.tokens.name')}>{token.name}</td>
                <td data-label={t('admin.tokens.role')}>{capitalize(roleLabel(ctx, token.role))}</td>
                <td data-label={t('admin.tokens.createdAt')}>{formatDateTime(token.createdAt, ctx.locale)}</td>
                <td data-label={t('admin.tokens.lastUsed')}>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, ctx.locale) : t('admin.never')}</td>
                <td data-label={t('admin.tokens.status')}>
                  {token.revokedAt ? (
                    <span class="tag">{t('admin.tokens.revoked', { date: formatDateTime(token.revokedAt, ctx.locale) })}</span>
                  ) : (
                    <form method="post" action={`/centre/jetons/${token.id}/revoquer`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <span class="tag success nowrap">{t('admin.tokens.active')}</span>
                      <button type="submit" class="link-button" aria-label={t('admin.tokens.revokeLabel', { name: token.name })}>
                        {t('admin.tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('admin.tokens.add')}</h2>
      <Form ctx={ctx} action="/centre/jetons">
        <TextField ctx={ctx} name="name" label={t('admin.tokens.name')} hint={t('admin.tokens.nameHint')} value={values.name as string | undefined} error={e.name} autocomplete="off" />
        <SelectField
          ctx={ctx}
          name="role"
          label={t('admin.tokens.role')}
          hint={t('admin.tokens.roleHint')}
          value={values.role as string | undefined}
          error={e.role}
          placeholder={t('admin.tokens.rolePlaceholder')}
          choices={CENTRE_ROLES.map((r) => ({ value: r, label: capitalize(roleLabel(ctx, r)) }))}
        />
        <div class="button-row">
          <button type="submit">{t('admin.tokens.submit')}</button>
        </div>
      </Form>
    </Layout>
  );
}

