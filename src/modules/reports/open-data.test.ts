import { fromSchemaLieuDeMediationNumerique, type SchemaLieuMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { FIELDS, REQUIRED, UNKNOWN_PIVOT, VOCABULARY, internationalPhone, type Place } from './open-data.ts';

/**
 * A reader from outside: the national cartography's own library (ANCT,
 * @gouvfr-anct/lieux-de-mediation-numerique) turns a row of the standard into its model and
 * throws on any value the standard refuses (pivot, services, publics, itinerance, phone…).
 * Empty fields are left out, as in a CSV cell.
 */
function readByTheCartography(place: Place) {
  const filled = Object.fromEntries(Object.entries(place).filter(([, v]) => v !== null && v !== ''));
  return fromSchemaLieuDeMediationNumerique(filled as unknown as SchemaLieuMediationNumerique);
}

/** The standard's rules (schema.json of LaMednum/standard-mediation-num) for the fields we fill. */
const PATTERNS: Partial<Record<keyof Place, RegExp>> = {
  code_postal: /^\d{5}$/,
  code_insee: /^([013-9]\d|2[AB1-9])\d{3}$/,
  telephone: /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/,
  date_maj: /^\d{4}-\d{2}-\d{2}$/,
  // OSM opening_hours, the shapes a centre writes: "Mo-Fr 09:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off".
  horaires: /^((Mo|Tu|We|Th|Fr|Sa|Su|PH)(-(Mo|Tu|We|Th|Fr|Sa|Su))?(,(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))?)* (off|\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*))(; (Mo|Tu|We|Th|Fr|Sa|Su|PH)(-(Mo|Tu|We|Th|Fr|Sa|Su))?(,(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))?)* (off|\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*))*$/,
};

function violations(place: Place): string[] {
  const found: string[] = [];
  for (const field of FIELDS) if (!(field in place)) found.push(`${field}: missing column`);
  // pivot is required as a column; left empty when the centre's SIRET is not known.
  for (const field of REQUIRED) if (field !== 'pivot' && (place[field] === null || place[field] === '')) found.push(`${field}: required`);
  for (const [field, re] of Object.entries(PATTERNS)) {
    const value = place[field as keyof Place];
    if (value !== null && value !== '' && !re.test(String(value))) found.push(`${field}: ${String(value)} does not match`);
  }
  for (const [field, allowed] of Object.entries(VOCABULARY)) {
    const value = place[field as keyof Place];
    if (value === null || value === '') continue;
    for (const part of String(value).split('|')) if (!(allowed as readonly string[]).includes(part)) found.push(`${field}: "${part}" is not in the standard`);
  }
  return found;
}

describe('open data: the centre’s places in the national standard', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const centre = await t.app.services.centre.createCentre({
      slug: 'ouvert', name: 'Centre social La Passerelle', communeInsee: '59389', address: '12 rue de l’Escaut, 59241 Masnières',
      postalCode: '59241', openingHours: 'Mo-Fr 09:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off', email: 'accueil@passerelle.fr', phone: '03 27 00 00 00',
    });
    centreId = centre.id;
    const c = t.app.services.centre;
    await c.createSite(centre.id, { name: 'Centre social La Passerelle', kind: 'centre', communeInsee: '59389', address: '12 rue de l’Escaut, 59241 Masnières', accessibility: 'Plain-pied' });
    await c.createSite(centre.id, { name: 'Salle des fêtes de Marcoing', kind: 'village_hall', communeInsee: '59377', address: 'Place de la Mairie, 59159 Marcoing' });
    await c.createSite(centre.id, { name: 'La navette numérique', kind: 'mobile', communeInsee: '59389', address: null });
  });
  afterAll(() => t.close());

  it('publishes one valid JSON row per site, the navette as itinerant, to anyone', async () => {
    const response = await new Client(t.app).get('/donnees/lieux-mediation-numerique.json');
    expect(response.statusCode).toBe(200);
    const places = response.json() as Place[];
    expect(places).toHaveLength(3);
    expect(places.flatMap(violations)).toEqual([]);
    expect(new Set(places.map((p) => p.id)).size).toBe(3);
    const navette = places.find((p) => p.nom === 'La navette numérique')!;
    expect(navette).toMatchObject({ itinerance: 'Itinérant', commune: 'Masnières', code_postal: '59241', adresse: '12 rue de l’Escaut' });
    const hall = places.find((p) => String(p.nom).includes('Marcoing'))!;
    expect(hall).toMatchObject({ itinerance: 'Fixe', code_insee: '59377', code_postal: '59159', adresse: 'Place de la Mairie', telephone: '+33327000000' });
    expect(places.find((p) => p.nom === 'Centre social La Passerelle')!.horaires).toBe('Mo-Fr 09:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off');
    // The SIRET is not known yet: the cartography's placeholder, which its reader accepts.
    expect(new Set(places.map((p) => p.pivot))).toEqual(new Set([UNKNOWN_PIVOT]));
    for (const place of places) expect(() => readByTheCartography(place)).not.toThrow();
    expect(readByTheCartography(navette)).toMatchObject({ nom: 'La navette numérique', itinerance: ['Itinérant'] });
  });

  it('publishes the centre’s SIRET as the pivot, as the cartography reads it', async () => {
    await t.app.services.centre.updateCentre(systemActor(centreId), { siret: '732 829 320 00074' });
    const places = (await new Client(t.app).get('/donnees/lieux-mediation-numerique.json')).json() as Place[];
    expect(places.map((p) => p.pivot)).toEqual(['73282932000074', '73282932000074', '73282932000074']);
    for (const place of places) expect(readByTheCartography(place).pivot).toBe('73282932000074');
  });

  it('publishes the same rows as CSV with the standard’s columns', async () => {
    const response = await new Client(t.app).get('/donnees/lieux-mediation-numerique.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(FIELDS.join(','));
    expect(lines).toHaveLength(4);
    expect(response.body).toContain(',+33327000000,');
    expect(response.body).toContain('Itinérant');
  });

  it('publishes the same rows as an XLSX workbook, the phone number kept as text', async () => {
    const response = await new Client(t.app).get('/donnees/lieux-mediation-numerique.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as never);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...FIELDS]);
    expect(sheet.rowCount).toBe(4);
    const phone = FIELDS.indexOf('telephone') + 1;
    expect(sheet.getRows(2, 3)!.map((r) => r.getCell(phone).value)).toContain('+33327000000');
  });

  it('catches what the standard refuses (the check can fail)', () => {
    const bad = { ...Object.fromEntries(FIELDS.map((f) => [f, null])), id: 'x', pivot: '', nom: 'Lieu', commune: 'X', code_postal: '5924', adresse: 'rue', date_maj: '2026-01-01', services: 'Robotique', itinerance: 'Fixe' } as Place;
    expect(violations(bad)).toEqual(['code_postal: 5924 does not match', 'services: "Robotique" is not in the standard']);
    expect(() => readByTheCartography({ ...bad, code_postal: '59241', services: 'Robotique', pivot: UNKNOWN_PIVOT })).toThrow();
    expect(() => readByTheCartography({ ...bad, code_postal: '59241', services: VOCABULARY.services[0], pivot: '' })).toThrow();
    expect(internationalPhone('06 12 34 56 78')).toBe('+33612345678');
    expect(internationalPhone('12')).toBeNull();
  });
});
