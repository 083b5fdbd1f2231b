import "server-only";
import type { Db } from "@/db";
import { oneRow, placeholderPrincipal, principalValues, runPrepared } from "@/db/prepared";
import type { StaffPrincipal } from "@/lib/core/principal";
import { reviewQueueColumns, showReviewQueue, viewReviewQueue } from "@/lib/forms/views";
import { loadTodos, todoColumns, todosOfRow, type Todo } from "./todos";

/**
 * The dashboard's home (docs/decisions.md, Dashboard and admin): the to-do counts and the two review lists (open safety
 * alerts, submitted forms not yet reviewed) in one statement (docs/performance.md), each column scoped by its own
 * query as when read apart. Built once per role (db/prepared.ts), the person its value. Should it fail, the two
 * parts are read apart as before: a failing to-do source is shown as unavailable, not zero, and the lists' own
 * failure is the page's error.
 */
export async function viewDashboardHome(
  p: StaffPrincipal,
): Promise<{ todos: (Todo & { error?: true })[] } & Awaited<ReturnType<typeof showReviewQueue>>> {
  let row;
  try {
    [row] = await runPrepared(
      `dashboard.home.${p.role}`,
      (d) => dashboardHomeQuery(d, placeholderPrincipal<StaffPrincipal>(p.role)).prepare(`dashboard_home_${p.role}`),
      principalValues(p),
    );
  } catch {
    const [todos, lists] = await Promise.all([loadTodos(p), viewReviewQueue(p)]);
    return { todos, ...lists };
  }
  return { todos: todosOfRow(row), ...(await showReviewQueue(p, row)) };
}

/** The home's statement; built with a real principal it is the same statement (lib/test/prepared-statements.int.test.ts). */
export function dashboardHomeQuery(d: Db, p: StaffPrincipal) {
  return d.select({ ...todoColumns(p), ...reviewQueueColumns(p) }).from(oneRow());
}
