import type { FieldErrors } from '../../../platform/errors.ts';
import { ErrorSummary, fieldId, localizeErrors } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { QuestionView, QuizResult } from '../quiz.service.ts';
import { PathwaysStyles, Pictogram } from './parts.tsx';

/**
 * One large question per page. The choices carry opaque ids only: nothing in the page says
 * which one is right. "Je ne sais pas" is a submit button of its own, always there.
 */
export function QuizQuestionPage({ ctx, action, question, errors = {} }: { ctx: ViewContext; action: string; question: QuestionView; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const name = 'choix';
  return (
    <Layout ctx={ctx} title={`${t('pathways.quiz.questionN', { n: question.number })} – ${t('pathways.quiz.title')}`} hasErrors={Object.keys(e).length > 0} audience="public">
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

export function QuizResultPage({ ctx, result }: { ctx: ViewContext; result: QuizResult }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pathways.quiz.doneTitle')} audience="public">
      <PathwaysStyles />
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
    </Layout>
  );
}

/** Staff: the quiz is ready; hand over this device or let the person scan the code. */
export function QuizStaffPage({ ctx, enrolmentId, learner, path, url, qrDataUrl, finished }: { ctx: ViewContext; enrolmentId: string; learner: string; path: string; url: string; qrDataUrl: string; finished: boolean }) {
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
          <p>
            <a class="button" href={path}>{t('pathways.quiz.startHere')}</a>
          </p>
          <div class="panel">
            <img class="qr" src={qrDataUrl} alt={t('pathways.quiz.qrAlt')} width="192" height="192" />
            <p class="link-url">{url}</p>
          </div>
        </>
      )}
    </Layout>
  );
}
