import { describe, expect, it } from 'vitest';
import { barCharts, textWidth, wrapLabel } from './charts.ts';

describe('charts drawn on the server', () => {
  it('draws a horizontal bar chart as an image titled for screen readers, French numbers, no label cut', async () => {
    const long = 'Aide aux démarches administratives en ligne (CAF, impôts, santé)';
    const [svg] = await barCharts('fr', [{ id: 'graphique-theme', title: 'Personnes touchées par thème', bars: [{ label: long, value: 12345 }, { label: 'Courriel', value: 3 }] }]);
    expect(svg).toMatch(/^<svg [^>]*class="chart" role="img" aria-labelledby="graphique-theme-titre"/);
    expect(svg).toContain('<title id="graphique-theme-titre">Personnes touchées par thème</title>');
    // 12 345 with a narrow no-break space, as the tables write it.
    expect(svg).toContain('>12\u202f345<');
    // Every word of the long label is drawn (on several lines), none cut with an ellipsis.
    for (const line of wrapLabel(long)) expect(svg).toContain(`>${line}<`);
    expect(svg).not.toContain('…');
    // The Content-Security-Policy allows no inline style: the SVG carries none, nor any script.
    expect(svg).not.toMatch(/style=|<script|<style/);
    // vega's own English descriptions are off: the title says what the chart is.
    expect(svg).not.toMatch(/aria-label=/);
    expect(svg.match(/role=/g)).toHaveLength(1);
  });

  it('draws the chart about one column wide, its text at the page’s size, each figure inside the image', async () => {
    const bars = [
      { label: 'Aide aux démarches administratives en ligne (CAF, impôts, santé)', value: 12345 },
      { label: 'Courriel', value: 3 },
      { label: 'Avesnes-les-Aubert', value: 640 },
    ];
    const [svg] = await barCharts('fr', [{ id: 'graphique-largeur', title: 'Personnes touchées par thème', bars }]);
    const [, , width] = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg!)!.slice(1).map(Number);
    // A column of the reports' two columns is 400 to 488 px wide: drawn there, 1 px of the chart is about 1 px of the page.
    expect(width).toBeGreaterThanOrEqual(380);
    expect(width).toBeLessThanOrEqual(420);
    const sizes = [...svg!.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
    // The longest bar leaves room for its figure: no text drawn past the image's right edge.
    const xs = [...svg!.matchAll(/<text [^>]*transform="translate\(([\d.]+),/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBeLessThan(width! - 40);
  });

  it('measures a label closer to its drawn width than vega’s 0.8 em a character, never shorter than it is drawn', () => {
    expect(textWidth('Courriel', 15)).toBeLessThan(0.8 * 8 * 15);
    // At 15 px, Helvetica draws "Courriel" 53 px wide, DejaVu Sans (wider) 59 px.
    expect(textWidth('Courriel', 15)).toBeGreaterThanOrEqual(59);
    expect(textWidth('Mémé', 10)).toBe(textWidth('Meme', 10));
  });

  it('writes numbers the English way on an English page', async () => {
    const [svg] = await barCharts('en', [{ id: 'g', title: 'People', bars: [{ label: 'A', value: 12345 }] }]);
    expect(svg).toContain('>12,345<');
  });

  it('keeps two bars with the same label apart', async () => {
    const [svg] = await barCharts('fr', [{ id: 'g2', title: 'Communes', bars: [{ label: 'Autres', value: 7 }, { label: 'Autres', value: 9 }] }]);
    expect(svg).toContain('>7<');
    expect(svg).toContain('>9<');
  });

  it('wraps a label at spaces, a long word whole', () => {
    expect(wrapLabel('Aide aux démarches administratives en ligne', 20)).toEqual(['Aide aux démarches', 'administratives en', 'ligne']);
    expect(wrapLabel('Anticonstitutionnellement', 10)).toEqual(['Anticonstitutionnellement']);
    expect(wrapLabel('')).toEqual(['']);
  });
});
