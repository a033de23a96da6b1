import type { World } from './world.ts';

/**
 * Request bodies generated from the API's own OpenAPI description, for the tests that send
 * every route something it should refuse or clean (hostile text, impossible dates).
 */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  minItems?: number;
};

/** The id of the world's resource a body field names, when it names one. */
function idFor(name: string, w: World): string | undefined {
  const ids: Record<string, string> = {
    siteId: w.ids.site, motifId: w.ids.motif, personId: w.ids.otherPerson, duplicateId: w.ids.person,
    skillId: w.ids.skill, enrolmentId: w.ids.enrolment, questionId: w.ids.question, sessionId: w.ids.session,
    activityId: w.ids.activity, pathwayId: w.ids.pathway, userId: w.ids.targetUser,
  };
  return ids[name];
}

export interface SampleOptions {
  /** A calendar date (YYYY-MM-DD) the bodies use for their date fields. */
  date: string;
  /** Turns each plain string into the one sent (adds hostile characters, for instance). */
  decorate: (value: string) => string;
  /** The value sent for a date field (default: the decorated date). */
  day?: (field: string) => string;
  /** The value sent for a date-time field (default: the date at 09:00 UTC). */
  instant?: (field: string) => string;
}

/** A JSON body for a request schema of the OpenAPI document, valid up to what `decorate` adds. */
export function sampleBody(schema: JsonSchema, w: World, options: SampleOptions): unknown {
  return sample(schema, 'body', w, options);
}

/** A value the schema accepts once the hostile characters are removed from its strings. */
function sample(schema: JsonSchema, name: string, w: World, o: SampleOptions): unknown {
  const variant = schema.anyOf ?? schema.oneOf;
  if (variant) return sample(variant.find((s) => s.type !== 'null') ?? variant[0]!, name, w, o);
  if (schema.const !== undefined) return typeof schema.const === 'string' ? o.decorate(schema.const) : schema.const;
  if (schema.enum) return typeof schema.enum[0] === 'string' ? o.decorate(schema.enum[0] as string) : schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, sample(child, key, w, o)]));
    case 'array':
      return schema.items ? [sample(schema.items, name.replace(/s$/, ''), w, o)] : [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string': {
      const id = idFor(name, w);
      if (id) return o.decorate(id);
      if (schema.format === 'email' || /email/i.test(name)) return o.decorate('personne@exemple.fr');
      if (schema.format === 'date-time' || /At$/.test(name)) return o.instant?.(name) ?? `${o.date}T09:00:00.000Z`;
      if (schema.format === 'date' || /date|day|on$/i.test(name)) return o.day?.(name) ?? o.decorate(o.date);
      if (/time$/i.test(name)) return o.decorate('10:00');
      if (/insee/i.test(name)) return o.decorate('59512');
      return o.decorate('Texte ordinaire');
    }
    default:
      return o.decorate('Texte');
  }
}

