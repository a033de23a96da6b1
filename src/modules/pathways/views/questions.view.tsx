import type { FieldErrors } from '../../../platform/errors.ts';
import { ChoiceGroup, ErrorSummary, Form, localizeErrors, SelectField, TextArea, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { SkillInContext } from '../framework.repository.ts';
import { PICTURES } from '../pathways.vocab.ts';
import type { BankQuestion } from '../quiz.service.ts';
import { PathwaysStyles, Pictogram, tk } from './parts.tsx';
import { PostButton } from './pathways.view.tsx';

export const MAX_CHOICES = 6;

export function BankPage({ ctx, questions, skills }: { ctx: ViewContext; questions: BankQuestion[]; skills: SkillInContext[] }) {
  const { t } = ctx;
  const covered = new Set(questions.filter((q) => !q.retiredAt).map((q) => q.skillId));
  return (
    <Layout ctx={ctx} title={t('pathways.bank')} backHref="/parcours">
      <PathwaysStyles />
      <h1>{t('pathways.bank')}</h1>
      <p class="lead">{t('pathways.bankIntro')}</p>
      <p>{t('pathways.coverage', { covered: skills.filter((s) => covered.has(s.id)).length, total: skills.length })}</p>
      <p>
        <a class="button" href="/parcours/questions/nouvelle">{t('pathways.addQuestion')}</a>
      </p>
      {questions.length === 0 ? (
        <p>{t('pathways.noQuestions')}</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">{t('pathways.col.question')}</th>
              <th scope="col">{t('pathways.col.skill')}</th>
              <th scope="col">{t('pathways.col.answer')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.id} class={q.retiredAt ? 'retired' : undefined}>
                <td data-label={t('pathways.col.question')}>
                  {q.prompt} {q.retiredAt && <span class="tag">{t('pathways.retired')}</span>}
                </td>
                <td data-label={t('pathways.col.skill')}>
                  {q.skill ? `${q.skill.competenceCode} · ${q.skill.statement}` : '–'} {q.skill && <span class="hint">({t('pathways.difficulty', { n: q.skill.difficulty })})</span>}
                </td>
                <td data-label={t('pathways.col.answer')}>{q.choices.find((c) => c.correct)?.label}</td>
                <td data-label={t('common.actions')}>
                  <div class="inline-actions">
                    <a href={`/parcours/questions/${q.id}/modifier`}>
                      {t('common.edit')}
                      <span class="visually-hidden"> : {q.prompt}</span>
                    </a>
                    <PostButton ctx={ctx} action={`/parcours/questions/${q.id}/${q.retiredAt ? 'remettre' : 'retirer'}`} label={q.retiredAt ? t('pathways.restoreQuestion') : t('pathways.retireQuestion')} hidden={q.prompt} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function QuestionFormPage({ ctx, action, skills, values, errors = {}, isNew }: { ctx: ViewContext; action: string; skills: SkillInContext[]; values: FormValues; errors?: FieldErrors; isNew: boolean }) {
  const { t } = ctx;
  const e = localizeErrors(ctx, errors);
  const title = isNew ? t('pathways.addQuestion') : t('pathways.editQuestion');
  const picture = values.picture as string | undefined;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(e).length > 0} backHref="/parcours/questions">
      <PathwaysStyles />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={e} />
      <Form ctx={ctx} action={action}>
        <SelectField
          ctx={ctx}
          name="skillId"
          label={t('pathways.field.skill')}
          value={values.skillId as string}
          placeholder=""
          choices={skills.map((s) => ({ value: s.id, label: `${s.competenceCode} · ${s.statement} (${s.difficulty})` }))}
          error={e.skillId}
        />
        <TextArea ctx={ctx} name="prompt" label={t('pathways.field.prompt')} hint={t('pathways.field.promptHint')} value={values.prompt as string} error={e.prompt} rows={2} />
        <SelectField
          ctx={ctx}
          name="picture"
          label={t('pathways.field.picture')}
          value={picture}
          choices={[{ value: '', label: t('pathways.field.pictureNone') }, ...PICTURES.map((p) => ({ value: p, label: t(tk('pathways.picture', p)) }))]}
          error={e.picture}
          optional
        />
        {picture && <Pictogram name={picture} label={null} size={80} />}
        <TextField ctx={ctx} name="pictureAlt" label={t('pathways.field.pictureAlt')} value={values.pictureAlt as string} error={e.pictureAlt} optional />
        <div class="choice-rows">
          {Array.from({ length: MAX_CHOICES }, (_, i) => (
            <TextField key={i} ctx={ctx} name={`choice${i + 1}`} label={t('pathways.field.choice', { n: i + 1 })} value={values[`choice${i + 1}`] as string} error={e[`choice${i + 1}`]} optional={i >= 2} />
          ))}
        </div>
        <ChoiceGroup
          ctx={ctx}
          name="correct"
          type="radio"
          inline
          legend={t('pathways.field.correct')}
          value={values.correct as string}
          choices={Array.from({ length: MAX_CHOICES }, (_, i) => ({ value: String(i + 1), label: t('pathways.field.choice', { n: i + 1 }) }))}
          error={e.correct ?? e.choices}
        />
        <button type="submit">{t('common.save')}</button>
      </Form>
    </Layout>
  );
}
