import { loadConfig } from '../config.ts';
import { adminCommands } from './admin.ts';
import { backupCommands } from './backup.ts';
import { federationCommands } from './federation.ts';
import { planTourCommands } from './plan-tour.ts';
import { withApp, withDb, type Command } from './support.ts';

export type { Command } from './support.ts';

const serve: Command = {
  summary: 'Démarre le serveur web.',
  usage: 'serve [--port N] [--host ADRESSE] [--demo]',
  help: [
    'Options :',
    '  --port N          port d’écoute (sinon PORT, sinon 3000)',
    '  --host ADRESSE    adresse d’écoute (sinon HOST, sinon 0.0.0.0)',
    '  --demo            crée le centre de démonstration s’il manque (jamais en production)',
    '',
    'La base DATABASE_URL est mise à jour au démarrage. Arrêt propre avec Ctrl-C (SIGINT) ou SIGTERM.',
  ].join('\n'),
  options: { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } },
  async run(values) {
    const config = loadConfig({
      ...process.env,
      ...(values.port ? { PORT: String(values.port) } : {}),
      ...(values.host ? { HOST: String(values.host) } : {}),
    });
    const { buildApp } = await import('../app.ts');
    const app = await buildApp(config);
    if (values.demo && !config.production) {
      const { ensureDemo } = await import('./demo.ts');
      await ensureDemo(app, { printLogins: true });
    }
    await app.listen({ port: config.port, host: config.host });
    app.ctx.scheduler.start((message, error) => app.log.error({ err: error }, message));
    console.log(`Lieudit est prêt : ${config.publicUrl}`);
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  },
};

const migrate: Command = {
  summary: 'Met la base de données à jour.',
  usage: 'migrate',
  help: 'Applique les migrations manquantes à la base DATABASE_URL (sans effet si elle est à jour).',
  async run() {
    await withDb(async (db) => {
      console.log(`Base à jour (${db.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}).`);
    });
    return 0;
  },
};

const demo: Command = {
  summary: 'Crée (ou complète) le centre de démonstration.',
  usage: 'demo',
  help: 'Crée le centre de démonstration et ses comptes s’ils manquent, et affiche les identifiants. Refusé en production.',
  async run() {
    if (loadConfig().production) {
      console.error('La démonstration n’est pas disponible en production (NODE_ENV=production).');
      return 1;
    }
    return withApp(async (app) => {
      const { ensureDemo } = await import('./demo.ts');
      await ensureDemo(app, { printLogins: true });
      return 0;
    });
  },
};

export const commands: Record<string, Command> = {
  serve,
  migrate,
  demo,
  ...adminCommands,
  ...federationCommands,
  ...backupCommands,
  ...planTourCommands,
};
