/** Staff pages of the equipment module: inventory, item, forms, overdue list, a person's loans. */
import type { FieldErrors } from '../../../platform/errors.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { can } from '../../../platform/auth/roles.ts';
import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField, localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { TableHead } from '../../../ui/components/table.tsx';
import { formatDateRange } from '../../../ui/format.ts';
import { ExportLinks } from '../../../ui/components/export-links.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { parisDate } from '../../../platform/time.ts';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { ComponentRow, LoanRow, NoteRow } from '../equipment.repository.ts';
import { CATEGORIES, DEFAULT_LOAN_DAYS, type Category } from '../equipment.vocab.ts';
import type { ItemSummary } from '../inventory.service.ts';
import { day, type LoanView } from '../loan.service.ts';
import type { PersonSummary, SiteInfo, TrainingModule } from '../ports.ts';
import type { ReservationView } from '../reservation.service.ts';

export const tk = (prefix: string, value: string): MessageKey => `${prefix}.${value}` as MessageKey;
const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const arr = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',').replace(',00', '')} €`;
const personName = (p: { firstName: string | null; lastName: string | null }) => [p.firstName, p.lastName].filter(Boolean).join(' ');

function StatusTag({ ctx, status }: { ctx: ViewContext; status: string }) {
  const tone = status === 'available' ? ' success' : status === 'repair' || status === 'retired' ? ' warning' : '';
  return <span class={`tag${tone}`}>{ctx.t(tk('equipment.status', status))}</span>;
}

export function InventoryPage({ ctx, items, overdueCount }: { ctx: ViewContext; items: ItemSummary[]; overdueCount: number | null }) {
  const { t } = ctx;
  const actor = ctx.actor!;
  return (
    <Layout ctx={ctx} title={t('equipment.inventory.title')}>
      <h1>{t('equipment.inventory.title')}</h1>
      <p class="lead">{t('equipment.inventory.lead')}</p>
      <div class="button-row">
        {can(actor.role, 'equipment.manage') && <a class="button" href="/materiel/gestion/nouveau">{t('equipment.inventory.add')}</a>}
        {overdueCount !== null && (
          <a href="/materiel/gestion/retards">
            {t('equipment.inventory.overdue')} ({overdueCount})
          </a>
        )}
        {overdueCount !== null && <a href="/materiel/gestion/reservations">{t('equipment.inventory.reservations')}</a>}
        <a href="/materiel">{t('equipment.inventory.publicPage')}</a>
      </div>
      {items.length === 0 ? (
        <p>{t('equipment.inventory.empty')}</p>
      ) : (
        <table>
          <TableHead ctx={ctx} columns={[t('equipment.col.name'), t('equipment.col.tag'), t('equipment.col.category'), t('equipment.col.funder'), t('equipment.col.status')]} />
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`/materiel/gestion/objets/${item.id}`}>{item.name}</a>
                </td>
                <td>{item.assetTag}</td>
                <td>{t(tk('equipment.category', item.category))}</td>
                <td>{item.funder ?? ''}</td>
                <td>
                  <StatusTag ctx={ctx} status={item.displayStatus} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length > 0 && <ExportLinks ctx={ctx} href="/materiel/gestion" />}
    </Layout>
  );
}

export interface ItemPageData {
  item: ItemSummary & { notes: NoteRow[] };
  loans: LoanView[] | null;
  reservations: ReservationView[] | null;
  showLabel: boolean;
  noteErrors?: FieldErrors;
}

export function ItemPage({ ctx, data }: { ctx: ViewContext; data: ItemPageData }) {
  const { t } = ctx;
  const { item, loans, reservations } = data;
  const role = ctx.actor!.role;
  const current = loans?.find((l) => !l.returnedAt) ?? null;
  const lend = can(role, 'equipment.lend');
  const manage = can(role, 'equipment.manage');
  const noteErrors = localizeErrors(ctx, data.noteErrors ?? {});
  return (
    <Layout ctx={ctx} title={item.name} hasErrors={Object.keys(noteErrors).length > 0} backHref="/materiel/gestion">
      <h1>{item.name}</h1>
      <ErrorSummary ctx={ctx} errors={noteErrors} />
      <p class="lead">
        {item.assetTag} · {t(tk('equipment.category', item.category))} · <StatusTag ctx={ctx} status={item.displayStatus} />
      </p>
      {item.requiredModule && (
        <p class="notice">
          {t('equipment.item.training', { module: item.requiredModule.title, pathway: item.requiredModule.pathwayTitle })}{' '}
          {can(role, 'pathways.enrol') && <a href={`/parcours/${item.requiredModule.pathwayId}/inscrire`}>{t('equipment.item.trainingLink')}</a>}
        </p>
      )}
      <div class="button-row">
        {lend && !current && item.lendable && item.status === 'available' && (
          <a class="button" href={`/materiel/gestion/objets/${item.id}/preter`}>{t('equipment.action.lend')}</a>
        )}
        {lend && current && (
          <a class="button" href={`/materiel/gestion/prets/${current.id}/retour`}>{t('equipment.action.checkIn')}</a>
        )}
        {lend && item.status !== 'retired' && <a href={`/materiel/gestion/objets/${item.id}/reserver`}>{t('equipment.action.reserve')}</a>}
        {manage && <a href={`/materiel/gestion/objets/${item.id}/modifier`}>{t('equipment.action.edit')}</a>}
      </div>

      {current && (
        <section>
          <h2>{t('equipment.item.currentLoan')}</h2>
          <p>
            {t('equipment.item.lentTo', { name: current.personName, due: day(current.dueOn) })}{' '}
            {current.overdue && <span class="tag error">{t('equipment.overdue.title')}</span>}
          </p>
          <div class="button-row">
            <a href={`/materiel/gestion/prets/${current.id}/convention.pdf`}>{t('equipment.action.agreement')}</a>
            <a href={`/materiel/gestion/prets/${current.id}/prolonger`}>{t('equipment.action.renew')}</a>
          </div>
        </section>
      )}

      <section>
        <h2>{t('equipment.item.details')}</h2>
        <ul>
          {item.funder && <li>{t('equipment.item.funded', { funder: [item.funder, item.fundingProgramme].filter(Boolean).join(' — ') })}</li>}
          {item.purchaseDate && <li>{t('equipment.item.purchase', { date: day(item.purchaseDate), value: item.purchaseValueCents !== null ? euros(item.purchaseValueCents) : '—' })}</li>}
          {item.serialNumber && <li>{t('equipment.field.serialNumber')} : {item.serialNumber}</li>}
          {!item.lendable && <li>{t('equipment.item.onSiteOnly')}</li>}
          {item.depositCents ? <li>{t('equipment.item.deposit', { amount: euros(item.depositCents) })}</li> : null}
        </ul>
        <h3>{t('equipment.item.components')}</h3>
        {item.components.length === 0 ? <p>{t('equipment.item.noComponents')}</p> : <ComponentList components={item.components} />}
      </section>

      {reservations && (
        <section>
          <h2>{t('equipment.item.reservations')}</h2>
          {reservations.length === 0 ? <p>{t('equipment.item.noReservations')}</p> : <ReservationTable ctx={ctx} rows={reservations} />}
        </section>
      )}

      <section>
        <h2>{t('equipment.item.notes')}</h2>
        {item.notes.length === 0 ? (
          <p>{t('equipment.item.noNotes')}</p>
        ) : (
          <ul>
            {item.notes.map((n) => (
              <li key={n.id}>
                {day(parisDate(n.recordedAt))} : {n.note}
              </li>
            ))}
          </ul>
        )}
        {lend && (
          <Form ctx={ctx} action={`/materiel/gestion/objets/${item.id}/remarque`}>
            <TextField ctx={ctx} name="note" label={t('equipment.item.addNote')} error={noteErrors.note} />
            <button type="submit" class="secondary">{t('common.save')}</button>
          </Form>
        )}
      </section>

      {loans && (
        <section>
          <h2>{t('equipment.item.history')}</h2>
          {loans.length === 0 ? <p>{t('equipment.item.noHistory')}</p> : <LoanTable ctx={ctx} rows={loans} showItem={false} />}
        </section>
      )}

      {manage && item.status !== 'on_loan' && (
        <section>
          <div class="button-row">
            {item.status !== 'repair' && (
              <Form ctx={ctx} action={`/materiel/gestion/objets/${item.id}/etat`}>
                <input type="hidden" name="status" value="repair" />
                <button type="submit" class="secondary">{t('equipment.item.toRepair')}</button>
              </Form>
            )}
            {item.status !== 'available' && (
              <Form ctx={ctx} action={`/materiel/gestion/objets/${item.id}/etat`}>
                <input type="hidden" name="status" value="available" />
                <button type="submit" class="secondary">{t('equipment.item.backAvailable')}</button>
              </Form>
            )}
            {item.status !== 'retired' && (
              <Form ctx={ctx} action={`/materiel/gestion/objets/${item.id}/etat`}>
                <input type="hidden" name="status" value="retired" />
                <button type="submit" class="secondary">{t('equipment.item.retire')}</button>
              </Form>
            )}
          </div>
        </section>
      )}

      {data.showLabel && (
        <section>
          <h2>{t('equipment.item.label')}</h2>
          <p class="hint">{t('equipment.item.labelHint')}</p>
          <figure class="qr-label">
            <img src={`/materiel/gestion/objets/${item.id}/etiquette.svg`} alt={t('equipment.item.labelAlt', { tag: item.assetTag })} width={160} height={160} />
            <figcaption>
              {item.name} — {item.assetTag}
            </figcaption>
          </figure>
        </section>
      )}
    </Layout>
  );
}

function ComponentList({ components }: { components: ComponentRow[] }) {
  return (
    <ul>
      {components.map((c) => (
        <li key={c.id}>{c.quantity > 1 ? `${c.quantity} × ${c.name}` : c.name}</li>
      ))}
    </ul>
  );
}

function LoanTable({ ctx, rows, showItem }: { ctx: ViewContext; rows: LoanView[]; showItem: boolean }) {
  const { t } = ctx;
  const columns = [
    ...(showItem ? [t('equipment.col.name')] : []),
    t('equipment.col.person'), t('equipment.col.lentAt'), t('equipment.col.dueOn'), t('equipment.col.returnedAt'), t('equipment.checkIn.condition'),
  ];
  return (
    <table>
      <TableHead ctx={ctx} columns={columns} />
      <tbody>
        {rows.map((l) => (
          <tr key={l.id}>
            {showItem && (
              <td>
                <a href={`/materiel/gestion/objets/${l.itemId}`}>{l.itemName}</a> ({l.assetTag})
              </td>
            )}
            <td>
              <a href={`/materiel/gestion/personnes/${l.personId}`}>{l.personName}</a>
            </td>
            <td>{day(parisDate(l.lentAt))}</td>
            <td>
              {day(l.dueOn)} {l.overdue && <span class="tag error">{t('equipment.overdue.title')}</span>}
            </td>
            <td>{l.returnedAt ? day(parisDate(l.returnedAt)) : '—'}</td>
            <td>{[l.conditionIn, missingOf(l)].filter(Boolean).join(' — ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function missingOf(l: LoanRow): string | null {
  return l.missingComponents ? (JSON.parse(l.missingComponents) as string[]).join(', ') : null;
}

/** Reservations with their pick-up and cancel actions (active ones only); the list page adds the item and the status. */
function ReservationTable({ ctx, rows, showItem = false }: { ctx: ViewContext; rows: ReservationView[]; showItem?: boolean }) {
  const { t } = ctx;
  const columns = [
    ...(showItem ? [t('equipment.col.name')] : []),
    t('equipment.col.period'), t('equipment.col.purpose'), t('equipment.col.person'),
    ...(showItem ? [t('equipment.col.reservationStatus')] : []),
  ];
  return (
    <table>
      <TableHead ctx={ctx} columns={columns} actions />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            {showItem && (
              <td>
                <a href={`/materiel/gestion/objets/${r.itemId}`}>{r.itemName}</a> ({r.assetTag})
              </td>
            )}
            <td>{formatDateRange(r.startsOn, r.endsOn)}</td>
            <td>{r.purpose}</td>
            <td>{r.personName ?? '—'}</td>
            {showItem && <td>{t(tk('equipment.reservationStatus', r.status))}</td>}
            <td>
              {r.status === 'active' && (
                <div class="button-row compact">
                  <a href={`/materiel/gestion/reservations/${r.id}/retrait`}>{t('equipment.action.pickUp')}</a>
                  <Form ctx={ctx} action={`/materiel/gestion/reservations/${r.id}/annuler`}>
                    <button type="submit" class="secondary">{t('equipment.action.cancel')}</button>
                  </Form>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The reservations of every item (/materiel/gestion/reservations), kept to one list by `?statut=` (empty: the ones to come). */
export function ReservationsPage({ ctx, reservations, filter, filters }: { ctx: ViewContext; reservations: ReservationView[]; filter: string; filters: readonly string[] }) {
  const { t } = ctx;
  const label = (f: string) => (f === 'toutes' ? t('equipment.reservations.filterAll') : t(tk('equipment.reservationStatus', f)));
  return (
    <Layout ctx={ctx} title={t('equipment.reservations.title')} backHref="/materiel/gestion">
      <h1>{t('equipment.reservations.title')}</h1>
      <p class="lead">{t('equipment.reservations.lead')}</p>
      <Form ctx={ctx} action="/materiel/gestion/reservations" method="get">
        <div class="search-row">
          <SelectField
            ctx={ctx} name="statut" label={t('equipment.reservations.filter')} value={filter} placeholder={t('equipment.reservationStatus.active')}
            choices={filters.map((f) => ({ value: f, label: label(f) }))}
          />
          <button type="submit" class="secondary">{t('equipment.reservations.show')}</button>
        </div>
      </Form>
      {reservations.length === 0 ? (
        <p>{t('equipment.reservations.empty')}</p>
      ) : (
        <>
          <ReservationTable ctx={ctx} rows={reservations} showItem />
          <ExportLinks ctx={ctx} href={`/materiel/gestion/reservations${filter ? `?statut=${filter}` : ''}`} />
        </>
      )}
    </Layout>
  );
}

export function ItemFormPage({ ctx, item, values, errors = {}, sites, modules }: {
  ctx: ViewContext;
  item: { id: string; name: string } | null;
  values: FormValues;
  errors?: FieldErrors;
  sites: SiteInfo[];
  modules: TrainingModule[];
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = item ? t('equipment.item.edit') : t('equipment.item.new');
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={item ? `/materiel/gestion/objets/${item.id}` : '/materiel/gestion'}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={item ? `/materiel/gestion/objets/${item.id}/modifier` : '/materiel/gestion/nouveau'}>
        <TextField ctx={ctx} name="name" label={t('equipment.field.name')} hint={t('equipment.field.nameHint')} value={str(values.name)} error={e.name} />
        <SelectField ctx={ctx} name="category" label={t('equipment.field.category')} placeholder="" value={str(values.category)} choices={CATEGORIES.map((c) => ({ value: c, label: t(tk('equipment.category', c)) }))} error={e.category} />
        <TextField ctx={ctx} name="assetTag" width="medium" label={t('equipment.field.assetTag')} hint={t('equipment.field.assetTagHint')} value={str(values.assetTag)} error={e.assetTag} />
        <TextField ctx={ctx} name="serialNumber" width="medium" optional label={t('equipment.field.serialNumber')} value={str(values.serialNumber)} error={e.serialNumber} />
        <TextField ctx={ctx} name="funder" optional label={t('equipment.field.funder')} value={str(values.funder)} error={e.funder} />
        <TextField ctx={ctx} name="fundingProgramme" optional label={t('equipment.field.fundingProgramme')} value={str(values.fundingProgramme)} error={e.fundingProgramme} />
        <TextField ctx={ctx} name="purchaseDate" type="date" width="medium" optional label={t('equipment.field.purchaseDate')} value={str(values.purchaseDate)} error={e.purchaseDate} />
        <TextField ctx={ctx} name="purchaseValue" width="short" inputmode="text" optional label={t('equipment.field.purchaseValue')} value={str(values.purchaseValue)} error={e.purchaseValue} />
        <SelectField ctx={ctx} name="siteId" optional label={t('equipment.field.site')} placeholder={t('equipment.field.noSite')} value={str(values.siteId)} choices={sites.map((s) => ({ value: s.id, label: s.name }))} error={e.siteId} />
        <ChoiceGroup ctx={ctx} name="lendable" type="radio" legend={t('equipment.field.lendable')} value={str(values.lendable)} choices={[{ value: 'oui', label: t('equipment.field.lendableYes') }, { value: 'non', label: t('equipment.field.lendableNo') }]} error={e.lendable} />
        <TextField ctx={ctx} name="deposit" width="short" optional label={t('equipment.field.deposit')} value={str(values.deposit)} error={e.deposit} />
        <SelectField ctx={ctx} name="requiredModuleId" optional label={t('equipment.field.requiredModule')} placeholder={t('equipment.field.noModule')} value={str(values.requiredModuleId)} choices={modules.map((m) => ({ value: m.id, label: `${m.title} (${m.pathwayTitle})` }))} error={e.requiredModuleId} />
        <TextArea ctx={ctx} name="components" optional label={t('equipment.field.components')} hint={t('equipment.field.componentsHint')} value={str(values.components)} error={e.components} />
        <TextArea ctx={ctx} name="publicDescription" optional label={t('equipment.field.publicDescription')} hint={t('equipment.field.publicDescriptionHint')} value={str(values.publicDescription)} error={e.publicDescription} />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}

/** The person search: a GET form of its own, placed before the form that posts the choice. */
function PersonSearch({ ctx, action, q, results }: { ctx: ViewContext; action: string; q: string; results: PersonSummary[] | null }) {
  const { t } = ctx;
  return (
    <>
      <Form ctx={ctx} action={action} method="get">
        <div class="search-row">
          <TextField ctx={ctx} name="q" type="search" label={t('equipment.lend.search')} value={q} />
          <button type="submit" class="secondary">{t('common.search')}</button>
        </div>
      </Form>
      {results && results.length === 0 && <p>{t('equipment.lend.noResults')}</p>}
    </>
  );
}

/** The persons found, as radios inside the posting form. */
function PersonChoices({ ctx, results, selected, error, allowNone }: { ctx: ViewContext; results: PersonSummary[] | null; selected: string; error?: string; allowNone?: boolean }) {
  const { t } = ctx;
  const choices = [
    ...(allowNone ? [{ value: '', label: t('equipment.reserve.noPerson') }] : []),
    ...(results ?? []).map((p) => ({ value: p.id, label: personName(p) || '—' })),
  ];
  if (choices.length === 0) return error ? <p class="field-error" id="champ-personId">{error}</p> : null;
  return <ChoiceGroup ctx={ctx} name="personId" type="radio" legend={allowNone ? t('equipment.reserve.person') : t('equipment.lend.person')} value={selected} choices={choices} error={error} />;
}

export interface LendPageData {
  item: ItemSummary;
  q: string;
  results: PersonSummary[] | null;
  defaultDue: string;
  values: FormValues;
  errors?: FieldErrors;
}

export function LendPage({ ctx, data }: { ctx: ViewContext; data: LendPageData }) {
  const { t } = ctx;
  const { item } = data;
  const e = localizeErrors(ctx, data.errors ?? {});
  const title = t('equipment.lend.title', { item: item.name });
  const action = `/materiel/gestion/objets/${item.id}/preter`;
  const pickerErrorOnly = !data.results || data.results.length === 0;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/materiel/gestion/objets/${item.id}`}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <PersonSearch ctx={ctx} action={action} q={data.q} results={data.results} />
      {pickerErrorOnly && <PersonChoices ctx={ctx} results={null} selected="" error={e.personId} />}
      {!pickerErrorOnly && (
        <Form ctx={ctx} action={`${action}?q=${encodeURIComponent(data.q)}`}>
          <PersonChoices ctx={ctx} results={data.results} selected={str(data.values.personId)} error={e.personId} />
          <TextField ctx={ctx} name="dueOn" type="date" width="medium" label={t('equipment.lend.dueOn')} hint={t('equipment.lend.dueOnHint', { days: DEFAULT_LOAN_DAYS[item.category as Category] ?? 14, due: day(data.defaultDue) })} value={str(data.values.dueOn) || data.defaultDue} error={e.dueOn} />
          {item.components.length > 0 && <p>{t('equipment.lend.componentsCheck', { list: item.components.map((c) => (c.quantity > 1 ? `${c.quantity} × ${c.name}` : c.name)).join(', ') })}</p>}
          <TextArea ctx={ctx} name="conditionOut" optional rows={2} label={t('equipment.lend.condition')} hint={t('equipment.lend.conditionHint')} value={str(data.values.conditionOut)} error={e.conditionOut} />
          <TextField ctx={ctx} name="deposit" width="short" optional label={t('equipment.lend.deposit')} value={str(data.values.deposit) || (item.depositCents ? String(item.depositCents / 100) : '')} error={e.deposit} />
          <ChoiceGroup ctx={ctx} name="reminders" type="checkbox" legend={t('equipment.lend.reminders')} value={data.values.reminders === undefined ? 'oui' : str(data.values.reminders)} choices={[{ value: 'oui', label: t('equipment.lend.remindersLabel') }]} />
          <button type="submit">{t('equipment.lend.submit')}</button>
        </Form>
      )}
    </Layout>
  );
}

