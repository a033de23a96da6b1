import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, Form, localizeErrors, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { ApiTokenTable } from '../../../ui/components/token-table.tsx';
import { RevokeTokenConfirmation } from '../../../ui/components/token-revoke.tsx';
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
      <ApiTokenTable ctx={ctx} tokens={tokens} caption={t('federation.tokens.title')} revokeHref={revokePath} />
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

/** Before revoking: what stops working for the federation's software, then the POST that revokes. */
export function RevokeFederationTokenPage({ ctx, token }: { ctx: ViewContext; token: FederationToken }) {
  return (
    <RevokeTokenConfirmation
      ctx={ctx}
      name={token.name}
      action={revokePath(token.id)}
      backHref={FEDERATION_TOKENS_PATH}
      warning={ctx.t('federation.tokens.revokeWarning')}
      confirmLabel={ctx.t('federation.tokens.revokeConfirm')}
    />
  );
}
