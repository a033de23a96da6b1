/**
 * A horizontal bar chart drawn on the server as SVG: no script, prints, zooms. It is an image
 * with a title for screen readers; the figures themselves are always in a table beside it.
 */
export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 640;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 70;
const BAR_HEIGHT = 22;
const GAP = 8;

/** Cuts a label that would run into the bars ("Aide aux démarches administ…"). */
function fit(label: string, max = 32): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export function BarChart({ id, title, bars, format = (n) => String(n) }: { id: string; title: string; bars: Bar[]; format?: (n: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, bars.length) * (BAR_HEIGHT + GAP) + GAP;
  return (
    <svg class="bar-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-titre`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-titre`}>{title}</title>
      {bars.map((bar, i) => {
        const y = GAP + i * (BAR_HEIGHT + GAP);
        const width = Math.round((bar.value / max) * plot);
        return (
          <g key={`${bar.label}-${i}`}>
            <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT * 0.72} text-anchor="end" class="bar-label">{fit(bar.label)}</text>
            <rect x={LABEL_WIDTH} y={y} width={Math.max(bar.value > 0 ? 2 : 0, width)} height={BAR_HEIGHT} class="bar" />
            <text x={LABEL_WIDTH + Math.max(2, width) + 6} y={y + BAR_HEIGHT * 0.72} class="bar-value">{format(bar.value)}</text>
          </g>
        );
      })}
    </svg>
  );
}
