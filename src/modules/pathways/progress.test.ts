import { describe, expect, it } from 'vitest';
import { deriveProgress, deriveSkillStates, type EvaluationRecord, type ProgressModule } from './progress.ts';

const skill = (id: string, competenceCode: string) => ({ id, code: `@${id}`, statement: `Je sais ${id}`, difficulty: 1, competenceCode, competenceTitle: `Compétence ${competenceCode}` });
const modules: ProgressModule[] = [
  { id: 'm1', title: 'Un', level: 'decouverte', position: 0, suggestedSessions: 2, activities: [], skills: [skill('a', 'PP.1'), skill('b', 'PP.1')] },
  { id: 'm2', title: 'Deux', level: 'debutant', position: 1, suggestedSessions: 3, activities: [], skills: [skill('c', 'PP.2'), skill('d', 'PP.1')] },
];
let n = 0;
const ev = (kind: EvaluationRecord['kind'], at: string, results: [string, string][]): EvaluationRecord => ({
  id: `e${++n}`, kind, moduleId: null, recordedAt: at, recordedByLabel: null, comment: null,
  results: results.map(([skillId, status]) => ({ skillId, status, autonomy: null })),
});

describe('progress derived from the evaluation history', () => {
  it('takes the latest evaluation of each skill; a correction replaces, the history stays', () => {
    const states = deriveSkillStates([
      ev('facilitator', '2026-02-01T10:00:00Z', [['a', 'acquis']]),
      ev('facilitator', '2026-01-01T10:00:00Z', [['a', 'en_cours']]),
      ev('facilitator', '2026-03-01T10:00:00Z', [['a', 'non_acquis']]),
      ev('self', '2026-04-01T10:00:00Z', [['a', 'sait_faire']]),
    ]);
    // Order of the list does not matter: dates do. The self-assessment does not override.
    expect(states.get('a')).toMatchObject({ status: 'non_acquis', acquiredAt: null, self: 'sait_faire' });
  });

  it('dates a skill from the start of its last run of "acquis", and marks what was known at the start', () => {
    const states = deriveSkillStates([
      ev('positioning_quiz', '2026-01-01T00:00:00Z', [['a', 'acquis'], ['b', 'non_acquis']]),
      ev('facilitator', '2026-01-10T00:00:00Z', [['b', 'acquis']]),
      ev('facilitator', '2026-01-20T00:00:00Z', [['b', 'acquis']]),
    ]);
    expect(states.get('a')).toMatchObject({ acquiredAt: '2026-01-01T00:00:00Z', atStart: true });
    expect(states.get('b')).toMatchObject({ acquiredAt: '2026-01-10T00:00:00Z', atStart: false });
  });

  it('finds the current module, completion, what was learnt and the series per competence', () => {
    const p = deriveProgress({
      enrolledAt: '2026-01-01T00:00:00Z',
      startModuleId: 'm1',
      modules,
      evaluations: [
        ev('positioning_quiz', '2026-01-01T00:00:00Z', [['a', 'acquis']]),
        ev('facilitator', '2026-01-08T00:00:00Z', [['b', 'acquis'], ['d', 'en_cours']]),
        ev('facilitator', '2026-01-15T00:00:00Z', [['c', 'acquis']]),
      ],
    });
    expect(p.modules.map((m) => m.state)).toEqual(['termine', 'en_cours']);
    expect(p.modules[0]!.completedAt).toBe('2026-01-08T00:00:00Z');
    expect(p.currentModuleId).toBe('m2');
    expect(p.complete).toBe(false);
    expect(p.learnt.map((l) => l.skill.id)).toEqual(['b', 'c']);
    expect(p.knownAtStart.map((l) => [l.skill.id, l.acquiredAt])).toEqual([['a', '2026-01-01T00:00:00Z']]);
    expect(p.next?.remaining.map((s) => s.id)).toEqual(['d']);
    const pp1 = p.series.find((s) => s.code === 'PP.1')!;
    expect(pp1).toMatchObject({ total: 3, acquiredNow: 2, acquiredAtStart: 1 });
    expect(pp1.points).toEqual([
      { at: '2026-01-01T00:00:00Z', acquired: 1 },
      { at: '2026-01-08T00:00:00Z', acquired: 2 },
    ]);
    expect(p.series.map((s) => s.code)).toEqual(['PP.1', 'PP.2']);
  });

  it('a module entirely known at the start is "validé au départ", and the pathway completes with the last skill', () => {
    const p = deriveProgress({
      enrolledAt: '2026-01-01T00:00:00Z',
      startModuleId: 'm2',
      modules,
      evaluations: [
        ev('positioning_checklist', '2026-01-01T00:00:00Z', [['a', 'acquis'], ['b', 'acquis']]),
        ev('facilitator', '2026-02-01T00:00:00Z', [['c', 'acquis'], ['d', 'acquis']]),
      ],
    });
    expect(p.modules.map((m) => m.state)).toEqual(['valide_au_depart', 'termine']);
    expect(p.complete).toBe(true);
    expect(p.completedAt).toBe('2026-02-01T00:00:00Z');
    expect(p.next).toBeNull();
  });
});
