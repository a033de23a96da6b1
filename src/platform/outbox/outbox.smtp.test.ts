import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { Outbox } from './outbox.service.ts';
import { smtpSender } from './smtp.ts';

/** A real SMTP peer on loopback that keeps what it receives, or refuses every message. */
async function startSmtp(refuse = false) {
  const received: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        if (refuse) return callback(Object.assign(new Error('Boîte pleine'), { responseCode: 552 }));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('outbox delivery through SMTP', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'smtp');
  });
  afterAll(() => t.close());

  it('keeps messages without a sender, and delivers them once an SMTP server is configured', async () => {
    const keeper = new Outbox(t.db.kysely, t.clock, 'test-secret');
    await keeper.queue({ centerId: centreId, channel: 'email', recipient: 'garde@exemple.fr', subject: 'Gardé', body: 'Pas d’envoi' });
    const kept = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'garde@exemple.fr').executeTakeFirstOrThrow();
    expect(kept.status).toBe('kept');

    const smtp = await startSmtp();
    try {
      const outbox = new Outbox(t.db.kysely, t.clock, 'test-secret');
      outbox.useSender(smtpSender(smtp.url, 'Lieudit <no-reply@lieudit.test>'));
      await outbox.queue({ centerId: centreId, channel: 'email', recipient: 'helene@exemple.fr', subject: 'Votre atelier', body: 'Bonjour Hélène,\nà mardi.' });
      expect(await outbox.deliverPending()).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual(['helene@exemple.fr']);
      expect(smtp.received[0]!.data).toContain('Subject: Votre atelier');
      const row = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'helene@exemple.fr').executeTakeFirstOrThrow();
      expect(row.status).toBe('sent');
      expect(row.sentAt).not.toBeNull();
      // Delivering again sends nothing twice.
      expect(await outbox.deliverPending()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('records a refused delivery on the row and tries again later', async () => {
    const smtp = await startSmtp(true);
    try {
      const outbox = new Outbox(t.db.kysely, t.clock, 'test-secret');
      outbox.useSender(smtpSender(smtp.url, 'Lieudit <no-reply@lieudit.test>'));
      await outbox.queue({ centerId: centreId, channel: 'email', recipient: 'refus@exemple.fr', subject: 'Essai', body: 'Essai' });
      expect(await outbox.deliverPending()).toEqual({ sent: 0, failed: 1 });
      const row = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'refus@exemple.fr').executeTakeFirstOrThrow();
      expect(row.status).toBe('pending');
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/552|Boîte pleine/);
    } finally {
      await smtp.close();
    }
  });

  it('never queues twice a message with the same dedupe key', async () => {
    const outbox = new Outbox(t.db.kysely, t.clock, 'test-secret');
    const message = { centerId: centreId, channel: 'sms' as const, recipient: '0612345678', body: 'Rappel', dedupeKey: 'reminder:test:1' };
    expect(await outbox.queue(message)).toBe(true);
    expect(await outbox.queue(message)).toBe(false);
    const rows = await t.db.kysely.selectFrom('outbox').select('id').where('dedupeKey', '=', 'reminder:test:1').execute();
    expect(rows).toHaveLength(1);
  });
});
