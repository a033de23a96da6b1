/**
 * A learner's progress, derived — never stored — from the append-only evaluation history.
 * Pure: the same history always gives the same progress.
 *
 * - A skill's current state is the result of the latest evaluation that assessed it
 *   (facilitator checklist or positioning); self-assessments are shown beside it, never over it.
 * - A skill is "acquired since" the first evaluation of its final run of "acquis".
 * - A module is complete when all its target skills are acquired; the pathway, when every
 *   module is. The current module is the first incomplete one from the starting module on.
 */
import { compareFrench } from '../../platform/text.ts';
import type { Autonomy, EvaluationKind, SelfAssessment, SkillStatus } from './pathways.vocab.ts';

export interface ProgressSkill {
  id: string;
  code: string;
  statement: string;
  difficulty: number;
  competenceCode: string;
  competenceTitle: string;
}

export interface ProgressModule {
  id: string;
  title: string;
  level: string;
  position: number;
  suggestedSessions: number;
  skills: ProgressSkill[];
  activities: { id: string; title: string }[];
}

export interface EvaluationRecord {
  id: string;
  kind: EvaluationKind;
  moduleId: string | null;
  recordedAt: string;
  recordedByLabel: string | null;
  comment: string | null;
  results: { skillId: string; status: string; autonomy: string | null }[];
}

export interface SkillState {
  status: SkillStatus | 'non_evalue';
  autonomy: Autonomy | null;
  evaluatedAt: string | null;
  acquiredAt: string | null;
  /** Acquired at the positioning (quiz or checklist), before the learning started. */
  atStart: boolean;
  self: SelfAssessment | null;
  selfAt: string | null;
}

export type ModuleState = 'termine' | 'valide_au_depart' | 'en_cours' | 'a_venir';

export interface ModuleProgress extends ProgressModule {
  skillStates: (ProgressSkill & SkillState)[];
  acquired: number;
  total: number;
  complete: boolean;
  completedAt: string | null;
  state: ModuleState;
}

export interface CompetenceSeries {
  code: string;
  title: string;
  total: number;
  /** The count of acquired skills after each evaluation that changed it, from the enrolment on. */
  points: { at: string; acquired: number }[];
  acquiredNow: number;
  acquiredAtStart: number;
}

export interface Progress {
  startedAt: string;
  modules: ModuleProgress[];
  currentModuleId: string | null;
  complete: boolean;
  completedAt: string | null;
  learnt: { skill: ProgressSkill; acquiredAt: string; moduleTitle: string }[];
  /** Acquired at the positioning (quiz or checklist): known before the learning started. */
  knownAtStart: { skill: ProgressSkill; acquiredAt: string; moduleTitle: string }[];
  series: CompetenceSeries[];
  next: { module: ModuleProgress; remaining: ProgressSkill[]; following: ModuleProgress | null } | null;
  evaluationCount: number;
  lastEvaluatedAt: string | null;
}

const POSITIONING: readonly string[] = ['positioning_quiz', 'positioning_checklist'];

