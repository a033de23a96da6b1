/**
 * Charts drawn on the server as SVG with vega-lite: no script in the page, they print and zoom.
 * The one place that draws a chart: a page asks for its charts (their bars) before it renders,
 * then puts each SVG beside the table that gives the same figures in text.
 *
 * vega is heavy (about 10 MB of code): it is imported on the first chart only, so a process
 * that never draws one neither loads it nor pays for it at start-up. Each chart shape is compiled
 * and parsed once, then only its data changes; drawn charts are kept in a small cache, since a
 * report is read several times over the same period.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Locale } from './i18n/index.ts';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartInput {
  /** What the chart shows, for screen readers (the SVG's title); from the i18n catalogue. */
  title: string;
  bars: Bar[];
}

type Vega = typeof import('vega');
type Runtime = ReturnType<Vega['parse']>;
type NumberLocale = Parameters<Vega['formatLocale']>[0];
type TimeLocale = Parameters<Vega['timeFormatLocale']>[0];
type ViewLocale = NonNullable<ConstructorParameters<Vega['View']>[1]>['locale'];

/** French: decimal comma, thousands separated by a narrow no-break space (as the tables write them). */
const FR_NUMBERS: NumberLocale = { decimal: ',', thousands: '\u202f', grouping: [3], currency: ['', '\u00a0€'] };
const EN_NUMBERS: NumberLocale = { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''] };
const FR_TIME: TimeLocale = {
  dateTime: '%A %e %B %Y à %X',
  date: '%d/%m/%Y',
  time: '%H:%M:%S',
  periods: ['', ''],
  days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  shortDays: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
  months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  shortMonths: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
};
const EN_TIME: TimeLocale = {
  dateTime: '%a %e %b %Y %X',
  date: '%d/%m/%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'],
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** The colours and type of DESIGN.md (the stylesheet's --ld-accent and --ld-ink). */
const ACCENT = '#a63d12';
const INK = '#1f1a17';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
/**
 * The chart's whole width (labels, bars and figures), in the SVG's own pixels: about a column
 * of the reports' two-column layout (`.chart-pair` in app.css: 400 to 488 px wide on a 1024 px
 * screen, the narrower beside a wide table), so that the
 * stylesheet draws it at about its natural size and its text stays as large as FONT_SIZE — a
 * wider chart shrunk into the column would bring its labels under the page's text size.
 * The stylesheet never draws it wider than 30rem.
 */
const CHART_WIDTH = 400;
/** Labels and figures, at least the staff pages' text size once the chart sits in its column. */
const FONT_SIZE = 15;
/** Room kept right of the longest bar for its figure ("12 345"). */
const FIGURE_ROOM = 64;
/** A label longer than this goes on several lines (never cut): the bars keep about half the width. */
const LINE_LENGTH = 24;
const LINE_BREAK = '\n';

let loading: Promise<{ vega: Vega; compile: typeof import('vega-lite').compile }> | null = null;

/** Widths of a sans-serif's characters, in em (Helvetica's, as Arial's, Roboto's and Segoe UI's are near them). */
const NARROW = /[ijl'’|!.,;:]/;
const THIN = /[ftrI()[\]/\-\s]/;
const WIDE = /[mwMW@%]/;
const CAPITAL = /\p{Lu}/u;
/** A margin for wider system fonts (DejaVu Sans, Noto Sans): a label measured short would be cut at the chart's left edge. */
const FONT_MARGIN = 1.15;

/**
 * A text's width in pixels, for the layout of the labels. Without a canvas, vega counts 0.8 em
 * a character, about half again a real one: the labels then took room from the bars.
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const c of text.normalize('NFD').replace(/\p{M}/gu, '')) {
    ems += NARROW.test(c) ? 0.25 : THIN.test(c) ? 0.32 : WIDE.test(c) ? 0.88 : CAPITAL.test(c) ? 0.7 : 0.56;
  }
  return Math.ceil(ems * fontSize * FONT_MARGIN);
}

function load() {
  loading ??= (async () => {
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    // Every chart is French unless its page says otherwise.
    vega.formatLocale(FR_NUMBERS);
    vega.timeFormatLocale(FR_TIME);
    // vega's measure of a text without a canvas (the server has none), for its layout only: the browser draws the text.
    // (vega exports `textMetrics` from vega-scenegraph; its type declarations leave it out.)
    const metrics = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number | string }, text?: unknown) => number } }).textMetrics;
    metrics.width = (item, text) => textWidth(String(text ?? '').trim(), item.fontSize != null ? Number(item.fontSize) || 0 : 11);
    return { vega, compile: vegaLite.compile };
  })();
  return loading;
}

/** Cuts a label into lines at spaces, each at most LINE_LENGTH long where it can be (a long word stays whole). */
export function wrapLabel(label: string, max = LINE_LENGTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The vega-lite spec of a horizontal bar chart, its labels up to `lines` lines high. */
function barSpec(lines: number): TopLevelSpec {
  const lineHeight = FONT_SIZE + 3;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // The width is the whole chart's: the labels take what they need, the bars the rest.
    width: CHART_WIDTH,
    autosize: { type: 'fit-x', contains: 'padding' },
    height: { step: Math.max(30, lines * lineHeight + 10) },
    data: { name: 'bars' },
    config: {
      aria: false,
      background: 'transparent',
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: FONT_SIZE, labelColor: INK, labelLineHeight: lineHeight },
    },
    encoding: {
      y: {
        field: 'key',
        type: 'nominal',
        sort: null,
        title: null,
        // No limit: a label is never cut, it was wrapped instead.
        axis: { labelLimit: 0, labelExpr: "split(datum.value, '\\n')", ticks: false, domain: false, labelPadding: 8 },
      },
      // The bars stop short of the right edge, leaving the figure written after the longest one inside the image.
      x: { field: 'value', type: 'quantitative', title: null, axis: null, scale: { rangeMax: { expr: `width - ${FIGURE_ROOM}` } } },
    },
    layer: [
      { mark: { type: 'bar', color: ACCENT, minBandSize: 2 } },
      { mark: { type: 'text', align: 'left', dx: 6, fontSize: FONT_SIZE, color: INK }, encoding: { text: { field: 'value', type: 'quantitative', format: ',~r' } } },
    ],
  };
}

const runtimes = new Map<number, Runtime>();
const drawn = new Map<string, string>();
const DRAWN_KEPT = 300;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Draws one chart: the SVG, an image with its title for screen readers (vega's own labels are off). */
async function draw(locale: Locale, id: string, chart: BarChartInput): Promise<string> {
  const { vega, compile } = await load();
  const labels = chart.bars.map((b) => wrapLabel(b.label));
  const lines = Math.min(4, Math.max(1, ...labels.map((l) => l.length)));
  let runtime = runtimes.get(lines);
  if (!runtime) {
    runtime = vega.parse(compile(barSpec(lines)).spec);
    runtimes.set(lines, runtime);
  }
  // Two bars may share a label (a row "Autres" and a commune named so): the key keeps them apart.
  const values = chart.bars.map((b, i) => ({ key: `${labels[i]!.join(LINE_BREAK)}${'\u200b'.repeat(chart.bars.slice(0, i).filter((o) => o.label === b.label).length)}`, value: b.value }));
  const view = new vega.View(runtime, {
    renderer: 'none',
    // vega reads this option as the definitions (number, time), though its types say formatters.
    locale: (locale === 'fr' ? { number: FR_NUMBERS, time: FR_TIME } : { number: EN_NUMBERS, time: EN_TIME }) as unknown as ViewLocale,
  });
  try {
    view.data('bars', values);
    const svg = await view.toSVG();
    const titleId = `${id}-titre`;
    return svg
      // The image is one image: its parts carry no role of their own (axe: svg-img-alt).
      .replace(/ (?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '')
      .replace(/^<svg ([^>]*?)class="marks" width="(\d+)" height="(\d+)"/, `<svg $1class="chart" role="img" aria-labelledby="${escapeXml(titleId)}" focusable="false" preserveAspectRatio="xMinYMin meet"`)
      .replace(/^(<svg[^>]*>)/, `$1<title id="${escapeXml(titleId)}">${escapeXml(chart.title)}</title>`);
  } finally {
    view.finalize();
  }
}

/**
 * The SVG of each chart of a page, in the order asked, drawn together. `id` prefixes each
 * chart's title id (unique in the page).
 */
export async function barCharts(locale: Locale, charts: Array<BarChartInput & { id: string }>): Promise<string[]> {
  return Promise.all(
    charts.map(async (chart) => {
      const key = JSON.stringify([locale, chart.id, chart.title, chart.bars]);
      const cached = drawn.get(key);
      if (cached !== undefined) {
        drawn.delete(key);
        drawn.set(key, cached);
        return cached;
      }
      const svg = await draw(locale, chart.id, chart);
      drawn.set(key, svg);
      if (drawn.size > DRAWN_KEPT) drawn.delete(drawn.keys().next().value!);
      return svg;
    }),
  );
}
