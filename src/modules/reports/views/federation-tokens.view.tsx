import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { FederationToken } from '../federation-tokens.service.ts';
import { FEDERATION_PATH } from './federation.view.tsx';

export const FEDERATION_TOKENS_PATH = `${FEDERATION_PATH}/jetons`;
const revokePath = (id: string) => `${FEDERATION_TOKENS_PATH}/${encodeURIComponent(id)}/revoquer`;

/** The federation's API tokens: the list (name, creation, last use, revoke) and the form to make one. */
export function FederationTokensPage({ ctx, tokens, values = {}, errors = {} }: {
  ctx: ViewContext;
  tokens: FederationToken[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('federation.tokens.title')} hasErrors={Object.keys(e).length > 0} backHref={FEDERATION_PATH}>
      <h1>{t('federation.tokens.title')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p class="lead">{t('federation.tokens.intro')}</p>
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
              <th scope="col">{t('admin.tokens.createdAt')}</th>
              <th scope="col">{t('admin.tokens.lastUsed')}</th>
              <th scope="col">{t('admin.tokens.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td data-label={t('admin.tokens.name')}>{token.name}</td>
                <td data-label={t('admin.tokens.createdAt')}>{formatDateTime(token.createdAt, ctx.locale)}</td>
                <td data-label={t('admin.tokens.lastUsed')}>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, ctx.locale) : t('admin.never')}</td>
                <td data-label={t('admin.tokens.status')}>
                  {token.revokedAt ? (
                    <span class="tag">{t('admin.tokens.revoked', { date: formatDateTime(token.revokedAt, ctx.locale) })}</span>
                  ) : (
                    // A GET form: the button opens the confirmation page, whose POST revokes (no JavaScript).
                    <form method="get" action={revokePath(token.id)} class="inline-form">
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
      <Form ctx={ctx} action={FEDERATION_TOKENS_PATH}>
        <TextField ctx={ctx} name="name" label={t('admin.tokens.name')} hint={t('federation.tokens.nameHint')} value={values.name as string | undefined} error={e.name} autocomplete="off" />
        <div class="button-row">
          <button type="submit">{t('admin.tokens.submit')}</button>
        </div>
      </Form>
    </Layout>
  );
}


/** Before revoking: what stops working, then the POST that revokes. */
export function RevokeFederationTokenPage({ ctx, token }: { ctx: ViewContext; token: FederationToken }) {
  const { t } = ctx;
  const title = t('admin.tokens.revokeLabel', { name: token.name });
  return (
    <Layout ctx={ctx} title={title} backHref={FEDERATION_TOKENS_PATH}>
      <h1>{title}</h1>
      <div class="notice warning">
        <p>
          <strong>{t('federation.tokens.revokeWarning')}</strong>
        </p>
      </div>
      <Form ctx={ctx} action={revokePath(token.id)}>
        <div class="button-row">
          <button type="submit" class="danger">
            {t('federation.tokens.revokeConfirm')}
          </button>
          <a href={FEDERATION_TOKENS_PATH}>{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}
