/** Booking, question 2: where (when the motif is offered at more than one site). */
import type { FieldErrors } from '../../../../platform/errors.ts';
import { joinPlace } from '../../../../platform/text.ts';
import { MapLink } from '../../../../ui/components/contact.tsx';
import { choiceId, ErrorSummary, Form } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatSlot } from '../../helpdesk.format.ts';
import type { PlaceChoice } from '../../helpdesk.model.ts';
import { type BookingState, Hidden, query } from './parts.tsx';

export function PlaceQuestionPage({ ctx, state, places, selected, error }: { ctx: ViewContext; state: BookingState; places: PlaceChoice[]; selected?: string; error?: string }) {
  const { t } = ctx;
  const errors: FieldErrors = error ? { lieu: error } : {};
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.placeQuestion')} audience="public" hasErrors={Boolean(error)} backHref={`/rendez-vous${query({ motif: state.motif })}`}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">{state.motif?.name}</p>
      <Form ctx={ctx} action="/rendez-vous/creneau" method="get">
        <Hidden state={{ motif: state.motif }} />
        <div class={`field${error ? ' has-error' : ''}`}>
          <fieldset aria-describedby={`champ-lieu-aide${error ? ' champ-lieu-erreur' : ''}`}>
            <legend class="question">
              <h1>{t('helpdesk.public.placeQuestion')}</h1>
            </legend>
            <p class="hint" id="champ-lieu-aide">{t('helpdesk.public.placeHint')}</p>
            {error && (
              <p class="field-error" id="champ-lieu-erreur">
                <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                {error}
              </p>
            )}
            {places.map(({ site, firstSlot }, i) => (
              <div class="choice big-choice" key={site.id}>
                <input id={choiceId('lieu', i)} type="radio" name="lieu" value={site.id} checked={site.id === selected} />
                <label for={choiceId('lieu', i)}>
                  {site.name}
                  {(site.address || site.communeName) && (
                    <span class="hint block">{joinPlace(site.address, site.communeName)}</span>
                  )}
                  <span class="hint block">
                    {firstSlot ? t('helpdesk.public.firstSlot', { date: formatSlot(firstSlot, ctx.locale, ctx.now) }) : t('helpdesk.public.noSlotHere')}
                  </span>
                </label>
                {/* Outside the label: a link inside it would also tick the radio. */}
                <p class="choice-extra">
                  <MapLink ctx={ctx} name={site.name} address={site.address} commune={site.communeName} />
                </p>
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit">{t('common.continue')}</button>
      </Form>
    </Layout>
  );
}
