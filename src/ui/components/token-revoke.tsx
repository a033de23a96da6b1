import { Layout } from '../layout.tsx';
import type { ViewContext } from '../view-context.ts';
import { Form } from './form.tsx';

/**
 * Before revoking an API token: what stops working (`warning`, the caller's words), then the
 * POST to `action` that revokes, and a way back to `backHref` that changes nothing.
 */
export function RevokeTokenConfirmation({ ctx, name, action, backHref, warning, confirmLabel }: {
  ctx: ViewContext;
  name: string;
  action: string;
  backHref: string;
  warning: string;
  confirmLabel: string;
}) {
  const { t } = ctx;
  const title = t('admin.tokens.revokeLabel', { name });
  return (
    <Layout ctx={ctx} title={title} backHref={backHref}>
      <h1>{title}</h1>
      <div class="notice warning">
        <p>
          <strong>{warning}</strong>
        </p>
      </div>
      <Form ctx={ctx} action={action}>
        <div class="button-row">
          <button type="submit" class="danger">
            {confirmLabel}
          </button>
          <a href={backHref}>{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}
