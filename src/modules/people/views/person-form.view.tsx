import type { FieldErrors } from '../../../platform/errors.ts';
import { LandlineWarning } from '../../../ui/components/contact.tsx';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { communeByCode, communeLabel } from '../../../platform/communes.ts';
import { formatPhone } from '../../../platform/text.ts';
import {
  ChoiceGroup,
  ErrorSummary,
  fieldId,
  Form,
  TextArea,
  TextField,
  type FormValues,
} from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { CONSENT_KINDS, formatEuros, GENDERS, SOCIAL_STATUSES } from '../person.schemas.ts';
import type { DuplicateMatch, PersonFile } from '../person.types.ts';
import { ageText, personName, phoneText, reasonsText } from './helpers.ts';

/** A file as the edit form shows it: what the user would have typed. */
export function fileToFormValues(file: PersonFile, year: number): FormValues {
  const commune = communeByCode(file.communeInsee);
  const membership = file.memberships.find((m) => m.year === year);
  return {
    firstName: file.firstName ?? '',
    lastName: file.lastName ?? '',
    phone: formatPhone(file.phone),
    email: file.email ?? '',
    birthYear: file.birthYear ? String(file.birthYear) : '',
    commune: commune ? communeLabel(commune) : '',
    socialStatus: file.socialStatus,
    gender: file.gender,
    accessibilityNeeds: file.accessibilityNeeds ?? '',
    household: file.household?.name ?? '',
    member: membership ? '1' : '',
    membershipAmount: membership ? formatEuros(membership.amountCents) : '',
    consents: CONSENT_KINDS.filter((k) => file.consents[k]?.granted),
  };
}

const str = (v: FormValues[string]): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

