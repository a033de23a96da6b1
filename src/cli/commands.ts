import type { ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config.ts';
import { buildApp } from '../app.ts';
import { createDb } from '../db/kysely.ts';
import { migrateToLatest } from '../db/migrate.ts';

export interface Command {
  summary: string;
  options?: ParseArgsConfig['options'];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

async function withDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(loadConfig().databaseUrl);
  try {
    await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

export const commands: Record<string, Command> = {
  serve: {
    summary: 'Démarre le serveur web (--port, --host ; variables PORT, HOST). --demo crée le centre de démonstration.',
    options: { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } },
    async run(values) {
      const config = loadConfig({
        ...process.env,
        ...(values.port ? { PORT: String(values.port) } : {}),
        ...(values.host ? { HOST: String(values.host) } : {}),
      });
      const app = await buildApp(config);
      if (values.demo && !config.production) {
        const { ensureDemo } = await import('./demo.ts');
        await ensureDemo(app.ctx, { printLogins: true });
      }
      await app.listen({ port: config.port, host: config.host });
      app.ctx.scheduler.start((message, error) => app.log.error({ err: error }, message));
      console.log(`Lieudit est prêt : http://localhost:${config.port}`);
      const stop = async () => {
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return 0;
    },
  },
  migrate: {
    summary: 'Met la base de données à jour.',
    async run() {
      await withDb(async (db) => {
        console.log(`Base à jour (${db.dialect}).`);
      });
      return 0;
    },
  },
};
