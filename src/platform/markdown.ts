import type { default as MarkdownItClass, MarkdownIt } from 'markdown-it';
import { lazyPackage } from './lazy-package.ts';

/**
 * Staff-written Markdown (a fiche of the resource space, a post of the team notice board) as
 * HTML that is safe to put in a page: raw HTML is not parsed (it is shown as text), links and images whose address is not http(s), mailto, tel or relative are dropped
 * (markdown-it refuses javascript:, vbscript:, file: and data: except images), and every text is
 * escaped. A "#" heading becomes an h2: the page's title is the only h1. Images are shown only
 * from our own image addresses (a fiche's images, /ressources/images/<id>): any other image
 * becomes its alternative text, so that a page never loads a picture from elsewhere (the
 * Content-Security-Policy says img-src 'self' too).
 */
const loadMarkdownIt = lazyPackage<typeof MarkdownItClass>('markdown-it');
const OWN_IMAGE = /^\/ressources\/images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Made on the first text rendered, not at start (QUALITY.md B6).
let renderer: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (renderer) return renderer;
  const md = new (loadMarkdownIt())({ html: false, linkify: false, typographer: false, breaks: false });

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

  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    if (!OWN_IMAGE.test(String(token.attrGet('src') ?? ''))) return md.utils.escapeHtml(alt);
    token.attrSet('loading', 'lazy');
    return defaultImage(tokens, idx, options, env, self);
  };
  return (renderer = md);
}

export function renderMarkdown(source: string): string {
  return markdown().render(source);
}
