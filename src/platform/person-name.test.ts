import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { participantForm, staffRegistrationForm } from '../modules/activities/activity.schemas.ts';
import { appointmentCreate, dropInInput } from '../modules/helpdesk/helpdesk.schemas.ts';
import { proposalInput, voteInput } from '../modules/forums/forums.schemas.ts';
import { containsLetter, NAME_WITHOUT_LETTER, withLetter } from './person-name.ts';

describe('a person’s name holds a letter', () => {
  it('counts the letters of every script, and nothing else', () => {
    for (const name of ['Zoë', 'Łukasz', 'Ævar', 'N’Diaye', 'Jean-Émile', 'Ölçer', 'Σοφία', 'X']) expect(containsLetter(name)).toBe(true);
    for (const name of ['!', '123', ' - ', '…', '06 12 34 56 78', '@', '']) expect(containsLetter(name)).toBe(false);
  });

  it('refuses a typed name without a letter, leaves an empty one to the field’s own rule', () => {
    const schema = withLetter(z.string());
    expect(schema.safeParse('Dupont').success).toBe(true);
    expect(schema.safeParse('').success).toBe(true);
    const refused = schema.safeParse('!!');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(NAME_WITHOUT_LETTER);
  });

  // Every form and API that takes a resident's name applies the rule to that field, and only there.
  const cases: [string, z.ZodType, Record<string, unknown>][] = [
    ['activities: staff registration form', staffRegistrationForm, { firstName: 'Hélène', lastName: '!' }],
    ['activities: resident registration form', participantForm, { firstName: 'Hélène', lastName: '!' }],
    ['help desk: appointment', appointmentCreate, { firstName: 'Hélène', lastName: '!' }],
    ['help desk: drop-in', dropInInput, { firstName: 'Hélène', lastName: '!' }],
    ['forums: vote', voteInput, { firstName: 'Hélène', lastName: '!' }],
    ['forums: proposal', proposalInput, { firstName: 'Hélène', lastName: '!' }],
  ];
  it.each(cases)('%s', (_name, schema, names) => {
    const result = schema.safeParse(names);
    expect(result.success).toBe(false);
    const onNames = result.error!.issues.filter((issue) => issue.path[0] === 'firstName' || issue.path[0] === 'lastName');
    expect(onNames).toEqual([expect.objectContaining({ path: ['lastName'], message: NAME_WITHOUT_LETTER })]);
  });
});
