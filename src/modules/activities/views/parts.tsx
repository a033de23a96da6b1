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

/** "Intervenants" and "Partenaires" of an activity (an information time's guests), when it has any. */
export function SpeakersAndPartners({ ctx, activity }: { ctx: ViewContext; activity: { speakers: { name: string; role: string | null }[]; partners: { name: string; url: string | null }[] } }) {
  return (
    <>
      {activity.speakers.length > 0 && (
        <section aria-labelledby="intervenants">
          <h2 id="intervenants">{ctx.t('activities.page.speakers')}</h2>
          <ul>
            {activity.speakers.map((s, i) => (
              <li key={i}>
                {s.name}
                {s.role && <>, {s.role}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {activity.partners.length > 0 && (
        <section aria-labelledby="partenaires">
          <h2 id="partenaires">{ctx.t('activities.page.partners')}</h2>
          <ul>
            {activity.partners.map((p, i) => (
              <li key={i}>{p.url ? <a href={p.url} rel="noopener noreferrer">{p.name}</a> : p.name}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
