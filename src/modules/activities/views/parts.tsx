/** Small pieces shared by the activities pages. */
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatPrice } from '../activity.format.ts';
import type { PersonSummary } from '../ports.ts';

export const label = (ctx: ViewContext, prefix: string, value: string) => ctx.t(`${prefix}.${value}` as MessageKey);

/** "3 places restantes" / "Complet — liste d'attente": words, not colour alone. */
export function Seats({ ctx, left }: { ctx: ViewContext; left: number }) {
  if (left <= 0) return <span class="tag error">{ctx.t('activities.seats.full')}</span>;
  if (left === 1) return <span class="tag warning">{ctx.t('activities.seats.left', { count: left })}</span>;
  return <span class="tag success">{ctx.t('activities.seats.left', { count: left })}</span>;
}

export function price(ctx: ViewContext, a: { priceCents: number; reducedPriceCents: number | null }): string {
  return formatPrice(a.priceCents, a.reducedPriceCents, { free: ctx.t('activities.price.free'), reduced: ctx.t('activities.price.reduced') });
}

export function ages(ctx: ViewContext, a: { minAge: number | null; maxAge: number | null }): string | null {
  if (a.minAge !== null && a.maxAge !== null) return ctx.t('activities.page.ages', { min: a.minAge, max: a.maxAge });
  if (a.minAge !== null) return ctx.t('activities.page.agesFrom', { min: a.minAge });
  if (a.maxAge !== null) return ctx.t('activities.page.agesTo', { max: a.maxAge });
  return null;
}

/** Paragraphs typed with blank lines between them. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

/** First and last name, or a dash. */
export function personName(p: PersonSummary | null): string {
  return p ? [p.firstName, p.lastName].filter(Boolean).join(' ') || '—' : '—';
}
