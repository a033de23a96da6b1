import type { ParseArgsConfig } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/kysely.ts';
import { systemActor, type Actor } from '../platform/auth/actor.ts';
import { ROLES, isRole, type Role } from '../platform/auth/roles.ts';
import { t } from '../platform/i18n/index.ts';
import { findCentreBySlug, type Centre } from '../platform/tenancy.ts';
import { CliError } from './errors.ts';

export type Values = Record<string, string | boolean | undefined>;

/** Who the audit log names for what is done from the terminal, in the centre it is done in. */
export function terminal(centerId: string): Actor {
  return { ...systemActor(centerId), label: 'ligne de commande' };
}

export interface Command {
  summary: string;
  /** The synopsis, after "lieudit ". */
  usage: string;
  /** Details shown by --help: options, environment, examples. */
  help?: string;
  options?: ParseArgsConfig['options'];
  /** The command takes arguments besides its options (a file name). */
  allowPositionals?: boolean;
  /** A service's field name → the option that carried it, to say which option to fix. */
  fields?: Record<string, string>;
  run(values: Values, positionals: string[]): Promise<number>;
}

/** Configuration for one-shot commands: quiet logs unless LOG_LEVEL says otherwise. */
function cliConfig() {
  return loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
}

// The application and the database drivers are loaded only once the options are known to be
// good: help and refusals of bad input answer at once.

/** The whole application (migrated), for commands that go through its services. */
export async function withApp<T>(fn: (app: FastifyInstance) => Promise<T>): Promise<T> {
  const { buildApp } = await import('../app.ts');
  const app = await buildApp(cliConfig());
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** The database alone; migrated first unless told otherwise. */
export async function withDb<T>(fn: (db: Db) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const { createDb } = await import('../db/kysely.ts');
  const { migrateToLatest } = await import('../db/migrate.ts');
  const { systemClock } = await import('../platform/clock.ts');
  const config = cliConfig();
  const db = createDb(config.databaseUrl);
  try {
    // Like `serve`: an upgrade backs the database up first (LIEUDIT_BACKUP_DIR, else data/sauvegardes).
    if (options.migrate !== false) {
      const { backup } = await migrateToLatest(db, { backupDir: config.backupDir ?? 'data/sauvegardes', clock: systemClock });
      if (backup) console.log(`Sauvegarde avant mise à jour : ${backup}`);
    }
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function required(values: Values, name: string, usage: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CliError(`Indiquez --${name}. Utilisation : lieudit ${usage}`);
  }
  return value.trim();
}

export function optional(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function roleList(): string {
  return ROLES.map((role) => `${role} (${t('fr', `roles.${role}`)})`).join(', ');
}

export function requireRole(value: string): Role {
  if (!isRole(value)) throw new CliError(`Rôle inconnu : « ${value} ». Choisissez parmi : ${roleList()}.`);
  return value;
}

export async function requireCentre(app: FastifyInstance, slug: string): Promise<Centre> {
  const centre = await findCentreBySlug(app.ctx.kysely, slug);
  if (!centre) {
    throw new CliError(`Aucun centre n’a l’identifiant « ${slug} ». Créez-le avec « lieudit centre add », ou vérifiez --centre.`);
  }
  return centre;
}

const numbers = new Intl.NumberFormat('fr-FR');
export const formatCount = (n: number) => numbers.format(n);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${numbers.format(Math.round(bytes / 102.4) / 10)} Ko`;
  return `${numbers.format(Math.round(bytes / 104857.6) / 10)} Mo`;
}
