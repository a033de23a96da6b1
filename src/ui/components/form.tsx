import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import type { ViewContext } from '../view-context.ts';

/** Form values as typed by the user, kept when the form comes back with errors. */
export type FormValues = Record<string, string | string[] | undefined>;

/** One typed value as text ('' when absent or a list), to draw a field back. */
export function textValue(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/**
 * The GOV.UK error summary: at the top, each message links to its field. It takes the focus when
 * the page loads (`autofocus` on a focusable element needs no script, so it also works with
 * JavaScript off), so that keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{ctx.t('errors.summaryTitle')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldId(field)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/**
 * The id of the i-th radio or checkbox of a group. The first one carries the field's own id, so
 * that the error summary's link (`#champ-x`) lands on an input that takes the focus, as in the
 * GOV.UK pattern; the fieldset itself has no id.
 */
export function choiceId(name: string, index: number): string {
  return index === 0 ? fieldId(name) : `${fieldId(name)}-${index}`;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-aide` : '', error ? `${fieldId(name)}-erreur` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  ctx: ViewContext;
}

function Label({ name, label, optional, ctx }: FieldBase) {
  return (
    <label for={fieldId(name)}>
      {label}
      {optional && <span class="optional"> {ctx.t('common.optional')}</span>}
    </label>
  );
}

function HintAndError({ name, hint, error, ctx }: FieldBase) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${fieldId(name)}-aide`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${fieldId(name)}-erreur`}>
          <span class="visually-hidden">{ctx.t('layout.errorPrefix')}</span>
          {error}
        </p>
      )}
    </>
  );
}

export function TextField(
  props: FieldBase & {
    value?: string;
    type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'search' | 'date' | 'time' | 'url' | 'file';
    /** The kinds of file a file field offers (`image/png,image/jpeg`). */
    accept?: string;
    autocomplete?: string;
    inputmode?: 'numeric' | 'tel' | 'email' | 'text';
    width?: 'short' | 'medium' | 'full';
    list?: string;
    required?: boolean;
  },
) {
  const { name, value, type = 'text', accept, autocomplete, inputmode, width = 'full', list, error, hint, required } = props;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        value={type === 'file' ? undefined : (value ?? '')}
        accept={accept}
        autocomplete={autocomplete}
        inputMode={inputmode}
        class={`w-${width}`}
        list={list}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

export function TextArea(props: FieldBase & { value?: string; rows?: number }) {
  const { name, value, rows = 4, error, hint } = props;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export function SelectField(props: FieldBase & { value?: string; choices: Choice[]; placeholder?: string; autofocus?: boolean }) {
  const { name, value, choices, error, hint, placeholder, autofocus } = props;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <select
        id={fieldId(name)}
        name={name}
        autofocus={autofocus || undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value} selected={c.value === value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radios or checkboxes in a fieldset whose legend is the question. */
export function ChoiceGroup(
  props: Omit<FieldBase, 'label'> & {
    legend: string;
    type: 'radio' | 'checkbox';
    choices: Choice[];
    value?: string | string[];
    inline?: boolean;
  },
) {
  const { name, legend, type, choices, value, error, hint, ctx, inline, optional } = props;
  const selected = new Set(Array.isArray(value) ? value : value ? [value] : []);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <fieldset
        aria-describedby={describedBy(name, hint, error)}
        class={inline ? 'inline-choices' : undefined}
      >
        <legend>
          {legend}
          {optional && <span class="optional"> {ctx.t('common.optional')}</span>}
        </legend>
        <HintAndError {...props} label={legend} />
        {choices.map((c, i) => {
          const id = choiceId(name, i);
          return (
            <div class="choice" key={c.value}>
              <input id={id} type={type} name={name} value={c.value} checked={selected.has(c.value)} />
              <label for={id}>
                {c.label}
                {c.hint && <span class="hint block">{c.hint}</span>}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function Form({
  ctx,
  action,
  children,
  method = 'post',
  enctype,
}: {
  ctx: ViewContext;
  action: string;
  children: ComponentChildren;
  method?: 'post' | 'get';
  /** A form that sends a file. */
  enctype?: 'multipart/form-data';
}) {
  return (
    <form method={method} action={action} enctype={enctype} novalidate>
      {method === 'post' && <CsrfField ctx={ctx} />}
      {children}
    </form>
  );
}

/** Field errors carry catalogue keys (or already French text); views show them translated. */
export function localizeErrors(ctx: ViewContext, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, translate(ctx.locale, message)]));
}
