import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

/** Reads back a file written by toCsv (RFC 4180 with `;`), to check the round trip. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  return rows;
}

describe('CSV for French spreadsheets', () => {
  it('starts with the byte-order mark, separates with ; and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'é']])).toBe('\uFEFFa;b\r\n1;é\r\n');
  });

  it('quotes a field holding the separator, a quote or a line break, and doubles quotes', () => {
    expect(csvCell('Salle; étage')).toBe('"Salle; étage"');
    expect(csvCell('dit "bonjour"')).toBe('"dit ""bonjour"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell('a,b')).toBe('a,b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('keeps a spreadsheet from running a cell as a formula, unless asked for raw data', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+33180059880')).toBe("'+33180059880");
    expect(csvCell('+33180059880', { guardFormulas: false })).toBe('+33180059880');
    expect(csvCell(-3)).toBe('-3');
  });

  it('reads back every text it wrote, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const text = toCsv(['x', 'y'], rows, { guardFormulas: false });
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(parse(text.slice(1))).toEqual([['x', 'y'], ...rows]);
      }),
    );
  });
});
