import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { isMobilePhone } from '../text.ts';
import { Outbox } from './outbox.service.ts';

describe('SMS only to mobiles', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'sms-rule');
  });
  afterAll(() => t.close());

  it('knows French mobiles: 06 and 07, also written +33 6 / +33 7', () => {
    for (const mobile of ['06 12 34 56 78', '0712345678', '+33 6 12 34 56 78', '+33712345678', '0033 7 12 34 56 78']) expect(isMobilePhone(mobile)).toBe(true);
    for (const other of ['03 27 00 00 00', '+33 3 27 00 00 00', '09 12 34 56 78', '08 00 00 00 00', '06 12', '', null]) expect(isMobilePhone(other)).toBe(false);
  });

  it('never queues an SMS to a landline, and queues one to a mobile', async () => {
    const outbox = new Outbox(t.db.kysely, t.clock, 'test-secret');
    expect(await outbox.queue({ centerId: centreId, channel: 'sms', recipient: '0327000000', body: 'Rappel : atelier mardi' })).toBe(false);
    expect(await outbox.queue({ centerId: centreId, channel: 'sms', recipient: '0612345678', body: 'Rappel : atelier mardi' })).toBe(true);
    const rows = await t.db.kysely.selectFrom('outbox').select('recipient').where('centerId', '=', centreId).where('channel', '=', 'sms').execute();
    expect(rows.map((r) => r.recipient)).toEqual(['0612345678']);
  });
});
