import { parse } from 'node:querystring';

/**
 * Parses a query string the way our GET forms mean it: a field left empty is "not given".
 * A browser submits every field of a filter form (`?public=&lieu=59269&theme=`); kept as
 * empty strings they either fail validation (and the whole filter was dropped) or filter on
 * nothing. Dropping them here, once, serves every page and every API route.
 */
export function parseQuery(query: string): Record<string, string | string[]> {
  const parsed: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(parse(query))) {
    if (value === undefined || key === '') continue;
    if (Array.isArray(value)) {
      const given = value.filter((v) => v.trim() !== '');
      if (given.length > 1) parsed[key] = given;
      else if (given.length === 1) parsed[key] = given[0]!;
    } else if (value.trim() !== '') parsed[key] = value;
  }
  return parsed;
}
