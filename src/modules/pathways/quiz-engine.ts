/**
 * The positioning quiz, as pure functions (no I/O, no clock, no Math.random).
 *
 * The approach is the one Pix uses with hand-authored, uncalibrated items:
 * - every question tests one skill; skills belong to a subject and have a difficulty 1–8;
 * - a success validates the skill and every easier skill of the same subject, a failure
 *   (or "je ne sais pas") invalidates the skill and every harder one of the same subject;
 * - the estimate of the learner's level is the highest difficulty validated so far (0 at first);
 * - the next question is the one whose expected outcome settles the most untested skills,
 *   never more than 2 levels above the estimate, never on a skill already settled (so never
 *   the same skill twice). The items are not calibrated, so both outcomes count as equally
 *   likely: expected = (settled if right + settled if wrong) / 2. Ties go to the easier
 *   question (gentler for a beginner), then to a seeded draw;
 * - it stops when no question would bring information, or at the maximum length.
 * The same answers and the same seed always give the same questions and the same placement.
 */

export interface EngineSkill {
  id: string;
  subjectId: string;
  difficulty: number;
}

export interface EngineQuestion {
  id: string;
  skillId: string;
}

/** "skip" is "je ne sais pas": it counts as a failure. */
export type Outcome = 'ok' | 'ko' | 'skip';

export interface EngineAnswer {
  skillId: string;
  outcome: Outcome;
}

export interface EngineOptions {
  seed: string;
  /** Default 20. */
  maxLength?: number;
  /** How far above the estimate a question may be; default 2. */
  maxAbove?: number;
}

export interface EngineState {
  validated: Set<string>;
  invalidated: Set<string>;
  estimate: number;
}

export type StopReason = 'max_length' | 'no_information';

export type NextStep =
  | { done: false; question: EngineQuestion; state: EngineState }
  | { done: true; reason: StopReason; state: EngineState };

export const DEFAULT_MAX_LENGTH = 20;
export const DEFAULT_MAX_ABOVE = 2;

/** Skills indexed once per bank: by id, and per subject sorted by difficulty. */
export class SkillIndex {
  readonly byId = new Map<string, EngineSkill>();
  readonly bySubject = new Map<string, EngineSkill[]>();

  constructor(skills: readonly EngineSkill[]) {
    for (const skill of skills) {
      this.byId.set(skill.id, skill);
      const list = this.bySubject.get(skill.subjectId) ?? [];
      list.push(skill);
      this.bySubject.set(skill.subjectId, list);
    }
    for (const list of this.bySubject.values()) list.sort((a, b) => a.difficulty - b.difficulty || cmp(a.id, b.id));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the answers so far say: validated and invalidated skills, and the level estimate. */
export function deriveState(index: SkillIndex, answers: readonly EngineAnswer[]): EngineState {
  const validated = new Set<string>();
  const invalidated = new Set<string>();
  for (const answer of answers) {
    const skill = index.byId.get(answer.skillId);
    if (!skill) continue; // a skill retired since the answer: it settles nothing any more
    const subject = index.bySubject.get(skill.subjectId) ?? [];
    if (answer.outcome === 'ok') {
      for (const s of subject) if (s.difficulty <= skill.difficulty && !invalidated.has(s.id)) validated.add(s.id);
    } else {
      for (const s of subject) if (s.difficulty >= skill.difficulty && !validated.has(s.id)) invalidated.add(s.id);
    }
    // The skill answered is settled by its own answer whatever came before.
    if (answer.outcome === 'ok') {
      invalidated.delete(skill.id);
      validated.add(skill.id);
    } else {
      validated.delete(skill.id);
      invalidated.add(skill.id);
    }
  }
  let estimate = 0;
  for (const id of validated) estimate = Math.max(estimate, index.byId.get(id)!.difficulty);
  return { validated, invalidated, estimate };
}

/**
 * How many untested skills each outcome would settle, doubled so that it stays an integer:
 * (settled if right) + (settled if wrong).
 */
export function doubledExpectedGain(index: SkillIndex, state: EngineState, skill: EngineSkill): number {
  let ifOk = 0;
  let ifKo = 0;
  for (const s of index.bySubject.get(skill.subjectId) ?? []) {
    if (state.validated.has(s.id) || state.invalidated.has(s.id)) continue;
    if (s.difficulty <= skill.difficulty) ifOk += 1;
    if (s.difficulty >= skill.difficulty) ifKo += 1;
  }
  return ifOk + ifKo;
}

/** Chooses the next question, or says why the quiz is over. */
export function nextStep(
  index: SkillIndex,
  questions: readonly EngineQuestion[],
  answers: readonly EngineAnswer[],
  options: EngineOptions,
): NextStep {
  const state = deriveState(index, answers);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (answers.length >= maxLength) return { done: true, reason: 'max_length', state };
  const ceiling = state.estimate + (options.maxAbove ?? DEFAULT_MAX_ABOVE);
  const asked = new Set(answers.map((a) => a.skillId));

  let bestGain = 0;
  let bestDifficulty = Infinity;
  let best: EngineQuestion[] = [];
  const gainOfSkill = new Map<string, number>();
  for (const question of questions) {
    const skill = index.byId.get(question.skillId);
    if (!skill || skill.difficulty > ceiling || asked.has(skill.id)) continue;
    if (state.validated.has(skill.id) || state.invalidated.has(skill.id)) continue;
    let gain = gainOfSkill.get(skill.id);
    if (gain === undefined) {
      gain = doubledExpectedGain(index, state, skill);
      gainOfSkill.set(skill.id, gain);
    }
    if (gain > bestGain || (gain === bestGain && skill.difficulty < bestDifficulty)) {
      bestGain = gain;
      bestDifficulty = skill.difficulty;
      best = [question];
    } else if (gain === bestGain && skill.difficulty === bestDifficulty) {
      best.push(question);
    }
  }
  if (best.length === 0) return { done: true, reason: 'no_information', state };
  best.sort((a, b) => cmp(a.id, b.id));
  const draw = seededRandom(`${options.seed}:${answers.length}`);
  const question = best[Math.floor(draw() * best.length)]!;
  return { done: false, question, state };
}

/**
 * The starting module: the first one whose target skills are not all validated. When the
 * quiz validated everything, the learner starts at the last module (to confirm it with a
 * facilitator). Answers the module's index.
 */
export function placeInModules(modules: readonly { skillIds: readonly string[] }[], validated: ReadonlySet<string>): number {
  const index = modules.findIndex((m) => m.skillIds.length === 0 || m.skillIds.some((id) => !validated.has(id)));
  return index === -1 ? Math.max(0, modules.length - 1) : index;
}

/** FNV-1a 32-bit hash of a string: turns a seed text into a PRNG state. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small, fast PRNG, good enough for tie-breaks; same seed, same sequence. */
export function seededRandom(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
