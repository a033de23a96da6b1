import { formatDateTime } from '../format.ts';
import type { ViewContext } from '../view-context.ts';
import { CsrfField } from './form.tsx';

/** What every API token's row shows (a centre's and a federation's); never its secret. */
export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * The API tokens of a centre or a federation: name, creation, last use, state, and a revoke
 * button on each token in service. `revoke.method` 'post' revokes at once (with the CSRF
 * field); 'get' opens a confirmation page first, whose own form revokes (no JavaScript either
 * way). `columns` adds the caller's own columns after the name (a centre's token has a role).
 */
export function ApiTokenTable<T extends TokenSummary>({
  ctx,
  tokens,
  caption,
  columns = [],
  revoke,
}: {
  ctx: ViewContext;
  tokens: T[];
  /** Read by screen readers: the page's heading says it to everyone else. */
  caption: string;
  columns?: { label: string; cell: (token: T) => string }[];
  revoke: { method: 'get' | 'post'; href: (id: string) => string };
}) {
  const { t } = ctx;
  if (tokens.length === 0) return <p>{t('admin.tokens.none')}</p>;
  return (
    <table class="responsive">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.tokens.name')}</th>
          {columns.map((column) => (
            <th scope="col" key={column.label}>
              {column.label}
            </th>
          ))}
          <th scope="col">{t('admin.tokens.createdAt')}</th>
          <th scope="col">{t('admin.tokens.lastUsed')}</th>
          <th scope="col">{t('admin.tokens.status')}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td data-label={t('admin.tokens.name')}>{token.name}</td>
            {columns.map((column) => (
              <td data-label={column.label} key={column.label}>
                {column.cell(token)}
              </td>
            ))}
            <td data-label={t('admin.tokens.createdAt')}>{formatDateTime(token.createdAt, ctx.locale)}</td>
            <td data-label={t('admin.tokens.lastUsed')}>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, ctx.locale) : t('admin.never')}</td>
            <td data-label={t('admin.tokens.status')}>
              {token.revokedAt ? (
                <span class="tag">{t('admin.tokens.revoked', { date: formatDateTime(token.revokedAt, ctx.locale) })}</span>
              ) : (
                <form method={revoke.method} action={revoke.href(token.id)} class="inline-form">
                  {revoke.method === 'post' && <CsrfField ctx={ctx} />}
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
  );
}
