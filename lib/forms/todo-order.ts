/**
 * The portal home's forms to complete (docs/decisions.md, Client home): overdue first, then by due date, forms
 * without a due date last (oldest sent first within each). `today` is the practice's calendar day (YYYY-MM-DD);
 * a form due today is not overdue. Pure, so it is tested without a database.
 */
export type TodoInput = { id: string; dueDate: string | null; createdAt: Date };

export function orderTodos<T extends TodoInput>(rows: T[], today: string): (T & { overdue: boolean })[] {
  const rank = (r: T) => (r.dueDate === null ? "9999-99-99" : r.dueDate);
  return rows
    .map((r) => ({ ...r, overdue: r.dueDate !== null && r.dueDate < today }))
    .sort((a, b) => rank(a).localeCompare(rank(b)) || a.createdAt.getTime() - b.createdAt.getTime());
}
