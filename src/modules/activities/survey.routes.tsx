// "Votre avis": the resident's personal link (no account) and the staff's paper entry.
import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../platform/http/access.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { idOf } from '../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { SURVEY_RATINGS, surveyAnswerForm, surveyPaperForm } from './activity.schemas.ts';
import { SurveyPaperPage, SurveyPage, SurveyThanksPage } from './views/survey.view.tsx';

// An answer is sent once or twice by one person; a flood is something else.
const postLimit = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } } as const;

export function registerSurveyPages(app: FastifyInstance, m: ActivitiesModule): void {
  const { surveys } = m;
  const tokenOf = (request: { params: unknown }) => String((request.params as { token?: unknown }).token ?? '');

  // The question page, or the thanks once answered (also what a second visit shows).
  app.get('/avis/:token', page('public'), async (request, reply) => {
    const token = tokenOf(request);
    const survey = await surveys.publicSurvey(token);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (survey.answered) return sendPage(reply, <SurveyThanksPage ctx={viewContext(request)} survey={survey} already={(request.query as Record<string, unknown>).merci !== '1'} />);
    return sendPage(reply, <SurveyPage ctx={viewContext(request)} survey={survey} token={token} values={{}} />);
  });

  app.post('/avis/:token', page('public', postLimit), async (request, reply) => {
    const token = tokenOf(request);
    const survey = await surveys.publicSurvey(token);
    if (survey.answered) return sendPage(reply, <SurveyThanksPage ctx={viewContext(request)} survey={survey} already />);
    return handleForm(request, reply, {
      schema: surveyAnswerForm,
      order: ['rating', 'comment'],
      run: (data) => surveys.answer(token, { rating: data.rating, comment: data.comment }),
      render: ({ values, errors, status }) => sendPage(reply, <SurveyPage ctx={viewContext(request)} survey={survey} token={token} values={values} errors={errors} />, status),
      done: () => ({ redirect: `/avis/${token}?merci=1` }),
    });
  });

  app.get('/seances/:id/avis-papier', page('activities.attendance'), async (request, reply) => {
    const paper = await surveys.paper(actorOf(request), idOf(request));
    const values = Object.fromEntries(SURVEY_RATINGS.map((r) => [`face${r}`, paper.counts[r] ? String(paper.counts[r]) : '']));
    return sendPage(reply, <SurveyPaperPage ctx={viewContext(request)} detail={paper.detail} values={{ ...values, comments: paper.comments.join('\n') }} />);
  });

  app.post('/seances/:id/avis-papier', page('activities.attendance'), async (request, reply) => {
    const actor = actorOf(request);
    const paper = await surveys.paper(actor, idOf(request));
    return handleForm(request, reply, {
      schema: surveyPaperForm,
      order: ['face5', 'face4', 'face3', 'face2', 'face1', 'comments'],
      run: (data) => surveys.recordPaper(actor, paper.detail.session.id, {
        counts: { 1: data.face1 ?? 0, 2: data.face2 ?? 0, 3: data.face3 ?? 0, 4: data.face4 ?? 0, 5: data.face5 ?? 0 },
        comments: data.comments.split('\n'),
      }),
      render: ({ values, errors, status }) => sendPage(reply, <SurveyPaperPage ctx={viewContext(request)} detail={paper.detail} values={values} errors={errors} />, status),
      done: () => ({ redirect: `/seances/${paper.detail.session.id}#votre-avis`, flash: 'activities.survey.paper.saved' }),
    });
  });
}
