import { can } from '../../../platform/auth/roles.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Appointment } from '../helpdesk.model.ts';

/** The help desk's own menu, under the main navigation. */
export function HelpdeskNav({ ctx }: { ctx: ViewContext }) {
  const actor = ctx.actor;
  if (!actor) return null;
  const items: { href: string; label: MessageKey; show: boolean }[] = [
    { href: '/permanences', label: 'helpdesk.nav.day', show: true },
    { href: '/permanences/semaine', label: 'helpdesk.nav.week', show: can(actor.role, 'helpdesk.overview') },
    { href: '/permanences/rendez-vous/nouveau', label: 'helpdesk.nav.book', show: true },
    { href: '/permanences/accompagnements', label: 'helpdesk.nav.records', show: true },
    { href: '/permanences/motifs', label: 'helpdesk.nav.motifs', show: can(actor.role, 'helpdesk.manage') },
    { href: '/permanences/horaires', label: 'helpdesk.nav.openings', show: can(actor.role, 'helpdesk.manage') },
    { href: '/permanences/reglages', label: 'helpdesk.nav.settings', show: can(actor.role, 'helpdesk.manage') },
  ];
  const path = ctx.path.split('?')[0] ?? '';
  const current = (href: string) => (href === '/permanences' ? path === href : path === href || path.startsWith(`${href}/`));
  return (
    <nav class="sub-nav" aria-label={ctx.t('helpdesk.nav.label')}>
      <ul>
        {items
          .filter((i) => i.show)
          .map((i) => (
            <li key={i.href}>
              <a href={i.href} aria-current={current(i.href) ? 'page' : undefined}>
                {ctx.t(i.label)}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** Where an appointment stands, in words and a tag (never colour alone). */
export function StatusTag({ ctx, appointment }: { ctx: ViewContext; appointment: Appointment }) {
  const { t } = ctx;
  if (appointment.status === 'cancelled') return <span class="tag">{t('helpdesk.status.cancelled')}</span>;
  if (appointment.outcome === 'seen') return <span class="tag success">{t('helpdesk.outcome.seen')}</span>;
  if (appointment.outcome === 'no_show') return <span class="tag error">{t('helpdesk.outcome.no_show')}</span>;
  if (appointment.outcome === 'excused') return <span class="tag">{t('helpdesk.outcome.excused')}</span>;
  if (appointment.kind === 'drop_in') return <span class="tag">{t('helpdesk.status.waiting')}</span>;
  if (appointment.needsOutcome) return <span class="tag error">{t('helpdesk.status.toClose')}</span>;
  return <span class="tag">{t('helpdesk.status.booked')}</span>;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function personName(ctx: ViewContext, person: { firstName: string | null; lastName: string | null; erased?: boolean } | null): string {
  if (!person) return ctx.t('helpdesk.day.anonymous');
  if (person.erased) return ctx.t('helpdesk.day.erased');
  return `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim() || ctx.t('helpdesk.day.anonymous');
}