function ConsentsField({ ctx, values, errors, editing }: { ctx: ViewContext; values: FormValues; errors: FieldErrors; editing: boolean }) {
  const { t } = ctx;
  const raw = values.consents;
  const selected = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const hasError = CONSENT_KINDS.some((k) => errors[`consents.${k}`]);
  return (
    <div class={`field${hasError ? ' has-error' : ''}`}>
      <fieldset id="champ-consents" aria-describedby="champ-consents-aide">
        <legend>{t('people.consent.legend')}</legend>
        <p class="hint" id="champ-consents-aide">
          {t('people.consent.hint')} {editing && t('people.consent.editHint')}
        </p>
        {CONSENT_KINDS.map((kind) => {
          const id = fieldId(`consents.${kind}`);
          const error = errors[`consents.${kind}`];
          return (
            <div key={kind}>
              {error && (
                <p class="field-error" id={`${id}-erreur`}>
                  <span class="visually-hidden">{t('layout.errorPrefix')}</span>
                  {error}
                </p>
              )}
              <div class="choice">
                <input
                  id={id}
                  type="checkbox"
                  name="consents"
                  value={kind}
                  checked={selected.has(kind)}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={[`${id}-texte`, error ? `${id}-erreur` : ''].filter(Boolean).join(' ')}
                />
                <label for={id}>
                  {t(`people.consent.${kind}` as MessageKey)}
                  <span class="hint block" id={`${id}-texte`}>
                    {t(`people.consent.${kind}.wording` as MessageKey)}
                  </span>
                </label>
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export interface PersonFormProps {
  ctx: ViewContext;
  mode: 'new' | 'edit';
  action: string;
  values: FormValues;
  errors?: FieldErrors;
  communes: string[];
  households: string[];
  year: number;
  /** The file's current name, for the edit page title. */
  name?: string;
  backHref: string;
}

export function PersonFormPage({ ctx, mode, action, values, errors = {}, communes, households, year, name, backHref }: PersonFormProps) {
  const { t } = ctx;
  const title = mode === 'new' ? t('people.newTitle') : t('people.editTitle', { name: name ?? '' });
  const v = (key: string) => str(values[key]);
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0} backHref={backHref}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      {mode === 'new' && <p class="lead">{t('people.newIntro')}</p>}
      <Form ctx={ctx} action={action}>
        <h2>{t('people.section.identity')}</h2>
        <TextField ctx={ctx} name="firstName" label={t('people.firstName')} value={v('firstName')} error={errors.firstName} autocomplete="off" width="medium" />
        <TextField ctx={ctx} name="lastName" label={t('people.lastName')} value={v('lastName')} error={errors.lastName} autocomplete="off" width="medium" />
        <TextField
          ctx={ctx}
          name="birthYear"
          label={t('people.birthYear')}
          hint={t('people.birthYearHint')}
          value={v('birthYear')}
          error={errors.birthYear}
          inputmode="numeric"
          width="short"
          optional
        />

        <h2>{t('people.section.contact')}</h2>
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t('people.phone')}
          hint={t('people.phoneHint')}
          value={v('phone')}
          error={errors.phone}
          autocomplete="off"
          width="medium"
          optional
        />
        {!errors.phone && <LandlineWarning ctx={ctx} phone={v('phone')} />}
        <TextField ctx={ctx} name="email" type="email" label={t('people.email')} value={v('email')} error={errors.email} autocomplete="off" optional />
        <TextField
          ctx={ctx}
          name="commune"
          label={t('people.commune')}
          hint={t('people.communeHint')}
          value={v('commune')}
          error={errors.commune}
          list="communes-proches"
          autocomplete="off"
          width="medium"
          optional
        />
        <datalist id="communes-proches">
          {communes.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>

        <h2>{t('people.section.situation')}</h2>
        <ChoiceGroup
          ctx={ctx}
          name="socialStatus"
          type="radio"
          legend={t('people.socialStatus')}
          value={v('socialStatus') || 'non_communique'}
          error={errors.socialStatus}
          inline
          choices={SOCIAL_STATUSES.map((s) => ({ value: s, label: t(`vocab.socialStatus.${s}` as MessageKey) }))}
        />
        <ChoiceGroup
          ctx={ctx}
          name="gender"
          type="radio"
          legend={t('people.gender')}
          value={v('gender') || 'non_communique'}
          error={errors.gender}
          inline
          choices={GENDERS.map((g) => ({ value: g, label: t(`vocab.gender.${g}` as MessageKey) }))}
        />
        <TextArea
          ctx={ctx}
          name="accessibilityNeeds"
          label={t('people.accessibilityNeeds')}
          hint={t('people.accessibilityNeedsHint')}
          value={v('accessibilityNeeds')}
          error={errors.accessibilityNeeds}
          rows={2}
          optional
        />

        <h2>{t('people.section.household')}</h2>
        <TextField
          ctx={ctx}
          name="household"
          label={t('people.household')}
          hint={t('people.householdHint')}
          value={v('household')}
          error={errors.household}
          list={households.length > 0 ? 'foyers' : undefined}
          autocomplete="off"
          width="medium"
          optional
        />
        {households.length > 0 && (
          <datalist id="foyers">
            {households.map((h) => (
              <option key={h} value={h} />
            ))}
          </datalist>
        )}
        <ChoiceGroup
          ctx={ctx}
          name="member"
          type="checkbox"
          legend={t('people.memberLegend')}
          value={v('member') ? '1' : ''}
          error={errors.member}
          choices={[{ value: '1', label: t('people.member', { year }), hint: t('people.memberHint') }]}
        />
        <TextField
          ctx={ctx}
          name="membershipAmount"
          label={t('people.membershipAmount')}
          hint={t('people.membershipAmountHint')}
          value={v('membershipAmount')}
          error={errors.membershipAmount}
          inputmode="text"
          width="short"
          optional
        />

        <h2>{t('people.section.consents')}</h2>
        <ConsentsField ctx={ctx} values={values} errors={errors} editing={mode === 'edit'} />

        <div class="button-row">
          <button type="submit">{mode === 'new' ? t('people.create') : t('people.saveChanges')}</button>
          <a href={backHref}>{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}

/** Hidden copies of what was typed, so that "continue" submits the same form again. */
function HiddenValues({ values }: { values: FormValues }) {
  const inputs = [];
  for (const [name, value] of Object.entries(values)) {
    if (name === 'confirmNotDuplicate' || name === 'action') continue;
    for (const v of Array.isArray(value) ? value : [value ?? '']) inputs.push(<input type="hidden" name={name} value={v} key={`${name}=${v}`} />);
  }
  return <>{inputs}</>;
}

export function DuplicatesPage({
  ctx,
  action,
  values,
  duplicates,
  hiddenCount,
}: {
  ctx: ViewContext;
  action: string;
  values: FormValues;
  duplicates: DuplicateMatch[];
  hiddenCount: number;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('people.duplicate.title')}>
      <h1>{t('people.duplicate.title')}</h1>
      <p class="lead">{t('people.duplicate.intro')}</p>
      {duplicates.length > 0 && (
        <ul class="cards">
          {duplicates.map((d) => (
            <li key={d.id}>
              <div class="card">
                <h2>{personName(t, d)}</h2>
                <p>
                  {ageText(t, d)}
                  {d.communeName && (
                    <>
                      <br />
                      {d.communeName}
                    </>
                  )}
                  {d.phone && (
                    <>
                      <br />
                      {phoneText(d.phone)}
                    </>
                  )}
                  {d.email && (
                    <>
                      <br />
                      {d.email}
                    </>
                  )}
                </p>
                <p>
                  <span class="tag">{t('people.duplicate.matchedOn', { reasons: reasonsText(t, d.matchedOn) })}</span>
                </p>
                <p>
                  <a href={`/personnes/${d.id}`}>{t('people.duplicate.open', { name: personName(t, d) })}</a>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {hiddenCount > 0 && (
        <div class="notice">
          <p>{t('people.duplicate.hidden', { count: hiddenCount })}</p>
        </div>
      )}
      <Form ctx={ctx} action={action}>
        <HiddenValues values={values} />
        <div class="button-row">
          <button type="submit" name="confirmNotDuplicate" value="1">
            {t('people.duplicate.continue')}
          </button>
          <button type="submit" name="action" value="edit" class="secondary">
            {t('people.duplicate.back')}
          </button>
        </div>
      </Form>
    </Layout>
  );
}
