import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createCentre, testClock } from '../../../tests/support/app.ts';
import { createTestDb, type TestDb } from '../../../tests/support/databases.ts';
import { setupConsultation, voter } from './forums.fixtures.ts';

// One person votes from many tabs at once. On PostgreSQL the pool has 20 connections, so the
// requests really overlap; the voter's row lock and the unique indexes keep the count right.
describe('concurrent votes of one person', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let centreId: string;
  beforeAll(async () => {
    db = await createTestDb({ poolSize: 20 });
    const config = loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test' });
    app = await buildApp(config, { db, migrate: false, clock: testClock('2027-03-10T10:00:00Z') });
    centreId = await createCentre(app, 'forumrace', 'Centre social de la course');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  // Each request from its own connection (a phone, a tablet, the library's computer…): the
  // limits per connection are not what these tests are about.
  let connection = 0;
  const vote = (consultationId: string, proposalIds: string[], who = voter(1)) =>
    app.inject({
      method: 'POST', url: `/api/v1/forums/consultations/${consultationId}/votes`, remoteAddress: `10.1.${Math.floor(connection / 250)}.${(connection++ % 250) + 1}`,
      headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ proposalIds, ...who }),
    });

  it('100 simultaneous votes by one person on one theme count once', async () => {
    const { consultation, themes } = await setupConsultation(app, centreId, { themes: 2 });
    const responses = await Promise.all(Array.from({ length: 100 }, () => vote(consultation.id, [themes[0]!.id])));
    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect(responses.filter((r) => r.json().added === 1)).toHaveLength(1);
    const votes = await db.kysely.selectFrom('forumVotes').select('id').where('consultationId', '=', consultation.id).execute();
    expect(votes).toHaveLength(1);
    const voters = await db.kysely.selectFrom('forumVoters').select(['id', 'personId']).where('consultationId', '=', consultation.id).execute();
    expect(voters).toHaveLength(1);
    expect(voters[0]!.personId).not.toBeNull();
    // One person file, not one per request.
    expect((await db.kysely.selectFrom('persons').select('id').where('centerId', '=', centreId).where('email', '=', 'odette1@exemple.fr').execute())).toHaveLength(1);
  });

  it('100 simultaneous votes by one person on ten themes never exceed the limit of 3', async () => {
    const { consultation, themes } = await setupConsultation(app, centreId, { themes: 10, votesPerPerson: 3 });
    const who = voter(2);
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => vote(consultation.id, [themes[i % 10]!.id], who)));
    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 422)).toBe(true);
    const votes = await db.kysely.selectFrom('forumVotes').select('proposalId').where('consultationId', '=', consultation.id).execute();
    expect(votes).toHaveLength(3);
    expect(new Set(votes.map((v) => v.proposalId)).size).toBe(3);
    expect(responses.filter((r) => r.statusCode === 200 && r.json().added === 1)).toHaveLength(3);
  });
});
