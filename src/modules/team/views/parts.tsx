/** Pieces several team pages use. */
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatTime } from '../../../ui/format.ts';
import type { ViewContext } from '../../../ui/view-context.ts';
import type { Conflict } from '../schedule.ts';

export const tk = (prefix: string, value: string | number): MessageKey => `${prefix}.${value}` as MessageKey;
export const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const arr = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** "14 h – 17 h" */
export function timeRange(startsAt: string, endsAt: string): string {
  return `${formatTime(startsAt)} – ${formatTime(endsAt)}`;
}

export function ConflictList({ ctx, conflicts }: { ctx: ViewContext; conflicts: Conflict[] }) {
  return (
    <ul>
      {conflicts.map((c, i) => (
        <li key={i}>
          {ctx.t(tk('team.conflict', c.kind))}
          {c.detail && <> : « {c.detail} »</>}
        </li>
      ))}
    </ul>
  );
}
