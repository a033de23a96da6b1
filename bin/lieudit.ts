/**
 * The Lieudit command line. Every command reads DATABASE_URL (default sqlite:data/lieudit.db).
 * Each command lives in src/cli/ ; this file only dispatches.
 */
import { parseArgs } from 'node:util';
import { commands } from '../src/cli/commands.ts';

const [name, ...rest] = process.argv.slice(2);

function usage(): void {
  console.log('Utilisation : lieudit <commande> [options]\n\nCommandes :');
  for (const [key, command] of Object.entries(commands)) console.log(`  ${key.padEnd(16)} ${command.summary}`);
}

async function main(): Promise<number> {
  if (!name || name === 'help' || name === '--help') {
    usage();
    return name ? 0 : 1;
  }
  // Two-word commands: "centre add", "user add", "token create".
  const twoWords = rest[0] && !rest[0].startsWith('-') ? `${name} ${rest[0]}` : undefined;
  const key = twoWords && twoWords in commands ? twoWords : name;
  const command = commands[key];
  if (!command) {
    console.error(`Commande inconnue : ${name}`);
    usage();
    return 1;
  }
  const args = key === twoWords ? rest.slice(1) : rest;
  const { values, positionals } = parseArgs({ args, options: command.options ?? {}, allowPositionals: true, strict: true });
  return command.run(values as Record<string, string | boolean | undefined>, positionals);
}

main().then(
  (code) => {
    if (code !== undefined && code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
