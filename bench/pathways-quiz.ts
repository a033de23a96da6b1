/**
 * Choosing the next positioning-quiz question (quiz-engine.ts, pure): a bank of 2,000 items
 * (500 subjects × 4 skills of difficulty 1–8, one question each) and 40 answers already
 * given. Measures the time of one call to nextStep (state derived from the answers, then the
 * scan of the bank), and the same with the skill index built on each call.
 */
import { performance } from 'node:perf_hooks';
import { nextStep, seededRandom, SkillIndex, type EngineAnswer, type EngineQuestion, type EngineSkill } from '../src/modules/pathways/quiz-engine.ts';
import { median, printTable, type Row } from './support.ts';

const SUBJECTS = 500;
const PER_SUBJECT = 4;
const ANSWERS = 40;
const CALLS = 2_000;

function bank(): { skills: EngineSkill[]; questions: EngineQuestion[] } {
  const draw = seededRandom('banc');
  const skills: EngineSkill[] = [];
  for (let s = 0; s < SUBJECTS; s++) {
    const levels = new Set<number>();
    while (levels.size < PER_SUBJECT) levels.add(1 + Math.floor(draw() * 8));
    for (const d of levels) skills.push({ id: `k${s}-${d}`, subjectId: `s${s}`, difficulty: d });
  }
  return { skills, questions: skills.map((k, i) => ({ id: `q${String(i).padStart(5, '0')}`, skillId: k.id })) };
}

export async function run(): Promise<Row[]> {
  const { skills, questions } = bank();
  const index = new SkillIndex(skills);
  // 40 answers from a simulated learner who knows up to difficulty 4.
  const answers: EngineAnswer[] = [];
  while (answers.length < ANSWERS) {
    const step = nextStep(index, questions, answers, { seed: 'banc', maxLength: 200 });
    if (step.done) break;
    const d = index.byId.get(step.question.skillId)!.difficulty;
    answers.push({ skillId: step.question.skillId, outcome: d <= 4 ? 'ok' : 'ko' });
  }
  const time = (fn: () => unknown) => {
    for (let i = 0; i < 200; i++) fn();
    const samples: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return { median: median(samples), p99: samples[Math.floor(samples.length * 0.99)]! };
  };
  const warm = time(() => nextStep(index, questions, answers, { seed: 'banc', maxLength: 200 }));
  const cold = time(() => nextStep(new SkillIndex(skills), questions, answers, { seed: 'banc', maxLength: 200 }));
  const rows: Row[] = [
    { mesure: 'question suivante (index prêt)', questions: questions.length, réponses: answers.length, 'médiane ms': warm.median, 'p99 ms': warm.p99 },
    { mesure: 'question suivante (index construit à chaque appel)', questions: questions.length, réponses: answers.length, 'médiane ms': cold.median, 'p99 ms': cold.p99 },
  ];
  printTable(rows);
  return rows;
}
