/**
 * What the person at the terminal reads when a command fails: one clear French sentence (and
 * the options to fix), never a stack trace. Errors a service raises on purpose (AppError) are
 * translated from the catalogue, with each field named as the option that carried it.
 */
import { AppError } from '../platform/errors.ts';
import { translate } from '../platform/i18n/index.ts';
import { BackupError } from '../platform/backup/format.ts';

/** A refusal of the command line itself (bad option, missing value). */
export class CliError extends Error {}

interface NodeError {
  code?: unknown;
  message?: unknown;
}

function quoted(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? '';
}

/** Node's own parseArgs messages are English: said again in French. */
function parseArgsMessage(error: NodeError, command: string): string | undefined {
  const message = String(error.message ?? '');
  const help = `Voir « lieudit ${command} --help ».`;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Option inconnue : ${quoted(message).replace(/^(\w)/, '--$1') || message}. ${help}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `L’option ${quoted(message).split(' ')[0] ?? ''} attend une valeur. ${help}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Argument inattendu : « ${quoted(message)} ». ${help}`;
    default:
      return undefined;
  }
}

export function describeError(error: unknown, command: string, optionOf: Record<string, string> = {}): string {
  if (error instanceof CliError || error instanceof BackupError) return error.message;
  if (error instanceof AppError) {
    const message = translate('fr', error.messageKey, error.params);
    const fields = Object.entries(error.fields).map(([field, key]) => ({ option: optionOf[field] ?? field, text: translate('fr', key) }));
    // A conflict often carries the same sentence on its field: say it once, naming the option.
    if (fields.length === 1 && fields[0]!.text === message) return `${message} (${fields[0]!.option}).`.replace(/\.? \(/, ' (');
    return [message, ...fields.map((f) => `  ${f.option} : ${f.text}`)].join('\n');
  }
  const nodeError = (error ?? {}) as NodeError;
  const parse = parseArgsMessage(nodeError, command);
  if (parse) return parse;
  if (nodeError.code === 'ECONNREFUSED' || nodeError.code === 'ENOTFOUND') {
    return `Impossible de joindre la base de données (${String(nodeError.message)}). Vérifiez DATABASE_URL.`;
  }
  if (nodeError.code === 'ENOENT') return `Fichier introuvable : ${String(nodeError.message).replace(/^ENOENT: [^,]*, \w+ /, '')}`;
  if (nodeError.code === '3D000') return `Cette base PostgreSQL n’existe pas (${String(nodeError.message)}). Créez-la d’abord (createdb).`;
  return error instanceof Error ? error.message : String(error);
}
