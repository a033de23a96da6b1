/**
 * `backup` and `restore`: the logic lives in src/platform/backup/; these commands only read
 * the options, open the database named by DATABASE_URL and report what was done.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock } from '../platform/clock.ts';
import { CliError } from './errors.ts';
import { formatBytes, formatCount, withDb, type Command } from './support.ts';

function fileArgument(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new CliError(`Indiquez un seul fichier. Utilisation : lieudit ${usage}`);
  return resolve(positionals[0]!);
}

const backup: Command = {
  summary: 'Sauvegarde toute la base dans un fichier, sans arrêter le serveur.',
  usage: 'backup FICHIER',
  help: [
    'Écrit une copie cohérente de toutes les tables (un instant précis de la base) dans FICHIER :',
    'des lignes JSON compressées (gzip), lisibles avec zcat, restaurables dans SQLite comme dans',
    'PostgreSQL. Le serveur peut rester en marche. Un fichier existant est remplacé.',
    '',
    'Exemple :',
    '  lieudit backup sauvegardes/lieudit-$(date +%F).jsonl.gz',
  ].join('\n'),
  allowPositionals: true,
  async run(_values, positionals) {
    const file = fileArgument(positionals, this.usage);
    const { writeBackup } = await import('../platform/backup/backup.ts');
    return withDb(async (db) => {
      const summary = await writeBackup(db, file, systemClock);
      const tables = summary.tables.filter((t) => t.rows > 0).length;
      console.log(
        `Sauvegarde écrite : ${file} — ${formatCount(summary.rows)} lignes dans ${formatCount(tables)} tables, ${formatBytes(summary.bytes)}.`,
      );
      return 0;
    });
  },
};

const restore: Command = {
  summary: 'Restaure une sauvegarde dans la base (neuve, ou remplacée avec --force).',
  usage: 'restore FICHIER [--force]',
  help: [
    'Remet dans la base DATABASE_URL le contenu d’une sauvegarde faite par « lieudit backup »,',
    'que la base d’origine ait été SQLite ou PostgreSQL. La base est mise au niveau de la',
    'sauvegarde, les données y sont copiées, puis elle est mise à jour.',
    '',
    'Options :',
    '  --force   remplace les données déjà présentes (sinon la commande refuse une base non vide)',
    '',
    'Tout se fait dans une seule transaction : en cas d’erreur, la base reste comme avant.',
    '',
    'Exemple :',
    '  DATABASE_URL=postgres://lieudit@localhost/lieudit lieudit restore lieudit-2026-11-26.jsonl.gz',
  ].join('\n'),
  options: { force: { type: 'boolean' } },
  allowPositionals: true,
  async run(values, positionals) {
    const file = fileArgument(positionals, this.usage);
    if (!existsSync(file)) throw new CliError(`Fichier introuvable : ${file}`);
    const { restoreBackup } = await import('../platform/backup/restore.ts');
    // No migration first: restore brings the base to the backup's level itself, then to the latest.
    return withDb(
      async (db) => {
        const summary = await restoreBackup(db, file, { force: values.force === true });
        const taken = new Date(summary.header.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
        console.log(
          `Restauration terminée : ${formatCount(summary.rows)} lignes dans ${formatCount(summary.tables.length)} tables ` +
            `(sauvegarde du ${taken}, base ${summary.header.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})` +
            `${summary.wiped ? ' ; les données précédentes ont été remplacées' : ''}.`,
        );
        return 0;
      },
      { migrate: false },
    );
  },
};

export const backupCommands: Record<string, Command> = { backup, restore };
