/** The table of appointments the desk's pages share (day, week, a person's history). */
import { PhoneLink } from '../../../../ui/components/contact.tsx';
import { formatDateTime } from '../../../../ui/format.ts';
import type { ViewContext } from '../../../../ui/view-context.ts';
import { formatRange, formatTime } from '../../helpdesk.format.ts';
import type { DeskAppointment } from '../../helpdesk.model.ts';
import { personName, StatusTag } from '../parts.tsx';
import { TableHead } from '../../../../ui/components/table.tsx';

export function AppointmentRows({ ctx, list, withDate, showSite = true }: { ctx: ViewContext; list: DeskAppointment[]; withDate?: boolean; showSite?: boolean }) {
  const { t } = ctx;
  return (
    <table class="responsive">
      <TableHead ctx={ctx} columns={[t('helpdesk.day.time'), t('helpdesk.day.person'), t('helpdesk.day.phone'), t('helpdesk.day.need'), t('helpdesk.day.status')]} actions />
      <tbody>
        {list.map((a) => (
          <tr key={a.id}>
            <td data-label={t('helpdesk.day.time')}>
              {withDate ? formatDateTime(a.startAt, ctx.locale) : formatRange(a.startAt, a.endAt)}
              {showSite && a.siteName && <span class="hint block">{a.siteName}</span>}
            </td>
            <td data-label={t('helpdesk.day.person')}>{personName(ctx, a.person)}</td>
            <td data-label={t('helpdesk.day.phone')}>
              {a.person?.phone ? <PhoneLink phone={a.person.phone} /> : '—'}
            </td>
            <td data-label={t('helpdesk.day.need')}>
              {a.motifName}
              {a.note && <span class="hint block">{a.note}</span>}
            </td>
            <td data-label={t('helpdesk.day.status')}>
              <StatusTag ctx={ctx} appointment={a} />
            </td>
            <td>
              <a href={`/permanences/rendez-vous/${a.id}`}>
                {a.kind === 'drop_in' && !a.outcome ? t('helpdesk.day.receive') : t('helpdesk.day.open')}
                <span class="visually-hidden"> : {personName(ctx, a.person)}, {formatTime(a.startAt)}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
