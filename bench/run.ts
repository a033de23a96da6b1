/**
 * `npm run bench` runs every benchmark; `npm run bench -- persons startup` runs those named.
 * Each benchmark is a file exporting `run()`, which prints its own figures and answers its
 * rows; the harness prints them again together at the end. Never part of `npm test`.
 */
import { cpus, loadavg } from 'node:os';
import { printTable, type Row } from './support.ts';

interface Benchmark {
  summary: string;
  load(): Promise<{ run(): Promise<Row[]> }>;
}

const benchmarks: Record<string, Benchmark> = {
  persons: {
    summary: 'liste des personnes (100 000, nom courant) : page, API (1re page et page suivante) et Fastify nu, autocannon 1, 10 et 50 connexions × 10 s',
    load: () => import('./persons.ts'),
  },
  activities: {
    summary: 'programme public (B1), 1 000 inscriptions pour 20 places (B2), poids des pages publiques (B4)',
    load: () => import('./activities.ts'),
  },
  startup: {
    summary: 'démarrage à froid jusqu’à la première page, mémoire au repos (B6)',
    load: () => import('./startup.ts'),
  },
  helpdesk: {
    summary: 'permanences : créneaux libres de 8 semaines (5 lieux, 10 agents, 12 motifs, 2 000 rendez-vous), calcul et GET /api/v1/helpdesk/slots sous 50 connexions',
    load: () => import('./helpdesk-slots.ts'),
  },
  pathways: {
    summary: 'parcours : choix de la question suivante (banque de 2 000, 40 réponses) ; page de progression avec 3 ans d’évaluations hebdomadaires',
    load: async () => {
      const [quiz, progress] = await Promise.all([import('./pathways-quiz.ts'), import('./pathways-progress.ts')]);
      return { run: async () => [...(await quiz.run()), ...(await progress.run())] };
    },
  },
  federation: {
    summary: 'fédération synthétique (200 centres, 300 000 personnes, 5 000 000 de présences et d’accompagnements ; BENCH_SCALE=0.1 pour 20 centres) : rapport annuel d’un centre et de la fédération (B3)',
    load: () => import('./federation.ts'),
  },
  planner: {
    summary: 'navette : planificateur de tournée sur TSPLIB eil51 et berlin52 (écart à l’optimum, temps) ; 12 arrêts avec créneaux (temps exact) ; égalité avec la force brute (B5)',
    load: () => import('./planner.ts'),
  },
};

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log('Utilisation : npm run bench [-- <nom>…]\n');
    for (const [name, b] of Object.entries(benchmarks)) console.log(`  ${name.padEnd(10)} ${b.summary}`);
    return 0;
  }
  const unknown = asked.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    console.error(`Banc inconnu : ${unknown.join(', ')}. Disponibles : ${Object.keys(benchmarks).join(', ')}.`);
    return 1;
  }
  const names = asked.length > 0 ? asked : Object.keys(benchmarks);
  const all: Row[] = [];
  // Figures depend on the machine and on what else runs on it: say both.
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} processeurs, charge ${load}\n`);
  for (const name of names) {
    console.log(`== ${name} : ${benchmarks[name]!.summary}`);
    const started = Date.now();
    const rows = await (await benchmarks[name]!.load()).run();
    all.push(...rows.map((row) => ({ banc: name, ...row })));
    console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  if (names.length > 1) {
    // One table per benchmark: their columns differ.
    console.log('== Récapitulatif');
    for (const name of names) {
      console.log(`\n${name}`);
      printTable(all.filter((row) => row.banc === name).map(({ banc: _banc, ...row }) => row));
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
