import { z } from 'zod';

export const loginForm = z.object({
  email: z.string({ error: 'auth.emailRequired' }).trim().min(1, { error: 'auth.emailRequired' }).max(254),
  password: z.string({ error: 'auth.passwordRequired' }).min(1, { error: 'auth.passwordRequired' }).max(1024),
  retour: z.string().optional(),
});

export const forgotForm = z.object({
  email: z.email({ error: 'auth.emailRequired' }).max(254),
});

export const resetForm = z.object({
  jeton: z.string().min(10).max(200),
  password: z.string({ error: 'auth.passwordTooShort' }).min(12, { error: 'auth.passwordTooShort' }).max(1024),
});

/** A code typed after the password or to confirm a change (the service checks its form). */
export const codeForm = z.object({
  code: z.string({ error: 'twoStep.codeRequired' }).trim().min(1, { error: 'twoStep.codeRequired' }).max(40, { error: 'twoStep.codeFormat' }),
});

export const recoveryCodeForm = z.object({
  code: z.string({ error: 'twoStep.recoveryRequired' }).trim().min(1, { error: 'twoStep.recoveryRequired' }).max(40, { error: 'twoStep.recoveryWrong' }),
});
