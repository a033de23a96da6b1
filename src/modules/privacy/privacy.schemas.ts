import { z } from 'zod';
import { RETENTION_KINDS, retentionKinds, type RetentionKind } from '../../platform/retention.ts';

const amount = (kind: RetentionKind) => {
  const { min, max } = RETENTION_KINDS[kind];
  const message = `privacy.amountInvalid.${kind}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};

/** The retention settings form and API body: one whole number per kind, within its bounds. */
export const retentionForm = z.object(Object.fromEntries(retentionKinds.map((kind) => [kind, amount(kind)])) as Record<RetentionKind, ReturnType<typeof amount>>);

export const retentionJson = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(retentionKinds as [RetentionKind, ...RetentionKind[]]),
        amount: z.number().int(),
        unit: z.enum(['months', 'days']),
        default: z.number().int(),
        min: z.number().int(),
        max: z.number().int(),
      }),
    ),
  });

const columnsJson = z.object({ table: z.string(), columns: z.array(z.object({ name: z.string(), kind: z.enum(['personal', 'statistic', 'team']) })) });

export const registerJson = z
  .object({
    controller: z.object({ name: z.string(), address: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
    generatedAt: z.string(),
    activities: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        purpose: z.string(),
        legalBasis: z.string(),
        subjects: z.string(),
        recipients: z.string(),
        retention: z.array(z.object({ kind: z.string(), label: z.string(), period: z.string() })),
        data: z.array(columnsJson),
      }),
    ),
    security: z.string(),
  });
