/**
 * Reads a PDF back as outside tools do (Mozilla's PDF.js, the reader in Firefox): text with
 * its position, the fonts and whether each is embedded, the catalogue's language and tagging.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText { str: string; x: number; y: number; height: number; page: number }
export interface PdfFont { name: string; embedded: boolean }

export interface ReadPdf {
  pages: number;
  items: PdfText[];
  /** Each page's text, lines joined by newlines. */
  text: string[];
  fonts: PdfFont[];
  title: string | undefined;
  lang: string | undefined;
  marked: boolean;
  /** Structure element roles found in the structure tree of every page. */
  roles: string[];
}

interface StructNode { role?: string; children?: StructNode[] }
const rolesOf = (node: StructNode | null | undefined, out: string[]) => {
  if (!node) return out;
  if (node.role) out.push(node.role);
  for (const child of node.children ?? []) rolesOf(child, out);
  return out;
};

export async function readPdf(bytes: Buffer | Uint8Array): Promise<ReadPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const items: PdfText[] = [];
  const text: string[] = [];
  const fonts = new Map<string, PdfFont>();
  const roles: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const lines: string[] = [];
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, height: item.height, page: n });
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    text.push(lines.join('\n'));
    // Loading the operator list makes PDF.js parse every font the page uses.
    await page.getOperatorList();
    for (const id of Object.keys(content.styles)) {
      const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name: string; missingFile: boolean }) : null;
      if (font) fonts.set(font.name, { name: font.name, embedded: !font.missingFile });
    }
    rolesOf((await page.getStructTree()) as StructNode | null, roles);
  }
  const meta = await pdf.getMetadata();
  const info = meta.info as { Title?: string; Language?: string };
  const markInfo = await pdf.getMarkInfo();
  const lang = info.Language;
  const result = { pages: pdf.numPages, items, text, fonts: [...fonts.values()], title: info.Title, lang, marked: markInfo?.Marked === true, roles };
  await pdf.destroy();
  return result;
}
