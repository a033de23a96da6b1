/** The coordinator's motifs: the list and the motif form. */
import type { FieldErrors } from '../../../../platform/errors.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField, type FormValues, textValue } from '../../../../ui/components/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { ViewContext } from '../../../../ui/view-context.ts';
import type { Motif } from '../../helpdesk.model.ts';
import { BOOKABLE_BY, PROCEDURE_CATEGORIES } from '../../helpdesk.vocab.ts';
import { HelpdeskNav } from '../parts.tsx';
import { TableHead } from '../../../../ui/components/table.tsx';

export function MotifsPage({ ctx, motifs }: { ctx: ViewContext; motifs: Motif[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('helpdesk.motifs.title')}>
      <HelpdeskNav ctx={ctx} />
      <h1>{t('helpdesk.motifs.title')}</h1>
      <p>{t('helpdesk.motifs.intro')}</p>
      <p>
        <a class="button" href="/permanences/motifs/nouveau">
          {t('helpdesk.motifs.new')}
        </a>
      </p>
      {motifs.length === 0 ? (
        <p>{t('helpdesk.motifs.none')}</p>
      ) : (
        <table class="responsive">
          <TableHead ctx={ctx} columns={[t('helpdesk.motif.name'), t('helpdesk.motif.category'), t('helpdesk.motif.duration'), t('helpdesk.motif.bookableBy')]} actions />
          <tbody>
            {motifs.map((m) => (
              <tr key={m.id}>
                <td data-label={t('helpdesk.motif.name')}>
                  {m.name} {m.archived && <span class="tag">{t('helpdesk.motifs.archived')}</span>}
                </td>
                <td data-label={t('helpdesk.motif.category')}>{t(`helpdesk.category.${m.procedureCategory}` as MessageKey)}</td>
                <td data-label={t('helpdesk.motif.duration')}>{t('helpdesk.motifs.duration', { minutes: m.durationMinutes })}</td>
                <td data-label={t('helpdesk.motif.bookableBy')}>{m.bookableBy === 'public' ? t('helpdesk.motifs.public') : t('helpdesk.motifs.staff')}</td>
                <td>
                  <a href={`/permanences/motifs/${m.id}`}>
                    {t('common.edit')}
                    <span class="visually-hidden"> {m.name}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function motifValues(m: Motif): FormValues {
  return {
    name: m.name,
    description: m.description ?? '',
    procedureCategory: m.procedureCategory,
    durationMinutes: String(m.durationMinutes),
    whatToBring: m.whatToBring ?? '',
    bookableBy: m.bookableBy,
    minDelayHours: String(m.minDelayHours),
    horizonDays: String(m.horizonDays),
    archived: m.archived ? 'oui' : '',
  };
}

export function MotifFormPage({ ctx, motifId, values, errors }: { ctx: ViewContext; motifId: string | null; values: FormValues; errors: FieldErrors }) {
  const { t } = ctx;
  const v = (n: string) => textValue(values, n);
  const title = t(motifId ? 'helpdesk.motif.title.edit' : 'helpdesk.motif.title.new');
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0} backHref="/permanences/motifs">
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <Form ctx={ctx} action={motifId ? `/permanences/motifs/${motifId}` : '/permanences/motifs'}>
        <TextField ctx={ctx} name="name" label={t('helpdesk.motif.name')} hint={t('helpdesk.motif.nameHint')} value={v('name')} error={errors.name} />
        <TextField ctx={ctx} name="description" label={t('helpdesk.motif.description')} hint={t('helpdesk.motif.descriptionHint')} value={v('description')} error={errors.description} optional />
        <SelectField
          ctx={ctx}
          name="procedureCategory"
          label={t('helpdesk.motif.category')}
          value={v('procedureCategory')}
          choices={PROCEDURE_CATEGORIES.map((c) => ({ value: c, label: t(`helpdesk.category.${c}`) }))}
          placeholder=""
          error={errors.procedureCategory}
        />
        <TextField ctx={ctx} name="durationMinutes" type="number" inputmode="numeric" label={t('helpdesk.motif.duration')} value={v('durationMinutes') || '30'} error={errors.durationMinutes} width="short" />
        <TextArea ctx={ctx} name="whatToBring" label={t('helpdesk.motif.whatToBring')} hint={t('helpdesk.motif.whatToBringHint')} value={v('whatToBring')} error={errors.whatToBring} rows={4} optional />
        <ChoiceGroup
          ctx={ctx}
          name="bookableBy"
          type="radio"
          legend={t('helpdesk.motif.bookableBy')}
          value={v('bookableBy') || 'public'}
          error={errors.bookableBy}
          choices={BOOKABLE_BY.map((b) => ({ value: b, label: t(`helpdesk.motif.bookableBy.${b}`) }))}
        />
        <TextField ctx={ctx} name="minDelayHours" type="number" inputmode="numeric" label={t('helpdesk.motif.minDelay')} hint={t('helpdesk.motif.minDelayHint')} value={v('minDelayHours') || '2'} error={errors.minDelayHours} width="short" />
        <TextField ctx={ctx} name="horizonDays" type="number" inputmode="numeric" label={t('helpdesk.motif.horizon')} value={v('horizonDays') || '56'} error={errors.horizonDays} width="short" />
        {motifId && (
          <ChoiceGroup ctx={ctx} name="archived" type="checkbox" legend={t('helpdesk.motifs.archived')} value={v('archived') ? ['oui'] : []} choices={[{ value: 'oui', label: t('helpdesk.motif.archive') }]} />
        )}
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}
