/** The public catalogue (/activites) and an activity's public page: plain French, phone first. */
import type { ActivityResource } from '../../../platform/activity-resources.ts';
import { communeName } from '../../../platform/communes.ts';
import { compareFrench, joinPlace } from '../../../platform/text.ts';
import { MapLink } from '../../../ui/components/contact.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatPlace, formatSession } from '../activity.format.ts';
import type { CatalogueEntry, CatalogueFilter } from '../catalogue.service.ts';
import { AUDIENCES, THEMES } from '../activity.vocab.ts';
import type { SiteInfo } from '../ports.ts';
import { ages, label, Paragraphs, price, Seats, SpeakersAndPartners } from './parts.tsx';

export function CataloguePage({ ctx, entries, filter, sites }: { ctx: ViewContext; entries: CatalogueEntry[]; filter: CatalogueFilter; sites: SiteInfo[] }) {
  const { t } = ctx;
  const filtered = Boolean(filter.audience || filter.place || filter.theme || filter.from);
  // "Où ?" offers each commune once (a resident thinks in villages), then each named place.
  const communes = [...new Set(sites.map((s) => s.communeInsee).filter((c): c is string => Boolean(c)))]
    .map((code) => ({ code, name: communeName(code) }))
    .filter((c) => c.name)
    .sort((a, b) => compareFrench(a.name, b.name));
  return (
    <Layout ctx={ctx} title={t('activities.catalogue.title')} audience="public">
      <h1>{t('activities.catalogue.title')}</h1>
      <p class="lead">{t('activities.catalogue.intro')}</p>
      <form method="get" action="/activites" class="filters panel" aria-labelledby="filtres-titre">
        <h2 id="filtres-titre">{t('activities.catalogue.filters')}</h2>
        <div class="filter-grid">
          <div class="field">
            <label for="champ-public">{t('activities.catalogue.audience')}</label>
            <select id="champ-public" name="public">
              <option value="">{t('activities.catalogue.any')}</option>
              {AUDIENCES.map((a) => (
                <option value={a} selected={filter.audience === a}>{label(ctx, 'activities.audience', a)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="champ-lieu">{t('activities.catalogue.place')}</label>
            <select id="champ-lieu" name="lieu">
              <option value="">{t('activities.catalogue.anyPlace')}</option>
              {communes.map((c) => (
                <option value={c.code} selected={filter.place === c.code}>{c.name}</option>
              ))}
            </select>
          </div>
          <div class="field wide">
            <label for="champ-theme">{t('activities.catalogue.theme')}</label>
            <select id="champ-theme" name="theme">
              <option value="">{t('activities.catalogue.any')}</option>
              {THEMES.map((th) => (
                <option value={th} selected={filter.theme === th}>{label(ctx, 'vocab.mediationTheme', th)}</option>
              ))}
            </select>
          </div>
          <div class="field wide">
            <label for="champ-du">{t('activities.catalogue.from')}</label>
            <input id="champ-du" name="du" type="date" value={filter.from ?? ''} />
          </div>
        </div>
        <div class="button-row">
          <button type="submit">{t('activities.catalogue.filter')}</button>
          {filtered && <a href="/activites">{t('activities.catalogue.reset')}</a>}
        </div>
      </form>

      <p role="status">{t('activities.catalogue.count', { count: entries.length })}</p>
      {entries.length === 0 ? (
        <p>{t('activities.catalogue.empty')}</p>
      ) : (
        <ul class="activity-list">
          {entries.map(({ activity, site, sessions }) => {
            const next = sessions[0]!;
            const commune = communeName(site?.communeInsee);
            // "Salle des fêtes de Marcoing" already says where; "Le studio" needs its commune.
            const place = site ? joinPlace(site.name, commune) : '';
            return (
              <li key={activity.id}>
                <article class="activity-card">
                  <h2>
                    <a href={`/activites/${activity.id}`}>{activity.title}</a>
                  </h2>
                  <p class="tags">
                    <span class="tag">{label(ctx, 'activities.kind', activity.kind)}</span>{' '}
                    <span class="tag">{label(ctx, 'activities.audience', activity.audience)}</span>
                  </p>
                  <p class="when">
                    {t('activities.catalogue.next', { when: formatSession(next.startsAt, next.endsAt, ctx.now) })}
                    {sessions.length > 1 && <> {t('activities.catalogue.more', { count: sessions.length - 1 })}</>}
                  </p>
                  {place && <p class="where">{place}</p>}
                  <p class="meta">
                    <Seats ctx={ctx} left={next.seatsLeft} /> <span class="price">{price(ctx, activity)}</span>
                  </p>
                </article>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href="/agenda.ics">{t('activities.catalogue.subscribe')}</a>
      </p>
    </Layout>
  );
}

/** The first sessions are listed; the rest wait behind "see more" (a weekly workshop has dozens). */
const SHOWN = 6;

function SessionList({ ctx, sessions, seats }: { ctx: ViewContext; sessions: CatalogueEntry['sessions']; seats: boolean }) {
  return (
    <ul class="session-list">
      {sessions.map((s) => (
        <li key={s.id}>
          <span class="when">{formatSession(s.startsAt, s.endsAt, ctx.now)}</span>
          {seats && <Seats ctx={ctx} left={s.seatsLeft} />}
        </li>
      ))}
    </ul>
  );
}

export function ActivityPublicPage({ ctx, entry, resources = [] }: { ctx: ViewContext; entry: CatalogueEntry; resources?: ActivityResource[] }) {
  const { t } = ctx;
  const { activity, site, sessions } = entry;
  const allFull = sessions.length > 0 && (activity.registrationMode === 'series' ? sessions.some((s) => s.seatsLeft === 0) : sessions.every((s) => s.seatsLeft === 0));
  const forWhom = [label(ctx, 'activities.audience', activity.audience), ages(ctx, activity)].filter(Boolean).join(', ');
  return (
    <Layout ctx={ctx} title={activity.title} audience="public" backHref="/activites">
      <h1>{activity.title}</h1>
      <p class="tags">
        <span class="tag">{label(ctx, 'activities.kind', activity.kind)}</span>{' '}
        <span class="tag">{label(ctx, 'vocab.mediationTheme', activity.theme)}</span>
      </p>
      {activity.description && <Paragraphs text={activity.description} />}
      <dl class="summary">
        <dt>{t('activities.page.forWhom')}</dt>
        <dd>{forWhom}</dd>
        <dt>{t('activities.page.level')}</dt>
        <dd>{label(ctx, 'activities.level', activity.level)}</dd>
        <dt>{t('activities.page.price')}</dt>
        <dd>{price(ctx, activity)}</dd>
        <dt>{t('activities.page.where')}</dt>
        <dd>
          {site ? formatPlace(site) : ''}
          {site && (
            <>
              {' '}
              <MapLink ctx={ctx} name={site.name} address={site.address} commune={communeName(site.communeInsee)} />
            </>
          )}
        </dd>
        <dt>{t('activities.page.accessibility')}</dt>
        <dd>{site?.accessibility || t('activities.page.accessibilityUnknown')}</dd>
      </dl>
      {sessions.length > 0 && (
        <p>
          <a class="button" href={`/activites/${activity.id}/inscription`}>
            {allFull ? t('activities.page.joinWaitlist') : t('activities.page.register')}
          </a>
        </p>
      )}
      <h2>{t('activities.page.sessions')}</h2>
      {activity.registrationMode === 'series' && sessions.length > 0 && (
        <p>
          {t('activities.page.series', { count: sessions.length })} <Seats ctx={ctx} left={Math.min(...sessions.map((s) => s.seatsLeft))} />
        </p>
      )}
      {sessions.length === 0 ? <p>{t('activities.page.noSession')}</p> : <SessionList ctx={ctx} sessions={sessions.slice(0, SHOWN)} seats={activity.registrationMode !== 'series'} />}
      {sessions.length > SHOWN && (
        <details>
          <summary>{t('activities.page.moreSessions', { count: sessions.length - SHOWN })}</summary>
          <SessionList ctx={ctx} sessions={sessions.slice(SHOWN)} seats={activity.registrationMode !== 'series'} />
        </details>
      )}
      <SpeakersAndPartners ctx={ctx} activity={activity} />
      {resources.length > 0 && (
        <section aria-labelledby="fiches-utiles">
          <h2 id="fiches-utiles">{t('activities.page.usefulResources')}</h2>
          <p>{t('activities.page.usefulResourcesIntro')}</p>
          <ul>
            {resources.map((r) => (
              <li key={r.href}>
                <a href={r.href}>{r.title}</a> — {r.summary}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
