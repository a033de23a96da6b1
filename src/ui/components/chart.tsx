/**
 * A chart drawn on the server (platform/charts.ts) put in the page: an image with a title for
 * screen readers; the figures themselves are always in a table beside it.
 */
export function Chart({ svg }: { svg: string }) {
  return <div class="chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}
