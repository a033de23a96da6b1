/** Pieces shared by the pathways pages: styles, pictograms, the skill picker, progress charts. */
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { fieldId } from '../../../ui/components/form.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { SkillInContext } from '../framework.repository.ts';
import type { CompetenceSeries, Progress } from '../progress.ts';

/** The module's own small stylesheet (linked from the body: the shared layout owns the head). */
export function PathwaysStyles() {
  return <link rel="stylesheet" href="/static/pathways.css" />;
}

export function tk(prefix: string, value: string): MessageKey {
  return `${prefix}.${value}` as MessageKey;
}

// One formatter for the whole process: building an Intl.DateTimeFormat costs more than using it.
const SHORT_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** "26 novembre 2026" */
export function shortDate(iso: string): string {
  return SHORT_DATE.format(new Date(iso));
}

/** Simple line pictograms drawn by the app (no upload, no external image). */
export function Pictogram({ name, label, size = 120 }: { name: string; label: string | null; size?: number }) {
  const common = { fill: 'none', stroke: '#1f1a17', 'stroke-width': 3, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;
  const shapes: Record<string, preact.JSX.Element> = {
    tablette: (<g {...common}><rect x="22" y="12" width="56" height="76" rx="6" /><circle cx="50" cy="80" r="3" /></g>),
    wifi: (<g {...common}><path d="M14 40 a50 50 0 0 1 72 0" /><path d="M26 52 a33 33 0 0 1 48 0" /><path d="M38 64 a16 16 0 0 1 24 0" /><circle cx="50" cy="76" r="4" fill="#1f1a17" /></g>),
    appareil_photo: (<g {...common}><rect x="12" y="30" width="76" height="50" rx="6" /><path d="M34 30 l6 -10 h20 l6 10" /><circle cx="50" cy="55" r="14" /></g>),
    enveloppe: (<g {...common}><rect x="12" y="24" width="76" height="52" rx="4" /><path d="M12 28 l38 28 l38 -28" /></g>),
    cadenas: (<g {...common}><rect x="24" y="44" width="52" height="40" rx="5" /><path d="M34 44 v-12 a16 16 0 0 1 32 0 v12" /><circle cx="50" cy="62" r="4" /></g>),
    telephone: (<g {...common}><rect x="30" y="10" width="40" height="80" rx="7" /><path d="M44 18 h12" /><circle cx="50" cy="80" r="3" /></g>),
    souris: (<g {...common}><rect x="30" y="18" width="40" height="66" rx="20" /><path d="M50 18 v22" /><path d="M30 40 h40" /></g>),
    clavier: (<g {...common}><rect x="8" y="30" width="84" height="42" rx="5" /><path d="M18 42 h6 M32 42 h6 M46 42 h6 M60 42 h6 M74 42 h6 M18 54 h6 M74 54 h6 M32 62 h36" /></g>),
    alerte: (<g {...common}><path d="M50 14 L88 82 H12 Z" /><path d="M50 38 v22" /><circle cx="50" cy="70" r="2.5" fill="#1f1a17" /></g>),
    loupe: (<g {...common}><circle cx="42" cy="42" r="24" /><path d="M60 60 l24 24" /></g>),
    robot: (<g {...common}><rect x="24" y="30" width="52" height="44" rx="8" /><circle cx="40" cy="50" r="5" /><circle cx="60" cy="50" r="5" /><path d="M50 30 v-12" /><circle cx="50" cy="14" r="4" /><path d="M40 64 h20" /></g>),
    visio: (<g {...common}><rect x="10" y="28" width="58" height="44" rx="6" /><path d="M68 44 l22 -12 v36 l-22 -12" /></g>),
    pouce_haut: (<g {...common}><path d="M30 46 v38 h-14 v-38 z" /><path d="M30 48 l16 -28 a6 6 0 0 1 10 5 l-4 17 h24 a7 7 0 0 1 7 8 l-5 26 a7 7 0 0 1 -7 6 h-41" /></g>),
    pas_encore: (<g {...common}><circle cx="50" cy="50" r="34" /><path d="M50 30 v22 l14 10" /></g>),
  };
  const shape = shapes[name];
  if (!shape) return null;
  return label ? (
    <svg class="pictogram" viewBox="0 0 100 100" width={size} height={size} role="img" aria-label={label}>
      <title>{label}</title>
      {shape}
    </svg>
  ) : (
    <svg class="pictogram" viewBox="0 0 100 100" width={size} height={size} aria-hidden="true" focusable="false">
      {shape}
    </svg>
  );
}

/** Checkboxes of skills grouped by competence, each group folded unless something is chosen. */
export function SkillPicker({
  ctx,
  skills,
  selected,
  error,
  name = 'skillIds',
}: {
  ctx: ViewContext;
  skills: SkillInContext[];
  selected: string[];
  error?: string;
  name?: string;
}) {
  const { t } = ctx;
  const chosen = new Set(selected);
  const groups = new Map<string, { title: string; skills: SkillInContext[] }>();
  for (const s of skills) {
    const g = groups.get(s.competenceCode) ?? { title: `${s.competenceCode} ${s.competenceTitle}`, skills: [] };
    g.skills.push(s);
    groups.set(s.competenceCode, g);
  }
  const firstSkillId = [...groups.values()][0]?.skills[0]?.id;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <fieldset aria-describedby={`${fieldId(name)}-aide${error ? ` ${fieldId(name)}-erreur` : ''}`}>
        <legend>{t('pathways.field.skills')}</legend>
        <p class="hint" id={`${fieldId(name)}-aide`}>{t('pathways.field.skillsHint')}</p>
        {error && (
          <p class="field-error" id={`${fieldId(name)}-erreur`}>
            <span class="visually-hidden">{t('layout.errorPrefix')}</span>
            {error}
          </p>
        )}
        {[...groups.entries()].map(([code, g]) => {
          const count = g.skills.filter((s) => chosen.has(s.id)).length;
          return (
            <details class="skill-group" open={count > 0} key={code}>
              <summary>
                {g.title}
                {count > 0 && <span class="tag">{count}</span>}
              </summary>
              {g.skills.map((s) => {
                // The first checkbox carries the field's id: the error summary links to it.
                const id = s.id === firstSkillId ? fieldId(name) : `${fieldId(name)}-${s.id}`;
                return (
                  <div class="choice" key={s.id}>
                    <input id={id} type="checkbox" name={name} value={s.id} checked={chosen.has(s.id)} />
                    <label for={id}>
                      {s.statement} <span class="hint">({t('pathways.difficulty', { n: s.difficulty })})</span>
                    </label>
                  </div>
                );
              })}
            </details>
          );
        })}
      </fieldset>
    </div>
  );
}

