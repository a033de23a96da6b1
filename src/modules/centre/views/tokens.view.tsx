import { CENTRE_ROLES } from '../../../platform/auth/roles.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ErrorSummary, Form, localizeErrors, SelectField, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { ApiTokenTable } from '../../../ui/components/token-table.tsx';
import { RevokeTokenConfirmation } from '../../../ui/components/token-revoke.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { ApiToken } from '../centre.service.ts';
import { capitalize, CentreNav } from './common.view.tsx';

const roleLabel = (ctx: ViewContext, role: string) => ctx.t(`roles.${role}` as MessageKey);
const revokePath = (id: string) => `/centre/jetons/${encodeURIComponent(id)}/revoquer`;

/** Before revoking a token: what stops working, and the button that revokes. */
export function RevokeTokenPage({ ctx, token }: { ctx: ViewContext; token: ApiToken }) {
  return (
    <RevokeTokenConfirmation
      ctx={ctx}
      name={token.name}
      action={revokePath(token.id)}
      backHref="/centre/jetons"
      warning={ctx.t('admin.tokens.revokeWarning')}
      confirmLabel={ctx.t('admin.tokens.revokeConfirm')}
    />
  );
}

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
      <ApiTokenTable
        ctx={ctx}
        tokens={tokens}
        caption={t('admin.tokens.title')}
        columns={[{ label: t('admin.tokens.role'), cell: (token) => capitalize(roleLabel(ctx, token.role)) }]}
        revokeHref={revokePath}
      />
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

