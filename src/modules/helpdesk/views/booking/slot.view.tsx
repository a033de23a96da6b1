/** Booking, question 3: when — the free slots, or what to do when there is none. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import { PhoneLink } from '../../../../ui/components/contact.tsx';
import { ErrorSummary, Form } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatSlot } from '../../helpdesk.format.ts';
import type { Motif, NextOpening, PublicSlot } from '../../helpdesk.model.ts';
import { type BookingState, Hidden, query } from './parts.tsx';
import { SlotButtons } from '../slot-buttons.tsx';

/** The centre's phone as a link that dials, and the next opening beyond the booking window if any. */
function NoSlotHelp({ ctx, nextOpening }: { ctx: ViewContext; nextOpening: NextOpening | null }) {
  const { t } = ctx;
  const phone = ctx.centre?.phone;
  return (
    <>
      {nextOpening && (
        <p>{t('helpdesk.public.nextOpening', { date: formatSlot(nextOpening.startAt, ctx.locale, ctx.now), place: nextOpening.siteName })}</p>
      )}
      {phone && (
        <p>
          {t('helpdesk.public.noSlotsCallLead')} <PhoneLink phone={phone} />
          {t('helpdesk.public.noSlotsCallEnd')}
        </p>
      )}
    </>
  );
}

/**
 * No free slot for this motif anywhere within the booking window: a plain page (not an error)
 * that says so and offers the phone and the next opening.
 */
export function NoSlotPage({ ctx, motif, nextOpening }: { ctx: ViewContext; motif: Motif; nextOpening: NextOpening | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.noSlotTitle')} audience="public" backHref={`/rendez-vous${query({ motif })}`}>
      <p class="caption">{motif.name}</p>
      <h1>{t('helpdesk.public.noSlotTitle')}</h1>
      <p class="lead">{t('helpdesk.public.noSlotIntro')}</p>
      <NoSlotHelp ctx={ctx} nextOpening={nextOpening} />
      <p>
        <a href="/rendez-vous">{t('helpdesk.public.otherMotif')}</a>
      </p>
    </Layout>
  );
}

export function SlotQuestionPage({
  ctx,
  state,
  slots,
  moreAfter,
  showingLater,
  error,
  nextOpening,
}: {
  ctx: ViewContext;
  state: BookingState;
  slots: PublicSlot[];
  /** Shown when `slots` is empty: the first free slot beyond the booking window. */
  nextOpening?: NextOpening | null;
  /** The date to continue from for "later slots", or null when there are no more. */
  moreAfter: string | null;
  showingLater: boolean;
  error?: string;
}) {
  const { t } = ctx;
  const errors: FieldErrors = error ? { creneau: error } : {};
  return (
    <Layout
      ctx={ctx}
      title={t('helpdesk.public.slotQuestion')}
      audience="public"
      hasErrors={Boolean(error)}
      backHref={`/rendez-vous/lieu${query({ motif: state.motif }, state.site ? { lieu: state.site.id } : {})}`}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">
        {state.motif?.name} · {state.site?.name}
      </p>
      <h1 id="champ-creneau">{t('helpdesk.public.slotQuestion')}</h1>
      <p class="hint">{t('helpdesk.public.slotHint', { minutes: state.motif?.durationMinutes ?? 30 })}</p>
      {error && (
        <p class="field-error">
          <span class="visually-hidden">{t('layout.errorPrefix')}</span>
          {error}
        </p>
      )}
      {slots.length === 0 ? (
        <div class="notice">
          <p>{t('helpdesk.public.noSlots')}</p>
          <NoSlotHelp ctx={ctx} nextOpening={nextOpening ?? null} />
          <p>
            <a href={`/rendez-vous/lieu${query({ motif: state.motif })}`}>{t('helpdesk.public.otherPlace')}</a>
          </p>
        </div>
      ) : (
        <Form ctx={ctx} action="/rendez-vous/coordonnees" method="get">
          <Hidden state={{ motif: state.motif, site: state.site }} />
          <SlotButtons ctx={ctx} slots={slots} />
        </Form>
      )}
      <p class="button-row">
        {moreAfter && (
          <a class="button secondary" href={`/rendez-vous/creneau${query({ motif: state.motif, site: state.site }, { apres: moreAfter })}`}>
            {t('helpdesk.public.moreSlots')}
          </a>
        )}
        {showingLater && (
          <a href={`/rendez-vous/creneau${query({ motif: state.motif, site: state.site })}`}>{t('helpdesk.public.earlierSlots')}</a>
        )}
      </p>
    </Layout>
  );
}
