// Pages of the team notice board (/equipe/annonces): the list, a new post, a post with its read receipts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { digestForm, noticeForm } from '../notice-board.schemas.ts';
import type { TeamBoardModule } from '../team-board.module.ts';
import { NewNoticePage, NoticeBoardPage, NoticePage } from '../views/notice-board.view.tsx';

const BASE = '/equipe/annonces';

export function registerNoticeBoardPages(app: FastifyInstance, m: TeamBoardModule): void {
  const boardPage = async (request: FastifyRequest, reply: FastifyReply, digestErrors?: FieldErrors, status = 200) => {
    const actor = actorOf(request);
    const [notices, frequency] = await Promise.all([m.notices.list(actor), m.notices.digestFrequency(actor.centerId)]);
    return sendPage(reply, <NoticeBoardPage ctx={viewContext(request)} notices={notices} frequency={frequency} digestErrors={digestErrors} />, status);
  };

  app.get(BASE, page('team.notices'), async (request, reply) => boardPage(request, reply));

  const newPage = (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) =>
    sendPage(reply, <NewNoticePage ctx={viewContext(request)} values={values} errors={errors} />, errors ? status : 200);
  const order = ['title', 'body', 'expiresOn', 'pinned'];

  app.get(`${BASE}/nouvelle`, page('team.notices'), async (request, reply) => newPage(request, reply, {}));
  app.post(`${BASE}/nouvelle`, page('team.notices'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: noticeForm, order,
      run: (form) => m.notices.post(actor, form),
      render: ({ values, errors, status }) => newPage(request, reply, values, errors, status),
      done: (notice) => ({ redirect: `${BASE}/${notice.id}`, flash: 'board.notice.posted' }),
    });
  });

  app.post(`${BASE}/resume`, page('team.notices.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: digestForm,
      run: (form) => m.notices.setDigestFrequency(actor, form.frequency),
      render: ({ errors }) => boardPage(request, reply, errors, 422),
      done: () => ({ redirect: BASE, flash: 'board.digest.saved' }),
    });
  });

  app.get(`${BASE}/:id`, page('team.notices'), async (request, reply) => {
    const notice = await m.notices.open(actorOf(request), idOf(request));
    return sendPage(reply, <NoticePage ctx={viewContext(request)} notice={notice} />);
  });
}
