import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import { localizeErrors } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { motifInput } from '../helpdesk.schemas.ts';
import { MotifFormPage, MotifsPage, motifValues } from '../views/desk/motifs.view.tsx';
import { type DeskDeps } from './shared.ts';

/** Settings: the motifs residents and staff book for. */
export function registerMotifRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { helpdesk } = deps;
  app.get('/permanences/motifs', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <MotifsPage ctx={viewContext(request)} motifs={await helpdesk.settings.listMotifs(actor, { includeArchived: true })} />);
  });

  app.get('/permanences/motifs/nouveau', page('helpdesk.manage'), async (request, reply) => {
    actorOf(request);
    return sendPage(reply, <MotifFormPage ctx={viewContext(request)} motifId={null} values={{}} errors={{}} />);
  });

  const saveMotif = async (request: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: motifInput,
      statuses: [409],
      fallbackField: 'name',
      run: (input) =>
        id ? helpdesk.settings.updateMotif(actor, id, { ...input, archived: formValues(request.body).archived === 'oui' }) : helpdesk.settings.createMotif(actor, input),
      render: ({ values, errors, status }) => {
        const view = viewContext(request);
        return sendPage(reply, <MotifFormPage ctx={view} motifId={id} values={values} errors={localizeErrors(view, errors)} />, status);
      },
      done: () => ({ redirect: '/permanences/motifs', flash: 'helpdesk.motif.saved' }),
    });
  };

  app.post('/permanences/motifs', page('helpdesk.manage'), (request, reply) => saveMotif(request, reply, null));

  app.get('/permanences/motifs/:id', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const motif = await helpdesk.settings.getMotif(actor, idOf(request));
    return sendPage(reply, <MotifFormPage ctx={viewContext(request)} motifId={motif.id} values={motifValues(motif)} errors={{}} />);
  });

  app.post('/permanences/motifs/:id', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const motif = await helpdesk.settings.getMotif(actor, idOf(request));
    return saveMotif(request, reply, motif.id);
  });
}