export function CheckInPage({ ctx, loan, components, values, errors = {} }: { ctx: ViewContext; loan: LoanView; components: ComponentRow[]; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('equipment.checkIn.title', { item: loan.itemName });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/materiel/gestion/objets/${loan.itemId}`}>
      <h1>{title}</h1>
      <p class="lead">{t('equipment.checkIn.lead', { name: loan.personName, date: day(parisDate(loan.lentAt)) })}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/materiel/gestion/prets/${loan.id}/retour`}>
        <TextArea ctx={ctx} name="condition" optional rows={2} label={t('equipment.checkIn.condition')} hint={t('equipment.checkIn.conditionHint')} value={str(values.condition)} error={e.condition} />
        {components.length > 0 && (
          <ChoiceGroup ctx={ctx} name="missingComponents" type="checkbox" optional legend={t('equipment.checkIn.missing')} hint={t('equipment.checkIn.missingHint')} value={arr(values.missingComponents)} choices={components.map((c) => ({ value: c.name, label: c.quantity > 1 ? `${c.quantity} × ${c.name}` : c.name }))} error={e.missingComponents} />
        )}
        <ChoiceGroup ctx={ctx} name="toRepair" type="radio" legend={t('equipment.checkIn.repair')} value={str(values.toRepair) || 'non'} choices={[{ value: 'non', label: t('equipment.checkIn.repairNo') }, { value: 'oui', label: t('equipment.checkIn.repairYes') }]} />
        <button type="submit">{t('equipment.action.checkIn')}</button>
      </Form>
    </Layout>
  );
}

