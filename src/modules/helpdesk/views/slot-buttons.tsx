/** The free slots of a day as buttons (radio inputs), for the resident's booking and the staff's. */
import type { ViewContext } from '../../../ui/view-context.ts';
import { formatDay, formatTime } from '../helpdesk.format.ts';
import type { PublicSlot } from '../helpdesk.model.ts';
import { parisDate } from '../../../platform/time.ts';
import { capitalize } from './parts.tsx';

/** Slots grouped by day, as large buttons: one tap chooses. */
export function SlotButtons({ ctx, slots, name = 'creneau' }: { ctx: ViewContext; slots: PublicSlot[]; name?: string }) {
  const days: { date: string; slots: PublicSlot[] }[] = [];
  for (const slot of slots) {
    const date = parisDate(slot.startAt);
    const last = days.at(-1);
    if (last && last.date === date) last.slots.push(slot);
    else days.push({ date, slots: [slot] });
  }
  return (
    <div class="slot-days">
      {days.map((day) => {
        const label = formatDay(day.slots[0]!.startAt, ctx.now, ctx.locale);
        return (
          <section class="slot-day" key={day.date} aria-labelledby={`jour-${day.date}`}>
            <h2 id={`jour-${day.date}`}>{capitalize(label)}</h2>
            <ul class="slot-grid">
              {day.slots.map((s) => (
                <li key={s.startAt}>
                  <button type="submit" name={name} value={s.startAt} class="slot">
                    <span class="visually-hidden">{label} à </span>
                    {formatTime(s.startAt)}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