/** One small step chart per competence: acquired skills over time, with its text alternative. */
export function CompetenceChart({ ctx, series, now }: { ctx: ViewContext; series: CompetenceSeries; now: string }) {
  const { t } = ctx;
  const W = 320;
  const H = 120;
  const left = 28;
  const right = 8;
  const top = 10;
  const bottom = 24;
  const start = Date.parse(series.points[0]!.at);
  const end = Math.max(Date.parse(now), start + 86_400_000);
  const x = (iso: string) => left + ((Date.parse(iso) - start) / (end - start)) * (W - left - right);
  const y = (n: number) => top + (1 - n / Math.max(1, series.total)) * (H - top - bottom);
  let d = `M${x(series.points[0]!.at).toFixed(1)} ${y(series.points[0]!.acquired).toFixed(1)}`;
  for (const p of series.points.slice(1)) d += ` H${x(p.at).toFixed(1)} V${y(p.acquired).toFixed(1)}`;
  d += ` H${(W - right).toFixed(1)}`;
  const area = `${d} V${y(0).toFixed(1)} H${left} Z`;
  const steps = series.points.length <= 13 ? series.points.slice(1).map((p) => t('pathways.chart.step', { n: p.acquired, date: shortDate(p.at) })) : [];
  const alt = [
    t('pathways.chart.alt', { acquired: series.acquiredNow, total: series.total }),
    series.acquiredAtStart > 0 ? t('pathways.chart.altStart', { count: series.acquiredAtStart }) : '',
    steps.length > 0 ? t('pathways.chart.altSteps', { steps: steps.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <figure class="competence-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet">
        <line x1={left} y1={y(0)} x2={W - right} y2={y(0)} stroke="#8a7f78" stroke-width="1" />
        <line x1={left} y1={y(series.total)} x2={W - right} y2={y(series.total)} stroke="#d9d0c7" stroke-width="1" stroke-dasharray="4 4" />
        <path d={area} fill="#e3f1e7" />
        <path d={d} fill="none" stroke="#1e6b3a" stroke-width="3" />
        <text x={left - 6} y={y(0) + 4} text-anchor="end" font-size="12" fill="#4d4540">0</text>
        <text x={left - 6} y={y(series.total) + 4} text-anchor="end" font-size="12" fill="#4d4540">{series.total}</text>
        <text x={left} y={H - 6} font-size="12" fill="#4d4540">{t('pathways.chart.start')}</text>
        <text x={W - right} y={H - 6} text-anchor="end" font-size="12" fill="#4d4540">{t('pathways.chart.now')}</text>
      </svg>
      <figcaption>
        <strong>
          {series.code} {series.title}
        </strong>
        <br />
        {alt}
      </figcaption>
    </figure>
  );
}

export function ProgressCharts({ ctx, progress, now }: { ctx: ViewContext; progress: Progress; now: string }) {
  return (
    <div class="chart-grid">
      {progress.series.map((s) => (
        <CompetenceChart ctx={ctx} series={s} now={now} key={s.code} />
      ))}
    </div>
  );
}

/** The modules of a progress, each with its skills and their state. */
export function ModuleProgressList({ ctx, progress, audience }: { ctx: ViewContext; progress: Progress; audience: 'public' | 'staff' }) {
  const { t } = ctx;
  return (
    <ol class="module-progress">
      {progress.modules.map((m, i) => (
        <li key={m.id} class={`module-${m.state}`}>
          <h3>
            {t('pathways.moduleN', { n: i + 1 })} : {m.title}
          </h3>
          <p>
            <span class={`tag${m.complete ? ' success' : ''}`}>{t(tk('pathways.moduleState', m.state))}</span> {t(tk('pathways.level', m.level))} ·{' '}
            {m.acquired} / {m.total}
            {m.completedAt && m.state === 'termine' && <> · {t('pathways.progress.acquiredOn', { date: shortDate(m.completedAt) })}</>}
          </p>
          <ul class="skill-states">
            {m.skillStates.map((s) => (
              <li key={s.id} class={`skill-${s.status}`}>
                <span class="skill-mark" aria-hidden="true">{s.status === 'acquis' ? '✔' : s.status === 'en_cours' ? '…' : '○'}</span>{' '}
                {s.statement}{' '}
                <span class="hint">
                  ({t(tk('pathways.status', s.status))}
                  {s.status === 'acquis' && s.acquiredAt && <>, {s.atStart ? t('pathways.progress.atStart') : t('pathways.progress.acquiredOn', { date: shortDate(s.acquiredAt) })}</>}
                  {audience === 'staff' && s.autonomy && <>, {t(tk('pathways.autonomy', s.autonomy))}</>}
                  {s.self && <>, {t('pathways.progress.selfLast', { value: t(tk('pathways.self', s.self)) })}</>})
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
