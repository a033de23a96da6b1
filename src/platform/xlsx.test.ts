import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetName, toXlsx } from './xlsx.ts';

async function open(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook;
}

describe('XLSX workbooks', () => {
  it('keeps text as text, never as a formula, and numbers as numbers', async () => {
    const bytes = await toXlsx([{ name: 'Personnes', header: ['Nom', 'Nombre'], rows: [['=HYPERLINK("http://x","y")', 3], ['+33 6 12', 2.5], ['Łucja Thị Şahin-Nguyễn', null]] }], { creator: 'Centre', createdAt: '2026-12-05T12:00:00Z' });
    const sheet = (await open(bytes)).worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('=HYPERLINK("http://x","y")');
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').formula).toBeUndefined();
    expect(sheet.getCell('A3').value).toBe('+33 6 12');
    expect(sheet.getCell('B3').value).toBe(2.5);
    expect(sheet.getCell('B3').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('A4').value).toBe('Łucja Thị Şahin-Nguyễn');
    expect(sheet.getCell('B4').value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan(20);
  });

  it('stores a calendar day as a date cell shown the French way, and leaves look-alikes as text', async () => {
    const bytes = await toXlsx([{ name: 'Séances', header: ['Date', 'Heure', 'Note'], rows: [['2026-12-07', '14:00', '2026-02-30'], ['2028-02-29', '09:30', '2026-12-07 à revoir']] }], { creator: 'Centre', createdAt: '2026-12-05T12:00:00Z' });
    const sheet = (await open(bytes)).worksheets[0]!;
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.Date);
    expect((sheet.getCell('A2').value as Date).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(sheet.getCell('A2').numFmt).toBe('dd/mm/yyyy');
    expect((sheet.getCell('A3').value as Date).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(sheet.getCell('B2').value).toBe('14:00');
    // Not a day: 30 February, or a day followed by words.
    expect(sheet.getCell('C2').value).toBe('2026-02-30');
    expect(sheet.getCell('C3').value).toBe('2026-12-07 à revoir');
  });

  it('names the sheets as Excel requires: 31 characters at most, cut between words, no forbidden character, unique', () => {
    const taken = new Set<string>();
    expect(sheetName('Prêts de matériel aux seniors, par mois', taken)).toBe('Prêts de matériel aux seniors');
    expect(sheetName('Prêts de matériel aux seniors, par semaine', taken)).toBe('Prêts de matériel aux (2)');
    expect(sheetName('Ventes 2026/2027 [brouillon]?', taken)).toBe('Ventes 2026 2027 brouillon');
    expect(sheetName('  ', taken)).toBe('Feuille');
    expect(sheetName('feuille', taken)).toBe('feuille (2)');
  });
});
