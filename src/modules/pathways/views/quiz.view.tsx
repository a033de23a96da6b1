import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, fieldId, Form, localizeErrors, TextField } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { QuestionView, QuizResult } from '../quiz.service.ts';
import { PathwaysStyles, Pictogram } from './parts.tsx';

/**
 * One large question per page. The choices carry opaque ids only: nothing in the page says
 * which one is right. "Je ne sais pas" is a submit button of its own, always there.
 */
export function QuizQuestionPage({ ctx, action, question, errors = {}, kiosk = false }: { ctx: ViewContext; action: string; question: QuestionView; errors?: FieldErrors; kiosk?: boolean }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const name = 'choix';
  return (
    <Layout ctx={ctx} title={`${t('pathways.quiz.questionN', { n: question.number })} – ${t('pathways.quiz.title')}`} hasErrors={Object.keys(e).length > 0} audience={kiosk ? 'kiosk' : 'public'}>
      <PathwaysStyles />
      <p class="quiz-count">
        {t('pathways.quiz.questionN', { n: question.number })} <span class="hint">{t('pathways.quiz.atMost', { max: question.maxLength })}</span>
      </p>
      <ErrorSummary ctx={ctx} errors={e} />
      <form method="post" action={action} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="question" value={question.questionId} />
        <div class={`field quiz-choices${e[name] ? ' has-error' : ''}`}>
          <fieldset id={fieldId(name)} aria-describedby={e[name] ? `${fieldId(name)}-erreur` : undefined}>
            <legend>
              <h1 class="quiz-question">{question.prompt}</h1>
            </legend>
            {question.picture && (
              <div class="quiz-picture">
                <Pictogram name={question.picture} label={question.pictureAlt} size={140} />
              </div>
            )}
            {e[name] && (
              <p class="field-error" id={`${fieldId(name)}-erreur`}>
                <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                {e[name]}
              </p>
            )}
            <p class="visually-hidden">{t('pathways.quiz.answerLegend')}</p>
            {question.choices.map((c, i) => (
              <div class="choice" key={c.id}>
                <input id={`${fieldId(name)}-${i}`} type="radio" name={name} value={c.id} />
                <label for={`${fieldId(name)}-${i}`}>{c.label}</label>
              </div>
            ))}
          </fieldset>
        </div>
        <div class="quiz-actions">
          <button type="submit">{t('pathways.quiz.submit')}</button>
          <button type="submit" name="jeNeSaisPas" value="1" class="secondary">
            {t('pathways.quiz.dontKnow')}
          </button>
        </div>
      </form>
      <p class="hint">{t('pathways.quiz.reassure')}</p>
    </Layout>
  );
}

/**
 * The end of the quiz. On a handed-over tablet (kiosk) it also holds the way out: the
 * facilitator's password gives them their session back; anyone else goes to the login page.
 */
export function QuizResultPage({ ctx, result, kiosk = false, errors = {} }: { ctx: ViewContext; result: QuizResult; kiosk?: boolean; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  return (
    <Layout ctx={ctx} title={t('pathways.quiz.doneTitle')} audience={kiosk ? 'kiosk' : 'public'} hasErrors={Object.keys(e).length > 0}>
      <PathwaysStyles />
      <ErrorSummary ctx={ctx} errors={e} />
      <div class="confirmation">
        <h1>{t('pathways.quiz.doneTitle')}</h1>
      </div>
      {result.placement && <p class="lead">{t('pathways.quiz.placement', { n: result.placement.number, title: result.placement.title })}</p>}
      <h2>{t('pathways.quiz.known')}</h2>
      {result.known.length === 0 ? (
        <p>{t('pathways.quiz.knownNone')}</p>
      ) : (
        <ul>
          {result.known.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <p>{t('pathways.quiz.handBack')}</p>
      {kiosk && (
        <section class="panel" aria-labelledby="rendre-titre">
          <h2 id="rendre-titre">{t('pathways.kiosk.handBackTitle')}</h2>
          <Form ctx={ctx} action="/kiosque/rendre">
            <TextField ctx={ctx} name="motDePasse" type="password" autocomplete="current-password" label={t('pathways.kiosk.password')} hint={t('pathways.kiosk.passwordHint')} error={e.motDePasse} width="medium" />
            <button type="submit">{t('pathways.kiosk.handBack')}</button>
          </Form>
          <Form ctx={ctx} action="/kiosque/quitter">
            <button type="submit" class="link-button">{t('pathways.kiosk.otherAccount')}</button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** Staff: the quiz is ready; hand over this device or let the person scan the code. */
export function QuizStaffPage({ ctx, enrolmentId, learner, handOverAction, url, qrDataUrl, finished }: { ctx: ViewContext; enrolmentId: string; learner: string; handOverAction: string; url: string; qrDataUrl: string; finished: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pathways.quiz.staffTitle')} backHref={`/parcours/inscriptions/${enrolmentId}`}>
      <PathwaysStyles />
      <h1>{t('pathways.quiz.staffTitle')}</h1>
      <p class="lead">{learner}</p>
      {finished ? (
        <p>{t('pathways.quiz.finished')}</p>
      ) : (
        <>
          <p>{t('pathways.quiz.staffIntro')}</p>
          <Form ctx={ctx} action={handOverAction}>
            <p class="hint">{t('pathways.kiosk.startHint')}</p>
            <button type="submit">{t('pathways.quiz.startHere')}</button>
          </Form>
          <div class="panel">
            <img class="qr" src={qrDataUrl} alt={t('pathways.quiz.qrAlt')} width="192" height="192" />
            <p class="link-url">{url}</p>
          </div>
        </>
      )}
    </Layout>
  );
}
