/**
 * Errors a service raises on purpose. Each carries an HTTP status, a machine code and a
 * message key of the i18n catalogue; pages and the JSON API render them the same way.
 */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 422 | 429 | 431 | 503,
    readonly code: string,
    readonly messageKey: string,
    readonly fields: FieldErrors = {},
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
  }
}

export const notFound = () => new AppError(404, 'not_found', 'errors.notFound');
export const forbidden = () => new AppError(403, 'forbidden', 'errors.forbidden');
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'errors.unauthenticated');
export const invalid = (fields: FieldErrors, messageKey = 'errors.invalid') =>
  new AppError(422, 'invalid', messageKey, fields);
export const conflict = (messageKey: string, fields: FieldErrors = {}) => new AppError(409, 'conflict', messageKey, fields);
