import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { SearchResult } from '../person.types.ts';
import { ageText, phoneText } from './helpers.ts';

export function PersonListPage({
  ctx,
  q,
  result,
  canCreate,
  restricted,
}: {
  ctx: ViewContext;
  q: string;
  result: SearchResult;
  canCreate: boolean;
  restricted: boolean;
}) {
  const { t } = ctx;
  const count = result.totalCapped
    ? q ? t('people.resultCountOverFor', { count: new Intl.NumberFormat(ctx.locale).format(result.total), q }) : t('people.resultCountOver', { count: new Intl.NumberFormat(ctx.locale).format(result.total) })
    : q
    ? t('people.resultCountFor', { count: result.total, q })
    : t('people.resultCount', { count: result.total });
  return (
    <Layout ctx={ctx} title={q ? `${t('people.listTitle')} : ${q}` : t('people.listTitle')}>
      <h1>{t('people.listTitle')}</h1>
      {restricted && <p>{t('people.volunteerScope')}</p>}
      {canCreate && (
        <p>
          <a class="button" href="/personnes/nouvelle">
            {t('people.register')}
          </a>
        </p>
      )}
      <search>
        <form method="get" action="/personnes" class="search-row">
          <div class="field">
            <label for="champ-q">{t('people.searchLabel')}</label>
            <p class="hint" id="champ-q-aide">
              {t('people.searchHint')}
            </p>
            <input id="champ-q" name="q" type="search" value={q} aria-describedby="champ-q-aide" autocomplete="off" />
          </div>
          <button type="submit" class="secondary">
            {t('common.search')}
          </button>
        </form>
      </search>
      {result.total === 0 ? (
        <p role="status">{q ? t('people.noResult', { q }) : t('people.empty')}</p>
      ) : (
        <>
          <p role="status">{count}</p>
          <table class="responsive">
            <thead>
              <tr>
                <th scope="col">{t('people.col.name')}</th>
                <th scope="col">{t('people.col.age')}</th>
                <th scope="col">{t('people.col.phone')}</th>
                <th scope="col">{t('people.col.commune')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('people.col.name')}>
                    <a href={`/personnes/${p.id}`}>
                      <strong>{p.lastName}</strong> {p.firstName}
                    </a>
                    {p.email && <span class="hint block">{p.email}</span>}
                  </td>
                  <td data-label={t('people.col.age')}>{ageText(t, p)}</td>
                  <td data-label={t('people.col.phone')}>{phoneText(p.phone) || <span class="hint">{t('people.notGiven')}</span>}</td>
                  <td data-label={t('people.col.commune')}>{p.communeName ?? <span class="hint">{t('people.notGiven')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ExportLinks ctx={ctx} />
        </>
      )}
      <ListPages ctx={ctx} q={q} result={result} />
    </Layout>
  );
}

/**
 * « Page précédente » / « Page suivante »: plain links carrying the page's cursor (and the
 * search), so they work without JavaScript and can be bookmarked.
 */
function ListPages({ ctx, q, result }: { ctx: ViewContext; q: string; result: SearchResult }) {
  if (!result.previous && !result.next) return null;
  const href = (cursor: string) => `/personnes?${new URLSearchParams({ ...(q ? { q } : {}), page: cursor }).toString()}`;
  return (
    <nav class="pagination" aria-label={ctx.t('layout.pagination')}>
      <ul>
        {result.previous && (
          <li>
            <a href={href(result.previous)} rel="prev">
              {ctx.t('layout.previous')}
            </a>
          </li>
        )}
        {result.next && (
          <li>
            <a href={href(result.next)} rel="next">
              {ctx.t('layout.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
