import MarkdownIt from 'markdown-it';

/**
 * Staff-written Markdown (a fiche of the resource space, a post of the team notice board) as
 * HTML that is safe to put in a page: raw HTML is not parsed (it is shown as text), links and images whose address is not http(s), mailto, tel or relative are dropped
 * (markdown-it refuses javascript:, vbscript:, file: and data: except images), and every text is
 * escaped. A "#" heading becomes an h2: the page's title is the only h1.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = token.tag === 'h1' ? 'h2' : token.tag;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = token.tag === 'h1' ? 'h2' : token.tag;
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
