/** Booking by phone: the staff choose a motif, a slot and a person (known or new) on one page. */
import { LandlineWarning } from '../../../../ui/components/contact.tsx';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { formatPhone } from '../../../../platform/text.ts';
import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField, type FormValues } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { Site } from '../../../centre/centre.service.ts';
import type { PersonListItem, PersonSummary } from '../../../people/person.service.ts';
import type { Motif, PublicSlot } from '../../helpdesk.model.ts';
import { SlotButtons } from '../slot-buttons.tsx';
import { HelpdeskNav, personName } from '../parts.tsx';

export interface StaffBookState {
  person: PersonSummary | null;
  newPerson: boolean;
  q: string;
  matches: PersonListItem[] | null;
  motifs: Motif[];
  sites: Site[];
  motifId: string;
  siteId: string;
  slots: PublicSlot[] | null;
}

export function StaffBookPage({ ctx, s, values = {}, errors = {} }: { ctx: ViewContext; s: StaffBookState; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const base = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (s.person) params.set('personne', s.person.id);
    else if (s.newPerson) params.set('personne', 'nouvelle');
    if (s.motifId) params.set('motif', s.motifId);
    if (s.siteId) params.set('lieu', s.siteId);
    for (const [k, val] of Object.entries(extra)) params.set(k, val);
    return `/permanences/rendez-vous/nouveau?${params.toString()}`;
  };
  const chosen = s.person !== null || s.newPerson;
  return (
    <Layout ctx={ctx} title={t('helpdesk.book.title')} hasErrors={Object.keys(errors).length > 0}>
      <HelpdeskNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('helpdesk.book.title')}</h1>

      <h2>{t('helpdesk.book.forWhom')}</h2>
      {s.person ? (
        <>
          <p>
            <strong>{personName(ctx, s.person)}</strong>
            {s.person.phone && ` · ${formatPhone(s.person.phone)}`} · <a href={base({ personne: '' })}>{t('helpdesk.book.otherPerson')}</a>
          </p>
          <LandlineWarning ctx={ctx} phone={s.person.phone} />
        </>
      ) : s.newPerson ? (
        <p>
          <strong>{t('helpdesk.book.newPerson')}</strong> · <a href={base({ personne: '' })}>{t('helpdesk.book.otherPerson')}</a>
        </p>
      ) : (
        <>
          <Form ctx={ctx} action="/permanences/rendez-vous/nouveau" method="get">
            {s.motifId && <input type="hidden" name="motif" value={s.motifId} />}
            {s.siteId && <input type="hidden" name="lieu" value={s.siteId} />}
            <div class="search-row">
              <TextField ctx={ctx} name="q" type="search" label={t('helpdesk.book.search')} value={s.q} />
              <button type="submit" class="secondary">
                {t('helpdesk.book.searchSubmit')}
              </button>
            </div>
          </Form>
          {s.matches && s.matches.length === 0 && <p>{t('helpdesk.book.noMatch')}</p>}
          {s.matches && s.matches.length > 0 && (
            <ul class="plain-list">
              {s.matches.map((p) => (
                <li key={p.id}>
                  {personName(ctx, p)}
                  {p.phone && ` · ${formatPhone(p.phone)}`}{' '}
                  <a href={base({ personne: p.id })}>
                    {t('helpdesk.book.choose')}
                    <span class="visually-hidden"> {personName(ctx, p)}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={base({ personne: 'nouvelle' })}>{t('helpdesk.book.newPerson')}</a>
          </p>
        </>
      )}

      {chosen && (
        <>
          <Form ctx={ctx} action="/permanences/rendez-vous/nouveau" method="get">
            <input type="hidden" name="personne" value={s.person?.id ?? 'nouvelle'} />
            <div class="search-row">
              <SelectField
                ctx={ctx}
                name="motif"
                label={t('helpdesk.book.motif')}
                value={s.motifId}
                choices={s.motifs.map((m) => ({ value: m.id, label: m.name }))}
                placeholder=""
              />
              <SelectField ctx={ctx} name="lieu" label={t('helpdesk.book.site')} value={s.siteId} choices={s.sites.map((x) => ({ value: x.id, label: x.name }))} placeholder="" />
              <button type="submit" class="secondary">
                {t('helpdesk.book.showSlots')}
              </button>
            </div>
          </Form>
          {s.slots && (
            <Form ctx={ctx} action="/permanences/rendez-vous">
              <input type="hidden" name="motifId" value={s.motifId} />
              <input type="hidden" name="siteId" value={s.siteId} />
              {s.person && <input type="hidden" name="personId" value={s.person.id} />}
              {s.newPerson && (
                <fieldset class="panel">
                  <legend>{t('helpdesk.book.details')}</legend>
                  <TextField ctx={ctx} name="firstName" label={t('helpdesk.public.firstName')} value={v('firstName')} error={errors.firstName} width="medium" />
                  <TextField ctx={ctx} name="lastName" label={t('helpdesk.public.lastName')} value={v('lastName')} error={errors.lastName} width="medium" />
                  <TextField ctx={ctx} name="phone" type="tel" label={t('helpdesk.public.phone')} value={v('phone')} error={errors.phone} width="medium" optional />
                  {!errors.phone && <LandlineWarning ctx={ctx} phone={v('phone')} />}
                  <TextField ctx={ctx} name="email" type="email" label={t('helpdesk.public.email')} value={v('email')} error={errors.email} optional />
                  <ChoiceGroup
                    ctx={ctx}
                    name="consent"
                    type="checkbox"
                    legend={t('helpdesk.public.consentLegend')}
                    hint={t('helpdesk.public.consentHint')}
                    value={v('consent') ? [v('consent')] : []}
                    error={errors.consent}
                    choices={[{ value: 'oui', label: t('helpdesk.book.consentStaff') }]}
                  />
                </fieldset>
              )}
              <ChoiceGroup
                ctx={ctx}
                name="reminder"
                type="radio"
                legend={t('helpdesk.public.reminderQuestion')}
                value={v('reminder')}
                error={errors.reminder}
                inline
                choices={[
                  { value: 'sms', label: t('helpdesk.public.reminder.sms') },
                  { value: 'email', label: t('helpdesk.public.reminder.email') },
                  { value: 'none', label: t('helpdesk.public.reminder.none') },
                ]}
              />
              <TextArea ctx={ctx} name="note" label={t('helpdesk.appointment.note')} hint={t('helpdesk.public.noteHint')} value={v('note')} error={errors.note} rows={2} optional />
              <h2 id="champ-startAt">{t('helpdesk.book.slots')}</h2>
              {errors.startAt && <p class="field-error">{errors.startAt}</p>}
              {s.slots.length === 0 ? <p>{t('helpdesk.book.noSlots')}</p> : <SlotButtons ctx={ctx} slots={s.slots} name="startAt" />}
            </Form>
          )}
        </>
      )}
    </Layout>
  );
}
