import type { ComponentChildren } from 'preact';
import { can } from '../platform/auth/roles.ts';
import type { MessageKey } from '../platform/i18n/index.ts';
import type { ViewContext } from './view-context.ts';

interface LayoutProps {
  ctx: ViewContext;
  title: string;
  /** When the page shows form errors, its title starts with "Erreur :" (GOV.UK pattern). */
  hasErrors?: boolean;
  /** Resident-facing pages use the larger reading size. */
  /** "kiosk": a tablet handed over for one task, with no way out but its own pages. */
  audience?: 'public' | 'staff' | 'kiosk';
  backHref?: string;
  children: ComponentChildren;
}

interface NavItem {
  href: string;
  label: MessageKey;
  show: boolean;
}

function navItems(ctx: ViewContext): NavItem[] {
  const actor = ctx.actor;
  if (!actor) {
    // Residents: what they can do without an account.
    return [
      { href: '/activites', label: 'nav.activities', show: true },
      { href: '/rendez-vous', label: 'nav.appointment', show: true },
      { href: '/ressources', label: 'nav.resources', show: true },
      { href: '/forums', label: 'nav.forumsPublic', show: true },
      { href: '/materiel', label: 'nav.equipment', show: true },
      { href: '/contact', label: 'nav.contact', show: true },
    ];
  }
  return [
    { href: '/tableau-de-bord', label: 'nav.home', show: true },
    { href: '/ma-semaine', label: 'nav.myWeek', show: can(actor.role, 'team.read') },
    { href: '/personnes', label: 'nav.persons', show: can(actor.role, 'persons.read') },
    { href: '/programme', label: 'nav.programme', show: can(actor.role, 'activities.read') },
    { href: '/permanences', label: 'nav.helpdesk', show: can(actor.role, 'helpdesk.desk') },
    { href: '/parcours', label: 'nav.pathways', show: can(actor.role, 'pathways.read') },
    { href: '/fiches-pratiques', label: 'nav.resources', show: can(actor.role, 'resources.manage') },
    { href: '/materiel/gestion', label: 'nav.equipment', show: can(actor.role, 'equipment.read') },
    { href: '/consultations', label: 'nav.forums', show: can(actor.role, 'forums.read') },
    { href: '/navette', label: 'nav.shuttle', show: can(actor.role, 'shuttle.requests') },
    { href: '/equipe', label: 'nav.team', show: can(actor.role, 'team.read') },
    { href: '/equipe/annonces', label: 'nav.teamBoard', show: can(actor.role, 'team.notices') },
    { href: '/centre', label: 'nav.centre', show: can(actor.role, 'centre.manage') },
    { href: '/messages', label: 'nav.outbox', show: can(actor.role, 'outbox.read') },
    { href: can(actor.role, 'privacy.manage') ? '/rgpd/conservation' : '/rgpd/registre', label: 'nav.privacy', show: can(actor.role, 'privacy.read') },
    { href: '/rapports', label: 'nav.reports', show: can(actor.role, 'reports.read') },
    { href: '/federation', label: 'nav.federation', show: can(actor.role, 'federation.read') },
  ];
}

function isCurrent(ctx: ViewContext, href: string): boolean {
  const path = ctx.path.split('?')[0] ?? '';
  return path === href || path.startsWith(`${href}/`);
}

/**
 * The script of pages that show work going on in the background (src/ui/client/progress.js):
 * it asks for the page again every few seconds and updates its progress, without reloading it.
 */
export const PROGRESS_SCRIPT = '/static/avancement.js';

export function Layout({ ctx, title, hasErrors, audience = 'staff', backHref, children }: LayoutProps) {
  const { t } = ctx;
  const centreName = ctx.centre?.name ?? t('app.name');
  const fullTitle = `${hasErrors ? t('layout.errorPrefix') : ''}${title} – ${centreName}`;
  const kiosk = audience === 'kiosk';
  const classes = [audience === 'staff' ? 'staff' : 'public', ctx.lisible ? 'lisible' : ''].filter(Boolean).join(' ');
  return (
    <html lang={ctx.locale} class={classes} data-theme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {t('layout.skipLink')}
        </a>
        <header class="site-header">
          <div class="container header-row">
            {kiosk ? (
              <span class="brand">
                <span class="brand-name">{centreName}</span>
              </span>
            ) : (
              <a class="brand" href={ctx.actor ? '/tableau-de-bord' : '/'}>
                <span class="brand-name">{centreName}</span>
                <span class="brand-tag">{t('app.tagline')}</span>
              </a>
            )}
            <div class="header-tools">
              <form method="post" action="/preferences/lisible" class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <input type="hidden" name="retour" value={ctx.path} />
                <button type="submit" class="link-button" aria-pressed={ctx.lisible ? 'true' : 'false'}>
                  {ctx.lisible ? t('layout.lisibleOff') : t('layout.lisibleOn')}
                </button>
              </form>
              {kiosk ? null : ctx.actor ? (
                <form method="post" action="/deconnexion" class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <span class="who">{t('layout.loggedInAs', { name: ctx.actor.label })}</span>{' '}
                  {ctx.actor.via === 'session' && <><a href="/compte">{t('layout.account')}</a>{' '}</>}
                  <button type="submit" class="link-button">
                    {t('layout.logout')}
                  </button>
                </form>
              ) : (
                <a href="/connexion">{t('layout.login')}</a>
              )}
            </div>
          </div>
          {!kiosk && (
            <nav class="container main-nav" aria-label={t('layout.mainNav')}>
              <ul>
                {navItems(ctx)
                  .filter((item) => item.show)
                  .map((item) => (
                    <li key={item.href}>
                      <a href={item.href} aria-current={isCurrent(ctx, item.href) ? 'page' : undefined}>
                        {t(item.label)}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="contenu" class="container" tabIndex={-1}>
          {backHref && (
            <p>
              <a class="back-link" href={backHref}>
                {t('layout.back')}
              </a>
            </p>
          )}
          {ctx.flash && (
            <div class="notice success" role="status">
              <p>{ctx.flash}</p>
            </div>
          )}
          {children}
        </main>
        {!kiosk && <footer class="site-footer">
          <nav class="container" aria-label={t('layout.footer')}>
            <ul>
              <li><a href="/accessibilite">{t('layout.accessibility')}</a></li>
              <li><a href="/mentions-legales">{t('layout.legal')}</a></li>
              <li><a href="/donnees-personnelles">{t('layout.privacy')}</a></li>
              <li><a href="/contact">{t('layout.contact')}</a></li>
              <li>
                <a href={`/preferences/langue/${ctx.locale === 'fr' ? 'en' : 'fr'}`} lang={ctx.locale === 'fr' ? 'en' : 'fr'}>
                  {t('layout.language')}
                </a>
              </li>
            </ul>
          </nav>
        </footer>}
      </body>
    </html>
  );
}
