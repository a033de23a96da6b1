/**
 * The one home of the app's PDF documents (sign-in sheets, booklets, attestations).
 *
 * Why a home: the standard PDF fonts (Helvetica…) only speak WinAnsi, so "Łucja Thị
 * Şahin-Nguyễn" printed as garbage and the text could not be copied or read aloud. Every
 * document made here embeds DejaVu Sans (subset, with its Unicode map, from the
 * `dejavu-fonts-ttf` package, Bitstream Vera licence: free to embed and redistribute), is A4,
 * is tagged (language fr-FR, a structure tree of headings, paragraphs and tables, decoration
 * and page numbers as artifacts, the title shown instead of the file name) and carries its
 * metadata, so that screen readers, copy-paste and archive tools read it back exactly.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocumentClass from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocumentClass>;
type StructureElement = ReturnType<Pdf['struct']>;

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** pdfkit is loaded on the first document, not at start: it weighs ~13 MB of memory (QUALITY.md B6). */
let pdfkit: typeof PDFDocumentClass | undefined;
function PDFDocument(): typeof PDFDocumentClass {
  return (pdfkit ??= require('pdfkit') as typeof PDFDocumentClass);
}

/** Font names registered on every document. */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

export interface PdfOptions {
  title: string;
  author: string;
  subject?: string;
  /** The document's date (UTC ISO-8601), from the caller's clock: the same input prints the same file. */
  createdAt?: string;
  /** Page margin in points (A4 is 595 × 842). */
  margin?: number;
  /** The footer line of each page, given its number and the page count; omitted: no footer. */
  footer?: (page: number, pages: number) => string;
}

export interface PdfBuilder {
  doc: Pdf;
  margin: number;
  /** Width between the margins. */
  width: number;
  /** Adds a structure element (H1, P, Table, TR, TD, Figure with its `alt`…) under the document, or under `parent`. */
  struct(type: string, draw: () => void, parent?: StructureElement, options?: { alt?: string }): StructureElement;
  /** A container element (Table, TR, L…) whose children are added later; end it with `.end()`. */
  group(type: string, parent?: StructureElement): StructureElement;
  /** Draws decoration (rules, boxes, fills) that assistive tools must skip. */
  artifact(draw: () => void): void;
  /** Writes the footers and returns the finished document. */
  finish(): Promise<Buffer>;
}

export function createPdf(options: PdfOptions): PdfBuilder {
  const margin = options.margin ?? 56;
  const doc = new (PDFDocument())({
    size: 'A4',
    margin,
    bufferPages: true,
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: options.title, Author: options.author, Subject: options.subject ?? options.title, Creator: 'Lieudit', Producer: 'Lieudit', ...(options.createdAt ? { CreationDate: new Date(options.createdAt) } : {}) },
  });
  doc.registerFont(FONT.regular, path.join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont(FONT.bold, path.join(fontDir, 'DejaVuSans-Bold.ttf'));
  doc.font(FONT.regular);

  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const add = (element: StructureElement, parent?: StructureElement) => {
    if (parent) parent.add(element);
    else doc.addStructure(element);
    return element;
  };

  return {
    doc,
    margin,
    width: doc.page.width - 2 * margin,
    struct: (type, draw, parent, options = {}) => {
      const element = add(doc.struct(type, options, [draw]), parent);
      element.end();
      return element;
    },
    group: (type, parent) => add(doc.struct(type), parent),
    artifact: (draw) => {
      doc.markContent('Artifact', { type: 'Layout' });
      draw();
      doc.endMarkedContent();
    },
    finish: () => {
      if (options.footer) {
        const range = doc.bufferedPageRange();
        for (let i = range.start; i < range.start + range.count; i++) {
          doc.switchToPage(i);
          // Writing in the bottom margin must not open a new page.
          const bottom = doc.page.margins.bottom;
          doc.page.margins.bottom = 0;
          doc.markContent('Artifact', { type: 'Pagination' });
          doc.font(FONT.regular).fontSize(8).fillColor('#444')
            .text(options.footer(i - range.start + 1, range.count), margin, doc.page.height - margin + 12, { width: doc.page.width - 2 * margin, align: 'center', lineBreak: false });
          doc.endMarkedContent();
          doc.page.margins.bottom = bottom;
        }
      }
      doc.end();
      return done;
    },
  };
}
