import { formatDateTime } from '../format.ts';
import type { ViewContext } from '../view-context.ts';

/** What every API token's row shows (a centre's and a federation's); never its secret. */
export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * The API tokens of a centre or a federation: name, creation, last use, state, and on each token
 * in service a link to its revoke confirmation page (`revokeHref`), whose own form revokes — a
 * revoked token cannot come back. `columns` adds the caller's own columns after the name (a
 * centre's token has a role).
 */
export function ApiTokenTable<T extends TokenSummary>({
  ctx,
  tokens,
  caption,
  columns = [],
  revokeHref,
}: {
  ctx: ViewContext;
  tokens: T[];
  /** Read by screen readers: the page's heading says it to everyone else. */
  caption: string;
  columns?: { label: string; cell: (token: T) => string }[];
  revokeHref: (id: string) => string;
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
                <span class="inline-form">
                  <span class="tag success nowrap">{t('admin.tokens.active')}</span>
                  <a href={revokeHref(token.id)} class="link-button" aria-label={t('admin.tokens.revokeLabel', { name: token.name })}>
                    {t('admin.tokens.revoke')}
                  </a>
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
