/**
 * `plan-tour`: the navette's tour planner from the terminal — a problem in JSON on standard
 * input (or in a file), the proposed tour in JSON on standard output. No database needed.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './errors.ts';
import type { Command } from './support.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('Donnez le problème en JSON sur l’entrée standard (lieudit plan-tour < probleme.json) ou en fichier.');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const planTour: Command = {
  summary: 'Propose une tournée de la navette (problème JSON en entrée, tournée JSON en sortie).',
  usage: 'plan-tour [FICHIER] < probleme.json',
  help: [
    'Lit un problème de tournée (visites avec position, durée, créneaux, priorité ; véhicule avec',
    'départ, arrivée, horaires et pauses ; matrice de durées facultative) au format décrit dans',
    'docs/planner.md (un sous-ensemble de celui de VROOM), et écrit la tournée proposée : les',
    'étapes dans l’ordre avec heures d’arrivée et attentes, et les visites non retenues avec la raison.',
    'Exact jusqu’à 12 visites. Les heures et durées sont en secondes.',
    '',
    'Exemple :',
    '  lieudit plan-tour < jeudi.json > tournee.json',
  ].join('\n'),
  allowPositionals: true,
  async run(_values, positionals) {
    if (positionals.length > 1) throw new CliError(`Indiquez un seul fichier. Utilisation : lieudit ${this.usage}`);
    const text = positionals[0] ? await readFile(resolve(positionals[0]), 'utf8') : await readStdin();
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
      throw new CliError(`Le problème n’est pas du JSON valide${position ? ` (erreur vers le caractère ${position})` : ''}.`);
    }
    const { PlannerService } = await import('../modules/shuttle/planner.service.ts');
    console.log(JSON.stringify(new PlannerService().planRaw(input), null, 2));
    return 0;
  },
};

export const planTourCommands: Record<string, Command> = { 'plan-tour': planTour };
