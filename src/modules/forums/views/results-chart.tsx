import type { ViewContext } from '../../../ui/view-context.ts';
import type { ResultItem } from '../forum.service.ts';

const ONLINE = '#1f4e8c';
const PAPER = '#b35c00';
const ROW = 56;
const LABEL_H = 22;
const WIDTH = 640;
const BAR_MAX = 520;

/**
 * The results as a horizontal bar chart, drawn on the server (no script): one bar per theme,
 * online votes then paper votes, the numbers written beside. Colour is never alone: the legend
 * names each part, the figures are written, and the table after it says the same in text.
 */
export function ResultsChart({ ctx, items }: { ctx: ViewContext; items: ResultItem[] }) {
  const { t } = ctx;
  const max = Math.max(1, ...items.map((i) => i.total));
  const height = 40 + items.length * ROW;
  const scale = (n: number) => (n / max) * BAR_MAX;
  return (
    <figure class="forum-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby="graphique-titre" focusable="false">
        <title id="graphique-titre">{t('forums.public.chartTitle')}</title>
        <rect x="0" y="4" width="16" height="16" fill={ONLINE} />
        <text x="22" y="17" font-size="14" fill="#222">{t('forums.public.online')}</text>
        <rect x="170" y="4" width="16" height="16" fill={PAPER} />
        <text x="192" y="17" font-size="14" fill="#222">{t('forums.public.paper')}</text>
        {items.map((item, index) => {
          const y = 40 + index * ROW;
          const online = scale(item.online);
          const paper = scale(item.paper);
          return (
            <g key={item.proposalId}>
              <text x="0" y={y + 14} font-size="14" fill="#222">{`${item.rank}. ${item.title.length > 70 ? `${item.title.slice(0, 69)}…` : item.title}`}</text>
              <rect x="0" y={y + LABEL_H} width={online} height="22" fill={ONLINE} />
              <rect x={online} y={y + LABEL_H} width={paper} height="22" fill={PAPER} />
              <text x={online + paper + 6} y={y + LABEL_H + 16} font-size="14" fill="#222">{String(item.total)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t('forums.public.chartCaption')}</figcaption>
    </figure>
  );
}
