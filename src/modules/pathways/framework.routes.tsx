// Staff pages of the pathways module, one file per resource; registered by pathways.routes.tsx.
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm, refusalOf, handleForm } from '../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { newSkillForm, skillForm } from './pathways.schemas.ts';
import { FrameworkPage, SkillFormPage } from './views/framework.view.tsx';
import { type Params, type Q } from './route-helpers.ts';

/** The competence framework: reading it, exporting and importing it. */
export function registerFrameworkPages(app: FastifyInstance, s: PathwaysModule): void {

  app.get('/referentiel', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    const showRetired = (request.query as Q).retires === '1';
    return sendPage(reply, <FrameworkPage ctx={viewContext(request)} tree={await s.framework.tree(actor, { includeRetired: showRetired })} showRetired={showRetired} />);
  });

  app.get('/referentiel/export.json', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', 'attachment; filename="referentiel.json"').send(JSON.stringify(await s.framework.exportDocument(actor), null, 2));
  });

  app.post('/referentiel/import', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const text = String(((request.body ?? {}) as Record<string, unknown>).fichier ?? '');
    const fail = async (errors: FieldErrors) => sendPage(reply, <FrameworkPage ctx={viewContext(request)} tree={await s.framework.tree(actor)} showRetired={false} importValue={text} errors={errors} />, 422);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return fail({ fichier: 'pathways.framework.jsonInvalid' });
    }
    try {
      const summary = await s.framework.importDocument(actor, doc);
      setFlash(reply, t(request.locale, 'pathways.framework.importDone', { ...summary }));
      return redirectSeeOther(reply, '/referentiel');
    } catch (error) {
      const fields = refusalOf(error).errors;
      // One summary entry per problem, all pointing at the pasted file.
      const messages = Object.entries(fields).slice(0, 20).map(([path, message]) => `${path} : ${message}`);
      return fail({ fichier: 'pathways.framework.importInvalid', ...Object.fromEntries(messages.map((m, i) => [`fichier-${i}`, m])) });
    }
  });
}

/** The framework's skills: adding, rewording, retiring and ordering them. */
export function registerSkillPages(app: FastifyInstance, s: PathwaysModule): void {
  app.get('/referentiel/savoir-faire/nouveau', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const subjects = await subjectChoices(actor);
    const subjectId = (request.query as Q).sujet;
    const subject = subjects.find((x) => x.id === subjectId);
    return sendPage(reply, <SkillFormPage ctx={viewContext(request)} action="/referentiel/savoir-faire/nouveau" subjectTitle={subject?.title ?? ''} subjects={subjects} values={{ subjectId: subject?.id, difficulty: '1' }} isNew />);
  });

  app.post('/referentiel/savoir-faire/nouveau', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: newSkillForm,
      run: (input) => s.framework.addSkill(actor, input),
      render: async ({ values, errors }) =>
        sendPage(reply, <SkillFormPage ctx={viewContext(request)} action="/referentiel/savoir-faire/nouveau" subjectTitle="" subjects={await subjectChoices(actor)} values={values} errors={errors} isNew />, 422),
      done: () => ({ redirect: '/referentiel', flash: 'pathways.skill.saved' }),
    });
  });

  app.get<{ Params: Params }>('/referentiel/savoir-faire/:id/modifier', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const skill = await s.framework.getSkill(actor, request.params.id);
    return sendPage(reply, <SkillFormPage ctx={viewContext(request)} action={`/referentiel/savoir-faire/${skill.id}/modifier`} subjectTitle={`${skill.competenceCode} ${skill.competenceTitle} – ${skill.subjectTitle}`} values={{ statement: skill.statement, difficulty: String(skill.difficulty) }} isNew={false} />);
  });

  app.post<{ Params: Params }>('/referentiel/savoir-faire/:id/modifier', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const skill = await s.framework.getSkill(actor, request.params.id);
    const parsed = parseForm(skillForm, request.body);
    if (!parsed.ok) {
      return sendPage(reply, <SkillFormPage ctx={viewContext(request)} action={`/referentiel/savoir-faire/${skill.id}/modifier`} subjectTitle={`${skill.competenceCode} ${skill.competenceTitle} – ${skill.subjectTitle}`} values={formValues(request.body)} errors={parsed.errors} isNew={false} />, 422);
    }
    await s.framework.rewordSkill(actor, skill.id, parsed.data);
    setFlash(reply, t(request.locale, 'pathways.skill.saved'));
    return redirectSeeOther(reply, `/referentiel#competence-${skill.competenceCode}`);
  });

  for (const [path, run] of [
    ['retirer', (a: Actor, id: string) => s.framework.setRetired(a, id, true)],
    ['retablir', (a: Actor, id: string) => s.framework.setRetired(a, id, false)],
    ['monter', (a: Actor, id: string) => s.framework.moveSkill(a, id, 'up')],
    ['descendre', (a: Actor, id: string) => s.framework.moveSkill(a, id, 'down')],
  ] as const) {
    app.post<{ Params: Params }>(`/referentiel/savoir-faire/:id/${path}`, page('framework.manage'), async (request, reply) => {
      const actor = actorOf(request);
      const skill = await s.framework.getSkill(actor, request.params.id);
      await run(actor, skill.id);
      return redirectSeeOther(reply, `/referentiel${path === 'retablir' ? '?retires=1' : ''}#competence-${skill.competenceCode}`);
    });
  }

  async function subjectChoices(actor: Actor) {
    const tree = await s.framework.tree(actor);
    return tree.domains.flatMap((d) => d.competences.flatMap((c) => c.subjects.map((x) => ({ id: x.id, title: `${c.code} ${c.title} – ${x.title}` }))));
  }
}
