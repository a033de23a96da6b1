import { apiErrors } from '../../../platform/http/api-docs.ts';

export const tags = ['Personnes'];
export const errors = apiErrors(400, 401, 403, 404, 422);
