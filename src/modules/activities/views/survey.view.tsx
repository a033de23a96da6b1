/** "Votre avis": the resident's question page and its thanks, the staff's results and paper form. */
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { choiceId, ErrorSummary, Form, localizeErrors, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatSession } from '../activity.format.ts';
import type { SessionDetail } from '../activity.service.ts';
import { SURVEY_RATINGS } from '../activity.schemas.ts';
import type { PublicSurvey, SurveyResults } from '../survey.service.ts';

/** The faces, from the happiest down: decoration beside words that say the same. */
const FACES: Record<number, string> = { 5: '😀', 4: '😊', 3: '😐', 2: '😟', 1: '😞' };
const ratingLabel = (ctx: ViewContext, r: number) => ctx.t(`activities.survey.rating.${r}` as MessageKey);

export function SurveyPage({ ctx, survey, token, values, errors = {} }: { ctx: ViewContext; survey: PublicSurvey; token: string; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const question = t('activities.survey.public.question');
  const selected = typeof values.rating === 'string' ? values.rating : '';
  return (
    <Layout ctx={ctx} title={`${question} – ${survey.title}`} audience="public" hasErrors={Object.keys(e).length > 0}>
      <p class="caption">{t('activities.survey.public.caption', { title: survey.title, when: formatSession(survey.startsAt, survey.endsAt, ctx.now) })}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/avis/${token}`}>
        <div class={`field${e.rating ? ' has-error' : ''}`}>
          <fieldset class="faces" aria-describedby={['champ-rating-aide', e.rating ? 'champ-rating-erreur' : ''].filter(Boolean).join(' ')}>
            <legend>
              <h1>{question}</h1>
            </legend>
            <p class="hint" id="champ-rating-aide">{t('activities.survey.public.anonymous')}</p>
            {e.rating && (
              <p class="field-error" id="champ-rating-erreur">
                <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                {e.rating}
              </p>
            )}
            {[...SURVEY_RATINGS].reverse().map((r, i) => (
              <div class="choice face" key={r}>
                <input id={choiceId('rating', i)} type="radio" name="rating" value={String(r)} checked={selected === String(r)} />
                <label for={choiceId('rating', i)}>
                  <span class="face-emoji" aria-hidden="true">{FACES[r]}</span> {ratingLabel(ctx, r)}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        <TextArea ctx={ctx} name="comment" label={t('activities.survey.public.comment')} hint={t('activities.survey.public.commentHint')} value={values.comment as string | undefined} error={e.comment} rows={4} optional />
        <button type="submit">{t('activities.survey.public.send')}</button>
      </Form>
    </Layout>
  );
}

export function SurveyThanksPage({ ctx, survey, already }: { ctx: ViewContext; survey: PublicSurvey; already: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('activities.survey.public.thanks')} audience="public">
      <div class="confirmation">
        <h1>{t('activities.survey.public.thanks')}</h1>
        <p class="confirmation-when">{survey.title}</p>
      </div>
      <p>{already ? t('activities.survey.public.already') : t('activities.survey.public.recorded')}</p>
      <p>
        <a href="/activites">{t('activities.survey.public.programme')}</a>
      </p>
    </Layout>
  );
}

/** The aggregate, for the staff's session and activity pages: never a name, never who answered what. */
export function SurveyResultsSection({ ctx, results, paperHref, headingId = 'votre-avis' }: { ctx: ViewContext; results: SurveyResults; paperHref?: string; headingId?: string }) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('activities.survey.results.title')}</h2>
      {results.answers === 0 ? (
        <p>{t('activities.survey.results.none')}</p>
      ) : (
        <p>{t('activities.survey.results.answers', { answers: results.answers, paper: results.paper, present: results.present })}</p>
      )}
      {results.answers > 0 && !results.shown && <p class="hint">{t('activities.survey.results.hidden')}</p>}
      {results.shown && (
        <>
          <p>
            <strong>{t('activities.survey.results.average', { average: (results.average ?? 0).toLocaleString('fr-FR') })}</strong>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('activities.survey.results.face')}</th>
                <th scope="col">{t('activities.survey.results.count')}</th>
              </tr>
            </thead>
            <tbody>
              {[...SURVEY_RATINGS].reverse().map((r) => (
                <tr key={r}>
                  <th scope="row">
                    <span aria-hidden="true">{FACES[r]}</span> {ratingLabel(ctx, r)}
                  </th>
                  <td>{results.counts[r as 1]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {results.comments.length > 0 && (
            <>
              <h3>{t('activities.survey.results.comments')}</h3>
              <p class="hint">{t('activities.survey.results.anonymous')}</p>
              <ul class="survey-comments">
                {results.comments.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {paperHref && (
        <p>
          <a href={paperHref}>{t('activities.survey.paper.link')}</a>
        </p>
      )}
    </section>
  );
}

export function SurveyPaperPage({ ctx, detail, values, errors = {} }: { ctx: ViewContext; detail: SessionDetail; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const { session, activity } = detail;
  const when = formatSession(session.startsAt, session.endsAt, ctx.now);
  return (
    <Layout ctx={ctx} title={`${t('activities.survey.paper.title')} – ${activity.title}`} hasErrors={Object.keys(e).length > 0} backHref={`/seances/${session.id}`}>
      <p class="caption">{activity.title}, {when}</p>
      <h1>{t('activities.survey.paper.title')}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <p>{t('activities.survey.paper.intro')}</p>
      <Form ctx={ctx} action={`/seances/${session.id}/avis-papier`}>
        <fieldset>
          <legend>{t('activities.survey.paper.countsLegend')}</legend>
          {[...SURVEY_RATINGS].reverse().map((r) => (
            <TextField key={r} ctx={ctx} name={`face${r}`} label={ratingLabel(ctx, r)} value={values[`face${r}`] as string | undefined} error={e[`face${r}`]}
              inputmode="numeric" width="short" />
          ))}
        </fieldset>
        <TextArea ctx={ctx} name="comments" label={t('activities.survey.paper.comments')} hint={t('activities.survey.paper.commentsHint')} value={values.comments as string | undefined} error={e.comments} rows={6} optional />
        <button type="submit">{t('activities.survey.paper.save')}</button>
      </Form>
    </Layout>
  );
}
