/** Test fixtures of the equipment module: a centre with a studio, persons, a 3D-printing pathway. */
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/auth/actor.ts';

export async function setupEquipment(app: FastifyInstance, centerId: string) {
  const s = app.services;
  const system = systemActor(centerId);
  const studio = await s.centre.createSite(centerId, { name: 'Studio de création', kind: 'studio', address: '2 rue de la Gare', communeInsee: '59122' });
  let n = 0;
  const person = async (firstName: string, email: string | null = null, phone: string | null = null) =>
    (await s.people.createFromPublicForm(centerId, { firstName, lastName: `Essai${++n}`, email, phone, birthYear: 1948, consents: [{ kind: 'data_processing', granted: true }] })).id;
  await s.pathways.framework.ensure(centerId);
  const [skill] = await s.pathways.framework.activeSkills(centerId);
  const pathway = await s.pathways.pathways.create(system, {
    title: 'Fabriquer au studio', audience: 'tout_public', description: null,
    modules: [{ title: 'Imprimer en 3D en sécurité', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skill!.id], activityIds: [] }],
  });
  const module = pathway.modules[0]!;
  /** Enrols the person and records the module's skill as acquired: the module is complete. */
  const completeTraining = async (personId: string) => {
    const enrolment = await s.pathways.enrolments.enrol(system, pathway.id, { personId, source: 'staff' });
    await s.pathways.enrolments.recordEvaluation(system, enrolment.id, { moduleId: module.id, kind: 'facilitator', comment: null, results: [{ skillId: skill!.id, status: 'acquis', autonomy: 'autonome' }] });
  };
  return { studio, person, module, pathway, completeTraining };
}

export const tabletBody = (tag: string, extra: Record<string, unknown> = {}) => ({
  name: `Tablette Facilotab ${tag}`, category: 'tablette', assetTag: tag, funder: 'Carsat', fundingProgramme: 'Bien vieillir connecté', purchaseDate: '2026-03-02',
  purchaseValueCents: 34900, publicDescription: 'Une tablette simple, prêtée un mois aux seniors.', components: [{ name: 'Chargeur', quantity: 1 }, { name: 'Housse', quantity: 1 }], ...extra,
});
