// Staff pages of the pathways module, one file per resource; registered by pathways.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, refusalOf } from '../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { BankPage, MAX_CHOICES, QuestionFormPage } from './views/questions.view.tsx';
import { type Params } from './route-helpers.ts';

/** The question form: choice1…choice6 and the number of the right one. */
function parseQuestion(body: Record<string, unknown>) {
  const errors: FieldErrors = {};
  const labels = Array.from({ length: MAX_CHOICES }, (_, i) => String(body[`choice${i + 1}`] ?? '').trim());
  const correct = Number(body.correct);
  const choices = labels.map((label, i) => ({ label, correct: i + 1 === correct, index: i + 1 })).filter((c) => c.label !== '');
  if (!String(body.skillId ?? '')) errors.skillId = 'pathways.question.skillUnknown';
  const prompt = String(body.prompt ?? '').trim();
  if (!prompt) errors.prompt = 'pathways.question.promptRequired';
  else if (prompt.length > 500) errors.prompt = 'pathways.text.tooLong';
  if (labels.some((l) => l.length > 200)) errors[`choice${labels.findIndex((l) => l.length > 200) + 1}`] = 'pathways.text.tooLong';
  if (choices.length < 2) errors[labels[0] ? 'choice2' : 'choice1'] = 'pathways.question.twoChoices';
  if (!choices.some((c) => c.correct)) errors.correct = 'pathways.question.oneCorrect';
  const picture = String(body.picture ?? '') || null;
  return {
    errors,
    input: { skillId: String(body.skillId ?? ''), prompt, picture: picture as never, pictureAlt: String(body.pictureAlt ?? '').trim().slice(0, 200) || null, choices: choices.map(({ label, correct: c }) => ({ label, correct: c })) },
  };
}

/** The question bank of the positioning quiz. */
export function registerQuestionPages(app: FastifyInstance, s: PathwaysModule): void {

  app.get('/parcours/questions', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <BankPage ctx={viewContext(request)} questions={await s.quiz.listBank(actor, { includeRetired: true })} skills={await s.framework.activeSkills(actor.centerId)} />);
  });

  const questionPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, action: string, values: FormValues, isNew: boolean, errors?: FieldErrors) =>
    sendPage(reply, <QuestionFormPage ctx={viewContext(request)} action={action} skills={await s.framework.activeSkills(actor.centerId)} values={values} errors={errors} isNew={isNew} />, errors ? 422 : 200);

  app.get('/parcours/questions/nouvelle', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    return questionPage(request, reply, actor, '/parcours/questions/nouvelle', {}, true);
  });

  app.post('/parcours/questions/nouvelle', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    const { errors, input } = parseQuestion((request.body ?? {}) as Record<string, unknown>);
    if (Object.keys(errors).length > 0) return questionPage(request, reply, actor, '/parcours/questions/nouvelle', formValues(request.body), true, errors);
    try {
      await s.quiz.createQuestion(actor, input);
    } catch (error) {
      return questionPage(request, reply, actor, '/parcours/questions/nouvelle', formValues(request.body), true, refusalOf(error, { rename: { choices: 'correct' } }).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.question.saved'));
    return redirectSeeOther(reply, '/parcours/questions');
  });

  app.get<{ Params: Params }>('/parcours/questions/:id/modifier', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    const q = await s.quiz.getQuestion(actor, request.params.id);
    const values: FormValues = { skillId: q.skillId, prompt: q.prompt, picture: q.picture ?? '', pictureAlt: q.pictureAlt ?? '', correct: String(q.choices.findIndex((c) => c.correct) + 1) };
    q.choices.forEach((c, i) => (values[`choice${i + 1}`] = c.label));
    return questionPage(request, reply, actor, `/parcours/questions/${q.id}/modifier`, values, false);
  });

  app.post<{ Params: Params }>('/parcours/questions/:id/modifier', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    const q = await s.quiz.getQuestion(actor, request.params.id);
    const action = `/parcours/questions/${q.id}/modifier`;
    const { errors, input } = parseQuestion((request.body ?? {}) as Record<string, unknown>);
    if (Object.keys(errors).length > 0) return questionPage(request, reply, actor, action, formValues(request.body), false, errors);
    try {
      await s.quiz.updateQuestion(actor, q.id, input);
    } catch (error) {
      return questionPage(request, reply, actor, action, formValues(request.body), false, refusalOf(error, { rename: { choices: 'correct' } }).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.question.saved'));
    return redirectSeeOther(reply, '/parcours/questions');
  });

  for (const [path, retired] of [['retirer', true], ['remettre', false]] as const) {
    app.post<{ Params: Params }>(`/parcours/questions/:id/${path}`, page('pathways.questions'), async (request, reply) => {
      const actor = actorOf(request);
      await s.quiz.setRetired(actor, request.params.id, retired);
      setFlash(reply, t(request.locale, retired ? 'pathways.question.retired' : 'pathways.question.restored'));
      return redirectSeeOther(reply, '/parcours/questions');
    });
  }
}
