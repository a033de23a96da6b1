import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../tests/support/pdf.ts';
import { attestationInput, attestationPdf } from './documents.ts';
import type { Progress } from './progress.ts';

/** The attestation as the learner's employer or a screen reader reads it: back through PDF.js. */
describe('pathway attestation PDF', () => {
  const progress = { startedAt: '2026-09-01T08:00:00.000Z', modules: [], complete: true, completedAt: '2026-11-30T08:00:00.000Z' } as unknown as Progress;
  const build = (centre: { address: string | null; postalCode: string | null; communeInsee?: string | null }) =>
    attestationPdf(attestationInput(
      { learner: { name: 'Łucja Thị Şahin-Nguyễn' }, pathway: { title: 'Premiers pas sur tablette' }, progress },
      { title: 'Premiers pas sur tablette', moduleId: null, issuedAt: '2026-11-30T08:00:00.000Z' },
      { name: 'Centre social Les Tilleuls', ...centre },
      'https://lieudit.example/badges/0192',
    ));

  it('prints the learner’s name exactly in an embedded font, tagged in French, and the postcode once', async () => {
    const pdf = await readPdf(await build({ address: '1 rue de la Gare, 59400 Cambrai', postalCode: '59400' }));
    const text = pdf.text.join('\n');
    expect(text.replace(/\n/g, ' ')).toContain('Łucja Thị Şahin-Nguyễn');
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
    expect(pdf.marked).toBe(true);
    expect(pdf.lang).toBe('fr-FR');
    expect(pdf.roles).toEqual(expect.arrayContaining(['H1', 'P', 'Figure']));
    expect(text.match(/59400/g)).toHaveLength(1);
    expect(text).toContain('1 rue de la Gare, 59400 Cambrai');
  });

  it('adds the postcode and town when the address line lacks them', async () => {
    const pdf = await readPdf(await build({ address: '1 rue de la Gare', postalCode: '59400', communeInsee: '59122' }));
    expect(pdf.text.join('\n')).toContain('1 rue de la Gare, 59400 Cambrai');
  });
});