function byTime(a: EvaluationRecord, b: EvaluationRecord): number {
  return a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function deriveSkillStates(evaluations: readonly EvaluationRecord[]): Map<string, SkillState> {
  const states = new Map<string, SkillState>();
  const blank = (): SkillState => ({ status: 'non_evalue', autonomy: null, evaluatedAt: null, acquiredAt: null, atStart: false, self: null, selfAt: null });
  for (const evaluation of [...evaluations].sort(byTime)) {
    for (const r of evaluation.results) {
      const state = states.get(r.skillId) ?? blank();
      if (evaluation.kind === 'self') {
        state.self = r.status as SelfAssessment;
        state.selfAt = evaluation.recordedAt;
      } else {
        const wasAcquired = state.status === 'acquis';
        state.status = r.status as SkillStatus;
        state.autonomy = (r.autonomy ?? null) as Autonomy | null;
        state.evaluatedAt = evaluation.recordedAt;
        if (state.status === 'acquis' && !wasAcquired) {
          state.acquiredAt = evaluation.recordedAt;
          state.atStart = POSITIONING.includes(evaluation.kind);
        } else if (state.status !== 'acquis') {
          state.acquiredAt = null;
          state.atStart = false;
        }
      }
      states.set(r.skillId, state);
    }
  }
  return states;
}

export function deriveProgress(input: {
  enrolledAt: string;
  startModuleId: string | null;
  modules: readonly ProgressModule[];
  evaluations: readonly EvaluationRecord[];
}): Progress {
  const sorted = [...input.evaluations].sort(byTime);
  const states = deriveSkillStates(sorted);
  const blank: SkillState = { status: 'non_evalue', autonomy: null, evaluatedAt: null, acquiredAt: null, atStart: false, self: null, selfAt: null };
  const modules = [...input.modules].sort((a, b) => a.position - b.position);
  const startIndex = Math.max(0, modules.findIndex((m) => m.id === input.startModuleId));

  const progressModules: ModuleProgress[] = modules.map((m) => {
    const skillStates = m.skills.map((s) => ({ ...s, ...(states.get(s.id) ?? blank) }));
    const acquired = skillStates.filter((s) => s.status === 'acquis').length;
    const complete = skillStates.length > 0 && acquired === skillStates.length;
    const completedAt = complete ? skillStates.map((s) => s.acquiredAt!).sort().at(-1)! : null;
    return { ...m, skillStates, acquired, total: skillStates.length, complete, completedAt, state: 'a_venir' as ModuleState };
  });
  let current = progressModules.findIndex((m, i) => i >= startIndex && !m.complete);
  if (current === -1) current = progressModules.findIndex((m) => !m.complete);
  for (const [i, m] of progressModules.entries()) {
    if (m.complete) m.state = m.skillStates.every((s) => s.atStart) ? 'valide_au_depart' : 'termine';
    else if (i === current) m.state = 'en_cours';
  }
  const complete = progressModules.length > 0 && progressModules.every((m) => m.complete);

  // Learnt since the start, and known at the positioning: both acquired now, kept apart so the
  // learner sees what the quiz validated without it counting as learnt here; oldest first.
  const seen = new Set<string>();
  const learnt: Progress['learnt'] = [];
  const knownAtStart: Progress['knownAtStart'] = [];
  for (const m of progressModules) {
    for (const s of m.skillStates) {
      if (seen.has(s.id) || s.status !== 'acquis') continue;
      seen.add(s.id);
      const entry = { skill: { id: s.id, code: s.code, statement: s.statement, difficulty: s.difficulty, competenceCode: s.competenceCode, competenceTitle: s.competenceTitle }, acquiredAt: s.acquiredAt!, moduleTitle: m.title };
      (s.atStart ? knownAtStart : learnt).push(entry);
    }
  }
  const oldestFirst = (a: { acquiredAt: string }, b: { acquiredAt: string }) => (a.acquiredAt < b.acquiredAt ? -1 : a.acquiredAt > b.acquiredAt ? 1 : 0);
  learnt.sort(oldestFirst);
  knownAtStart.sort(oldestFirst);

  const currentModule = current >= 0 ? progressModules[current]! : null;
  return {
    startedAt: input.enrolledAt,
    modules: progressModules,
    currentModuleId: currentModule?.id ?? null,
    complete,
    completedAt: complete ? progressModules.map((m) => m.completedAt!).sort().at(-1)! : null,
    learnt,
    knownAtStart,
    series: competenceSeries(input.enrolledAt, progressModules, sorted),
    next: currentModule
      ? {
          module: currentModule,
          remaining: currentModule.skillStates.filter((s) => s.status !== 'acquis'),
          following: progressModules.slice(current + 1).find((m) => !m.complete) ?? null,
        }
      : null,
    evaluationCount: sorted.filter((e) => e.kind !== 'self').length,
    lastEvaluatedAt: sorted.filter((e) => e.kind !== 'self').at(-1)?.recordedAt ?? null,
  };
}

/** Replays the history once, counting acquired skills per competence after each evaluation. */
function competenceSeries(enrolledAt: string, modules: ModuleProgress[], sorted: EvaluationRecord[]): CompetenceSeries[] {
  const competenceOf = new Map<string, string>();
  const series = new Map<string, CompetenceSeries>();
  for (const m of modules) {
    for (const s of m.skillStates) {
      if (competenceOf.has(s.id)) continue;
      competenceOf.set(s.id, s.competenceCode);
      const entry = series.get(s.competenceCode) ?? { code: s.competenceCode, title: s.competenceTitle, total: 0, points: [{ at: enrolledAt, acquired: 0 }], acquiredNow: 0, acquiredAtStart: 0 };
      entry.total += 1;
      if (s.status === 'acquis') entry.acquiredNow += 1;
      if (s.status === 'acquis' && s.atStart) entry.acquiredAtStart += 1;
      series.set(s.competenceCode, entry);
    }
  }
  const acquired = new Set<string>();
  const counts = new Map<string, number>();
  for (const evaluation of sorted) {
    if (evaluation.kind === 'self') continue;
    const touched = new Set<string>();
    for (const r of evaluation.results) {
      const code = competenceOf.get(r.skillId);
      if (!code) continue;
      const before = acquired.has(r.skillId);
      const after = r.status === 'acquis';
      if (before === after) continue;
      if (after) acquired.add(r.skillId);
      else acquired.delete(r.skillId);
      counts.set(code, (counts.get(code) ?? 0) + (after ? 1 : -1));
      touched.add(code);
    }
    for (const code of touched) {
      const entry = series.get(code)!;
      const last = entry.points.at(-1)!;
      const value = counts.get(code) ?? 0;
      if (last.at === evaluation.recordedAt) last.acquired = value;
      else if (last.acquired !== value) entry.points.push({ at: evaluation.recordedAt, acquired: value });
    }
  }
  return [...series.values()].sort((a, b) => compareCodes(a.code, b.code));
}

/** "PP.2" before "1.1", then numeric order: the beginners' layer first, as in the framework. */
function compareCodes(a: string, b: string): number {
  const rank = (c: string) => (/^\d/.test(c) ? 1 : 0);
  return rank(a) - rank(b) || compareFrench(a, b);
}
