// What the equipment API's route files share: the OpenAPI tag and a loan's JSON (loans and reservation pick-ups answer one).
import type { z } from 'zod';
import type { LoanRow } from '../equipment.repository.ts';
import type { loanOutput } from '../equipment.schemas.ts';

export const tags = ['Matériel'];

/** A loan as the API answers it; `overdue` computed against `today` unless the query already did. */
export function loanJson(l: LoanRow & { overdue?: boolean }, today: string): z.infer<typeof loanOutput> {
  return {
    id: l.id, itemId: l.itemId, personId: l.personId, reservationId: l.reservationId, lentAt: l.lentAt, dueOn: l.dueOn, returnedAt: l.returnedAt,
    conditionOut: l.conditionOut, conditionIn: l.conditionIn, missingComponents: l.missingComponents ? (JSON.parse(l.missingComponents) as string[]) : [],
    renewals: l.renewals, depositCents: l.depositCents, reminders: l.reminders, overdue: l.overdue ?? (!l.returnedAt && l.dueOn < today),
  };
}
