/**
 * The Lieudit command line. Every command reads DATABASE_URL (default sqlite:data/lieudit.db).
 * Each command lives in src/cli/; this file only dispatches, prints help, and turns every
 * failure into a French message and exit code 1 (never a stack trace).
 */
import { parseArgs } from 'node:util';
import type { Command } from '../src/cli/support.ts';

// Loaded inside main() so that even a broken installation answers with a sentence, not a trace.
let commands: Record<string, Command> = {};
let describeError: (error: unknown, command: string, optionOf?: Record<string, string>) => string = (error) =>
  error instanceof Error ? error.message : String(error);

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

function usage(): string {
  const lines = ['Utilisation : lieudit <commande> [options]', '', 'Commandes :'];
  for (const [key, command] of Object.entries(commands)) lines.push(`  ${key.padEnd(24)} ${command.summary}`);
  lines.push(
    '',
    'Aide d’une commande : lieudit <commande> --help',
    'Base de données : DATABASE_URL=sqlite:chemin/fichier.db ou postgres://… (par défaut sqlite:data/lieudit.db)',
  );
  return lines.join('\n');
}

function commandHelp(command: Command): string {
  return [`Utilisation : lieudit ${command.usage}`, '', command.summary, ...(command.help ? ['', command.help] : [])].join('\n');
}

/** "centre add --slug x" → the "centre add" command and its arguments; one-word commands too. */
function findCommand(argv: string[]): { key: string; command: Command; args: string[] } | undefined {
  const [first, second] = argv;
  if (first && second && `${first} ${second}` in commands) return { key: `${first} ${second}`, command: commands[`${first} ${second}`]!, args: argv.slice(2) };
  if (first && first in commands) return { key: first, command: commands[first]!, args: argv.slice(1) };
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  try {
    ({ describeError } = await import('../src/cli/errors.ts'));
    ({ commands } = await import('../src/cli/commands.ts'));
  } catch (error) {
    console.error(`Erreur : Lieudit n’a pas pu démarrer : ${describeError(error, '')}`);
    if (process.env.LIEUDIT_DEBUG) console.error(error);
    return 1;
  }
  if (argv.length === 0) {
    console.error(usage());
    return 1;
  }
  if (HELP_FLAGS.has(argv[0]!)) {
    const asked = findCommand(argv.slice(1));
    console.log(asked ? commandHelp(asked.command) : usage());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const family = Object.keys(commands).filter((key) => key.startsWith(`${argv[0]} `));
    if (family.length > 0) {
      console.error(`Erreur : Précisez la commande : ${family.map((key) => `lieudit ${key}`).join(', ')}.`);
      if (argv.slice(1).some((a) => HELP_FLAGS.has(a))) for (const key of family) console.error(`\n${commandHelp(commands[key]!)}`);
    } else {
      console.error(`Erreur : Commande inconnue : « ${argv[0]} ». Les commandes : lieudit --help`);
    }
    return 1;
  }
  const { key, command, args } = found;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    if (values.help) {
      console.log(commandHelp(command));
      return 0;
    }
    return await command.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (error) {
    console.error(`Erreur : ${describeError(error, key, command.fields)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Erreur : ${describeError(error, '')}`);
    process.exitCode = 1;
  },
);
