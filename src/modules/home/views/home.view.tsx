import type { MessageKey } from '../../../platform/i18n/index.ts';
import { PhoneLink } from '../../../ui/components/contact.tsx';
import { can } from '../../../platform/auth/roles.ts';
import type { OutboxEntry } from '../../../platform/outbox/outbox.repository.ts';
import { maskedBody } from '../../../platform/outbox/outbox.service.ts';
import { Pagination } from '../../../ui/components/pagination.tsx';
import { formatDateTime, formatDay, formatTime } from '../../../ui/format.ts';
import type { DashboardText, LoadedSection } from '../../../platform/dashboard.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';

export function PublicHomePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const name = ctx.centre?.name ?? t('app.name');
  return (
    <Layout ctx={ctx} title={t('nav.home')} audience="public">
      <h1>{t('home.publicTitle', { centre: name })}</h1>
      <p class="lead">{t('home.publicIntro')}</p>
      {ctx.centre && (ctx.centre.address || ctx.centre.phone) && (
        <div class="panel">
          {ctx.centre.address && <p>{ctx.centre.address}</p>}
          {ctx.centre.phone && <p><PhoneLink phone={ctx.centre.phone} /></p>}
        </div>
      )}
      <ul class="cards">
        <li>
          <a class="card" href="/activites">
            <h2>{t('home.findActivity')}</h2>
            <p>{t('home.findActivityHint')}</p>
          </a>
        </li>
        <li>
          <a class="card" href="/rendez-vous">
            <h2>{t('home.bookHelp')}</h2>
            <p>{t('home.bookHelpHint')}</p>
          </a>
        </li>
      </ul>
      <p>
        {t('home.staffLogin')} <a href="/connexion">{t('layout.login')}</a>
      </p>
    </Layout>
  );
}

interface Shortcut {
  href: string;
  label: MessageKey;
}

/** A section's text: a parameter named `day` (a UTC instant) is written as a day. */
function text(ctx: ViewContext, label: DashboardText): string {
  const params = label.params?.day ? { ...label.params, day: formatDay(String(label.params.day), ctx.now, ctx.locale) } : label.params;
  return ctx.t(label.key, params);
}

/** An event's name: as the staff wrote it, or a text of the catalogue. */
function eventTitle(ctx: ViewContext, title: string | DashboardText): string {
  return typeof title === 'string' ? title : text(ctx, title);
}

