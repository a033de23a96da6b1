import type { ViewContext } from '../view-context.ts';

export function Pagination({
  ctx,
  page,
  pages,
  href,
}: {
  ctx: ViewContext;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={ctx.t('layout.pagination')}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {ctx.t('layout.previous')}
            </a>
          </li>
        )}
        <li aria-current="page">{ctx.t('layout.pageOf', { page, pages })}</li>
        {page < pages && (
          <li>
            <a href={href(page + 1)} rel="next">
              {ctx.t('layout.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
