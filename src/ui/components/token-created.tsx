import { Layout } from '../layout.tsx';
import type { ViewContext } from '../view-context.ts';

/**
 * An API token, shown once in answer to its creation (a centre's or a federation's): the clear
 * token is never stored nor shown again. `reach` says what the token may read, when it is limited.
 */
export function TokenCreatedPage({ ctx, name, token, backHref, reach }: { ctx: ViewContext; name: string; token: string; backHref: string; reach?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.tokens.createdTitle')}>
      <div class="confirmation">
        <h1>{t('admin.tokens.createdTitle')}</h1>
      </div>
      <p class="lead">{t('admin.tokens.createdIntro')}</p>
      <div class="field">
        <label for="jeton">{t('admin.tokens.value', { name })}</label>
        <textarea id="jeton" readOnly rows={2} class="token-value" spellcheck={false}>
          {token}
        </textarea>
      </div>
      <p class="hint">{t('admin.tokens.usage')}</p>
      {reach ? <p class="hint">{reach}</p> : null}
      <p>
        <a class="button" href={backHref}>{t('admin.tokens.back')}</a>
      </p>
    </Layout>
  );
}
