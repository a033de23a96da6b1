import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { seedDemoPathways } from '../pathways/demo.ts';
import { PRINTER_MODULE, seedDemoEquipment } from './demo.ts';

describe('equipment demo data', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'eqdemo', 'Centre de démonstration');
    await t.app.services.centre.createSite(centreId, { name: 'Studio', kind: 'studio', address: null, communeInsee: '59122' });
    await seedDemoPathways(t.app.ctx, t.app.services, centreId);
  });
  afterAll(() => t.close());

  it('seeds the Carsat tablets, the kits and the 3D printer that requires its training module — once', async () => {
    expect(await seedDemoEquipment(t.app.ctx, t.app.services, centreId)).toBeGreaterThan(10);
    const items = await t.app.services.equipment.inventory.list(systemActor(centreId));
    const tablets = items.filter((i) => i.category === 'tablette');
    expect(tablets).toHaveLength(6);
    expect(tablets.every((i) => i.funder?.startsWith('Carsat'))).toBe(true);
    expect(items.find((i) => i.category === 'robotique')?.components.length).toBeGreaterThan(0);
    const printer = items.find((i) => i.category === 'impression_3d')!;
    expect(printer.requiredModule?.title).toBe(PRINTER_MODULE);
    expect(await seedDemoEquipment(t.app.ctx, t.app.services, centreId)).toBe(0);
  });
});
