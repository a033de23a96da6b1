import { Fragment } from 'preact';
import { communeByCode, communeLabel, type Commune } from '../../../platform/communes.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { ChoiceGroup, TextField } from '../../../ui/components/form.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { DayHours } from '../opening-hours.ts';

const SECTIONS: { href: string; label: MessageKey }[] = [
  { href: '/centre', label: 'admin.centre.details' },
  { href: '/centre/lieux', label: 'admin.site.title' },
  { href: '/centre/communes', label: 'admin.partner.title' },
  { href: '/centre/equipe', label: 'admin.team.title' },
  { href: '/centre/jetons', label: 'admin.tokens.title' },
  { href: '/centre/deux-etapes', label: 'twoStep.centre.title' },
];

/** The sections of the centre's management, on every page of it. */
export function CentreNav({ ctx }: { ctx: ViewContext }) {
  const path = ctx.path.split('?')[0] ?? '';
  const current = (href: string) => (href === '/centre' ? path === '/centre' || path === '/centre/modifier' : path === href || path.startsWith(`${href}/`));
  return (
    <nav class="main-nav section-nav" aria-label={ctx.t('admin.centre.title')}>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <a href={s.href} aria-current={current(s.href) ? 'page' : undefined}>
              {ctx.t(s.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "animation numérique" → "Animation numérique", for labels that start a line. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);
}

/** How a stored INSEE code is typed back in a commune field: "Cambrai (59400)". */
export function communeInputValue(value: string | undefined | null): string {
  if (!value) return '';
  const commune = /^(\d{5}|2[AB]\d{3})$/.test(value) ? communeByCode(value) : undefined;
  return commune ? communeLabel(commune) : value;
}

/**
 * A commune typed as text; when the name was shared by several communes, the same field
 * comes back as radios listing them (their INSEE code as value), so that it works without
 * JavaScript.
 */
export function CommuneField(props: {
  ctx: ViewContext;
  name?: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  optional?: boolean;
  candidates?: Commune[];
}) {
  const { ctx, name = 'commune', label, hint, value, error, optional, candidates } = props;
  if (candidates && candidates.length > 1) {
    // The centre's own département first: that is where its partners usually are.
    const home = communeByCode(ctx.centre?.communeInsee)?.departement;
    const sorted = [...candidates].sort((a, b) => Number(b.departement === home) - Number(a.departement === home));
    return (
      <ChoiceGroup
        ctx={ctx}
        name={name}
        legend={`${label} : ${ctx.t('admin.commune.choose')}`}
        type="radio"
        error={error}
        choices={sorted.map((c) => ({ value: c.code, label: communeLabel(c), hint: ctx.t('admin.commune.departement', { code: c.departement }) }))}
      />
    );
  }
  return (
    <TextField
      ctx={ctx}
      name={name}
      label={label}
      hint={hint}
      value={communeInputValue(value)}
      error={error}
      optional={optional}
      autocomplete="off"
      width="medium"
    />
  );
}

/** A usual week of opening hours, one row a day. */
export function OpeningHoursTable({ ctx, week, caption }: { ctx: ViewContext; week: DayHours[]; caption?: string }) {
  return (
    <table class="opening-hours">
      {caption && <caption>{caption}</caption>}
      <tbody>
        {week.map((d) => (
          <tr key={d.weekday}>
            <th scope="row">{d.day}</th>
            <td>
              {d.ranges.length
                ? d.ranges.map((range, i) => (
                    <Fragment key={i}>
                      {i > 0 && ', '}
                      <span class="nowrap">{range}</span>
                    </Fragment>
                  ))
                : ctx.t('admin.hours.closed')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
