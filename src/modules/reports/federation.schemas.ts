import { z } from 'zod';

/** A federation's new API token: what it is for. */
export const federationTokenForm = z.object({
  name: z
    .string({ error: 'federation.tokens.nameRequired' })
    .trim()
    .min(1, { error: 'federation.tokens.nameRequired' })
    .max(80, { error: 'admin.tooLong' }),
});
