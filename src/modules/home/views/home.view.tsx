import type { MessageKey } from '../../../platform/i18n/index.ts';
import { PhoneLink } from '../../../ui/components/contact.tsx';
import { can } from '../../../platform/auth/roles.ts';
import type { OutboxEntry } from '../../../platform/outbox/outbox.repository.ts';
import { maskedBody } from '../../../platform/outbox/outbox.service.ts';
import { Pagination } from '../../../ui/components/pagination.tsx';
import { formatDateTime } from '../../../ui/format.ts';
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

export function DashboardPage({ ctx }: { ctx: ViewContext }) {
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
  shortcuts.push({ href: '/api/docs', label: 'home.apiDocs' });
  return (
    <Layout ctx={ctx} title={t('home.title', { name: actor.label })}>
      <h1>{t('home.title', { name: actor.label })}</h1>
      <p class="lead">
        {t('home.roleIntro', { role: t(`roles.${actor.role}` as MessageKey), centre: ctx.centre?.name ?? '' })}
      </p>
      {actor.role === 'partner' && <p>{t('home.partnerIntro')}</p>}
      {actor.role === 'volunteer' && <p>{t('home.volunteerIntro')}</p>}
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