export function RenewPage({ ctx, loan, days, values, errors = {} }: { ctx: ViewContext; loan: LoanView; days: number; values: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('equipment.renew.title', { item: loan.itemName });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/materiel/gestion/objets/${loan.itemId}`}>
      <h1>{title}</h1>
      <p class="lead">{t('equipment.renew.lead', { due: day(loan.dueOn), count: loan.renewals })}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={`/materiel/gestion/prets/${loan.id}/prolonger`}>
        <TextField ctx={ctx} name="dueOn" type="date" width="medium" optional label={t('equipment.renew.dueOn')} hint={t('equipment.renew.dueOnHint', { days })} value={str(values.dueOn)} error={e.dueOn} />
        <button type="submit">{t('equipment.action.renew')}</button>
      </Form>
    </Layout>
  );
}

export function ReservePage({ ctx, item, q, results, values, errors = {} }: {
  ctx: ViewContext;
  item: ItemSummary;
  q: string;
  results: PersonSummary[] | null;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('equipment.reserve.title', { item: item.name });
  const action = `/materiel/gestion/objets/${item.id}/reserver`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/materiel/gestion/objets/${item.id}`}>
      <h1>{title}</h1>
      <p class="lead">{t('equipment.reserve.lead')}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      <PersonSearch ctx={ctx} action={action} q={q} results={results} />
      <Form ctx={ctx} action={`${action}?q=${encodeURIComponent(q)}`}>
        <TextField ctx={ctx} name="purpose" label={t('equipment.reserve.purpose')} value={str(values.purpose)} error={e.purpose} />
        <TextField ctx={ctx} name="startsOn" type="date" width="medium" label={t('equipment.reserve.startsOn')} value={str(values.startsOn)} error={e.startsOn} />
        <TextField ctx={ctx} name="endsOn" type="date" width="medium" label={t('equipment.reserve.endsOn')} value={str(values.endsOn)} error={e.endsOn} />
        <PersonChoices ctx={ctx} results={results} selected={str(values.personId)} error={e.personId} allowNone />
        <button type="submit">{t('equipment.reserve.submit')}</button>
      </Form>
    </Layout>
  );
}