function Count({ ctx, value }: { ctx: ViewContext; value: number | null }) {
  return value === null ? <>{ctx.t('reports.dashboard.fewerThanFive')}</> : <>{value.toLocaleString(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB')}</>;
}

function DashboardSectionView({ ctx, section }: { ctx: ViewContext; section: LoadedSection }) {
  const { t } = ctx;
  const { intro, events, noEvents, figures, todos, breakdown } = section.content;
  const id = `section-${section.key}`;
  return (
    <section class="panel dashboard-section" aria-labelledby={id}>
      <h2 id={id}>{t(section.title)}</h2>
      {intro && <p>{text(ctx, intro)}</p>}
      {events && (events.length > 0 || noEvents) && (
        <>
          <h3>{t('reports.dashboard.today')}</h3>
          {events.length === 0 ? (
            noEvents && <p>{t(noEvents)}</p>
          ) : (
            <ul class="day-list">
              {events.map((e) => (
                <li key={`${e.startsAt}-${e.href ?? ''}`}>
                  <strong>{formatTime(e.startsAt)}{e.endsAt ? ` – ${formatTime(e.endsAt)}` : ''}</strong>{' '}
                  {e.href ? <a href={e.href}>{eventTitle(ctx, e.title)}</a> : eventTitle(ctx, e.title)}
                  {e.detail && <> · {text(ctx, e.detail)}</>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {!events && noEvents && <p>{t(noEvents)}</p>}
      {figures && figures.length > 0 && (
        <ul class="figures">
          {figures.map((f) => (
            <li key={f.label.key}>
              <span class="figure"><Count ctx={ctx} value={f.value} /></span>{' '}
              {f.href ? <a href={f.href}>{text(ctx, f.label)}</a> : text(ctx, f.label)}
            </li>
          ))}
        </ul>
      )}
      {breakdown && (
        <table>
          <caption>{t(breakdown.title)}</caption>
          <thead>
            <tr><th scope="col">{t('people.ageBracket')}</th><th scope="col">{t('reports.commune.persons')}</th></tr>
          </thead>
          <tbody>
            {breakdown.rows.map((r) => (
              <tr key={r.label.key}><th scope="row">{text(ctx, r.label)}</th><td><Count ctx={ctx} value={r.value} /></td></tr>
            ))}
          </tbody>
        </table>
      )}
      {todos && (
        <>
          <h3>{t('reports.dashboard.todo')}</h3>
          {todos.length === 0 ? (
            <p>{t('reports.dashboard.nothingToDo')}</p>
          ) : (
            <ul>
              {todos.map((todo) => (
                <li key={todo.href}><a href={todo.href}>{text(ctx, todo.label)}</a></li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function DashboardPage({ ctx, sections }: { ctx: ViewContext; sections: LoadedSection[] }) {
  const { t } = ctx;
  const actor = ctx.actor!;
  const shortcuts: Shortcut[] = [];
  if (can(actor.role, 'persons.write')) shortcuts.push({ href: '/personnes/nouvelle', label: 'home.registerPerson' });
  if (can(actor.role, 'persons.read')) shortcuts.push({ href: '/personnes', label: 'home.findPerson' });
  if (can(actor.role, 'activities.read')) shortcuts.push({ href: '/programme', label: 'home.programme' });
  if (can(actor.role, 'helpdesk.desk')) shortcuts.push({ href: '/permanences', label: 'home.helpdesk' });
  if (can(actor.role, 'pathways.read')) shortcuts.push({ href: '/parcours', label: 'home.pathways' });
  if (can(actor.role, 'pathways.read')) shortcuts.push({ href: '/mes-formations', label: 'home.myTrainings' });
  if (can(actor.role, 'centre.manage')) shortcuts.push({ href: '/centre', label: 'home.manageCentre' });
  if (can(actor.role, 'outbox.read')) shortcuts.push({ href: '/messages', label: 'home.readOutbox' });
  if (can(actor.role, 'reports.read')) shortcuts.push({ href: '/rapports', label: 'home.reports' });
  if (can(actor.role, 'federation.read')) shortcuts.push({ href: '/federation', label: 'home.federation' });
  shortcuts.push({ href: '/api/docs', label: 'home.apiDocs' });
  return (
    <Layout ctx={ctx} title={t('home.title', { name: actor.label })}>
      <h1>{t('home.title', { name: actor.label })}</h1>
      {/* A federation's account belongs to no centre's team: the centre that hosts it is not named. */}
      {actor.role === 'federation_admin' ? (
        <p class="lead">{t('home.federationIntro')}</p>
      ) : (
        <p class="lead">
          {t('home.roleIntro', { role: t(`roles.${actor.role}` as MessageKey), centre: ctx.centre?.name ?? '' })}
        </p>
      )}
      {actor.role === 'volunteer' && <p>{t('home.volunteerIntro')}</p>}
      {sections.map((section) => (
        <DashboardSectionView key={section.key} ctx={ctx} section={section} />
      ))}
      <h2>{t('home.whatToDo')}</h2>
      <ul class="cards">
        {shortcuts.map((s) => (
          <li key={s.href}>
            <a class="card" href={s.href}>
              {t(s.label)}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function StaticPage({ ctx, title, body, children }: { ctx: ViewContext; title: MessageKey; body: MessageKey; children?: preact.ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(title)} audience={ctx.actor ? 'staff' : 'public'}>
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      {children}
    </Layout>
  );
}

export function OutboxPage({ ctx, messages, page, pages }: { ctx: ViewContext; messages: OutboxEntry[]; page: number; pages: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('outbox.title')}>
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      {messages.length === 0 ? (
        <p>{t('outbox.empty')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('outbox.createdAt')}</th>
              <th scope="col">{t('outbox.channel')}</th>
              <th scope="col">{t('outbox.recipient')}</th>
              <th scope="col">{t('outbox.subject')}</th>
              <th scope="col">{t('outbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td data-label={t('outbox.createdAt')}>{formatDateTime(m.createdAt, ctx.locale)}</td>
                <td data-label={t('outbox.channel')}>{t(`outbox.channel.${m.channel}` as MessageKey)}</td>
                <td data-label={t('outbox.recipient')}>{m.recipient}</td>
                <td data-label={t('outbox.subject')}>
                  <details>
                    <summary>{m.subject ?? t('outbox.channel.sms')}</summary>
                    <pre class="message">{maskedBody(m.body, t('outbox.secretMasked'))}</pre>
                  </details>
                </td>
                <td data-label={t('outbox.status')}>{t(`outbox.status.${m.status}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={page} pages={pages} href={(p) => `/messages?page=${p}`} />
    </Layout>
  );
}
