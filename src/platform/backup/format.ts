/**
 * The backup file: gzip'd JSON lines, readable with `zcat` and portable between SQLite and
 * PostgreSQL. Line 1 is the header, then one line per row `{"t": table, "r": {column: value}}`
 * grouped by table in foreign-key order, then a footer with the row count of every table so a
 * truncated file is never mistaken for a small centre. Values are written as the database
 * stored them (SQLite's 0/1 booleans stay 0/1); restore converts them to the type of the target
 * column, which it reads from the target database.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { DialectName } from '../../db/kysely.ts';
import type { ColumnKind } from './catalog.ts';

export const BACKUP_FORMAT = 'lieudit-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** Migrations applied to the database that was saved: the shape of its rows. */
  migrations: string[];
  createdAt: string;
  dialect: DialectName;
}

export interface BackupFooter {
  end: true;
  counts: Record<string, number>;
}

export type RowLine = { t: string; r: Record<string, unknown> };

/** Binary values travel as base64 under this single key; no column of ours stores such an object. */
const BYTES_KEY = '$bytes';

export function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function isBytes(value: unknown): value is { [BYTES_KEY]: string } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.keys(value).length === 1 && typeof (value as Record<string, unknown>)[BYTES_KEY] === 'string'
  );
}

const TRUE_TEXT = new Set(['1', 't', 'true']);

/** Turns a saved value into what the target column of the target dialect accepts. */
export function decodeValue(value: unknown, kind: ColumnKind, dialect: DialectName): unknown {
  if (value === null || value === undefined) return null;
  if (isBytes(value)) return Buffer.from(value[BYTES_KEY], 'base64');
  let out: unknown = value;
  switch (kind) {
    case 'boolean':
      out = value === true || value === 1 || (typeof value === 'string' && TRUE_TEXT.has(value.toLowerCase()));
      break;
    case 'integer':
      if (typeof value === 'boolean') out = value ? 1 : 0;
      else if (typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) out = Number(value);
      break;
    case 'real':
    case 'numeric':
      if (typeof value === 'boolean') out = value ? 1 : 0;
      else if (dialect === 'sqlite' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) out = Number(value);
      break;
    case 'text':
    case 'timestamp':
    case 'date':
      if (typeof value === 'object') out = JSON.stringify(value);
      else if (dialect === 'postgres' && typeof value !== 'string') out = String(value);
      break;
    case 'json':
      // pg would send a JS array as a PostgreSQL array: JSON text is unambiguous on both sides.
      if (typeof value !== 'string') out = JSON.stringify(value);
      break;
    default:
      if (typeof value === 'object') out = JSON.stringify(value);
  }
  // better-sqlite3 refuses JS booleans.
  if (dialect === 'sqlite' && typeof out === 'boolean') out = out ? 1 : 0;
  return out;
}

/**
 * The longest line restore accepts, in characters. No request may exceed 1 MB (the body limit),
 * so no single row can be much larger: even a 1 MB text of control characters, escaped by JSON
 * as \uXXXX, is 6 MB. 16 MB leaves room for that and for base64 values, and bounds what a
 * hostile file (one line of 60 MB that gzip shrinks to 60 KB) can make restore hold in memory.
 */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** A line longer than any row Lieudit writes: refused as soon as the cap is passed. */
export class LineTooLongError extends Error {
  constructor(
    message: string,
    /** Decompressed characters read when restore stopped: never much more than the cap. */
    readonly charsRead: number,
  ) {
    super(message);
  }
}

/**
 * The lines of a gzip'd file, streamed with backpressure: the file is read only as fast as the
 * caller consumes lines (readline's iterator would buffer a whole file while restore waits on
 * the database). A line is kept as a list of pieces, joined once when it ends: concatenating
 * every chunk to the pending text made one huge line quadratic in time and memory.
 */
export async function* readLines(file: string, maxLineLength = MAX_LINE_LENGTH): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.once('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let pieces: string[] = [];
  let pending = 0;
  let lineNumber = 0;
  let charsRead = 0;
  const tooLong = () =>
    new BackupError(
      `La ligne ${lineNumber + 1} de « ${file} » dépasse ${Math.round(maxLineLength / 1024 / 1024)} Mo : ` +
        'aucune ligne d’une sauvegarde Lieudit n’est aussi longue. Ce fichier est abîmé ou n’est pas une sauvegarde.',
      { cause: new LineTooLongError('line too long', charsRead) },
    );
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      charsRead += chunk.length;
      let start = 0;
      for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
        if (pending + end - start > maxLineLength) throw tooLong();
        pieces.push(chunk.slice(start, end));
        const line = pieces.join('');
        pieces = [];
        pending = 0;
        lineNumber += 1;
        start = end + 1;
        if (line !== '') yield line;
      }
      pending += chunk.length - start;
      if (pending > maxLineLength) throw tooLong();
      if (start < chunk.length) pieces.push(chunk.slice(start));
    }
    const last = pieces.join('');
    if (last !== '') yield last;
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code).startsWith('Z_')) throw error;
    throw new BackupError(
      `« ${file} » n'est pas une sauvegarde Lieudit lisible : fichier abîmé, tronqué ou non compressé (${(error as Error).message}).`,
    );
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/** Opens the file and answers its header, checking it is a Lieudit backup this code can read. */
export async function readHeader(file: string): Promise<BackupHeader> {
  let first: string | undefined;
  for await (const line of readLines(file)) {
    first = line;
    break;
  }
  const header = parseJson(first) as Partial<BackupHeader> | undefined;
  if (!header || header.format !== BACKUP_FORMAT) throw new BackupError(`« ${file} » n'est pas une sauvegarde Lieudit.`);
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(`Cette sauvegarde est au format ${header.version} ; cette version de Lieudit lit le format ${BACKUP_VERSION}.`);
  }
  if (!Array.isArray(header.migrations) || (header.dialect !== 'sqlite' && header.dialect !== 'postgres')) {
    throw new BackupError(`L'en-tête de « ${file} » est incomplet.`);
  }
  return header as BackupHeader;
}

export function parseJson(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** A refusal explained to the person running the command; never a stack trace. */
export class BackupError extends Error {}