export function PickUpPage({ ctx, reservation, item, q, results, values, errors = {} }: {
  ctx: ViewContext;
  reservation: ReservationView;
  item: ItemSummary;
  q: string;
  results: PersonSummary[] | null;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = t('equipment.pickUp.title', { item: item.name });
  const action = `/materiel/gestion/reservations/${reservation.id}/retrait`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref={`/materiel/gestion/objets/${item.id}`}>
      <h1>{title}</h1>
      <p class="lead">{t('equipment.pickUp.lead', { period: formatDateRange(reservation.startsOn, reservation.endsOn), purpose: reservation.purpose })}</p>
      <ErrorSummary ctx={ctx} errors={e} />
      {!reservation.personId && <PersonSearch ctx={ctx} action={action} q={q} results={results} />}
      <Form ctx={ctx} action={`${action}?q=${encodeURIComponent(q)}`}>
        {reservation.personId ? (
          <p>{reservation.personName}</p>
        ) : (
          <PersonChoices ctx={ctx} results={results} selected={str(values.personId)} error={e.personId} />
        )}
        <TextField ctx={ctx} name="dueOn" type="date" width="medium" label={t('equipment.lend.dueOn')} value={str(values.dueOn) || reservation.endsOn} error={e.dueOn} />
        <TextArea ctx={ctx} name="conditionOut" optional rows={2} label={t('equipment.lend.condition')} value={str(values.conditionOut)} error={e.conditionOut} />
        <ChoiceGroup ctx={ctx} name="reminders" type="checkbox" legend={t('equipment.lend.reminders')} value={values.reminders === undefined ? 'oui' : str(values.reminders)} choices={[{ value: 'oui', label: t('equipment.lend.remindersLabel') }]} />
        <button type="submit">{t('equipment.action.pickUp')}</button>
      </Form>
    </Layout>
  );
}

export function OverduePage({ ctx, loans }: { ctx: ViewContext; loans: LoanView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('equipment.overdue.title')} backHref="/materiel/gestion">
      <h1>{t('equipment.overdue.title')}</h1>
      {loans.length === 0 ? (
        <p>{t('equipment.overdue.empty')}</p>
      ) : (
        <>
          <p>{t('equipment.overdue.call')}</p>
          <LoanTable ctx={ctx} rows={loans} showItem />
          <ExportLinks ctx={ctx} href="/materiel/gestion/retards" />
        </>
      )}
    </Layout>
  );
}

export function PersonLoansPage({ ctx, name, loans }: { ctx: ViewContext; name: string; loans: LoanView[] }) {
  const { t } = ctx;
  const title = t('equipment.person.title', { name });
  return (
    <Layout ctx={ctx} title={title} backHref="/materiel/gestion">
      <h1>{title}</h1>
      {loans.length === 0 ? <p>{t('equipment.person.noLoans')}</p> : <LoanTable ctx={ctx} rows={loans} showItem />}
    </Layout>
  );
}
