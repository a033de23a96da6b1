import type { ViewContext } from '../view-context.ts';

/**
 * The head of a staff table: one column header per label, and, when rows carry buttons or
 * links, a last column whose name is read by screen readers only.
 */
export function TableHead({ ctx, columns, actions = false }: { ctx: ViewContext; columns: string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <th scope="col" key={label}>
            {label}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span class="visually-hidden">{ctx.t('common.actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
