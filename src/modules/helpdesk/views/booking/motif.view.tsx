/** Booking, question 1: what the appointment is for. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import { PhoneLink } from '../../../../ui/components/contact.tsx';
import { choiceId, ErrorSummary, Form } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { Motif } from '../../helpdesk.model.ts';

export function MotifQuestionPage({ ctx, motifs, selected, error }: { ctx: ViewContext; motifs: Motif[]; selected?: string; error?: string }) {
  const { t } = ctx;
  const errors: FieldErrors = error ? { motif: error } : {};
  return (
    <Layout ctx={ctx} title={t('helpdesk.public.motifQuestion')} audience="public" hasErrors={Boolean(error)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">{t('helpdesk.public.startTitle')}</p>
      {motifs.length === 0 ? (
        <>
          <h1>{t('helpdesk.public.startTitle')}</h1>
          <p class="lead">{t('helpdesk.public.startIntro')}</p>
          <div class="notice">
            <p>{t('helpdesk.public.noMotif')}</p>
            {ctx.centre?.phone && <p><strong><PhoneLink phone={ctx.centre.phone} /></strong></p>}
          </div>
        </>
      ) : (
        <Form ctx={ctx} action="/rendez-vous/lieu" method="get">
          <div class={`field${error ? ' has-error' : ''}`}>
            <fieldset aria-describedby={`champ-motif-aide${error ? ' champ-motif-erreur' : ''}`}>
              <legend class="question">
                <h1>{t('helpdesk.public.motifQuestion')}</h1>
              </legend>
              <p class="hint" id="champ-motif-aide">{t('helpdesk.public.motifHint')}</p>
              {error && (
                <p class="field-error" id="champ-motif-erreur">
                  <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                  {error}
                </p>
              )}
              {motifs.map((m, i) => (
                <div class="choice big-choice" key={m.id}>
                  <input id={choiceId('motif', i)} type="radio" name="motif" value={m.id} checked={m.id === selected} />
                  <label for={choiceId('motif', i)}>
                    {m.name}
                    {m.description && <span class="hint block">{m.description}</span>}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
          <button type="submit">{t('common.continue')}</button>
        </Form>
      )}
    </Layout>
  );
}
