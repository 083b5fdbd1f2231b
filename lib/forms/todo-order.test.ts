import { describe, expect, it } from "vitest";
import { orderTodos } from "./todo-order";

const at = (d: string) => new Date(`${d}T12:00:00Z`);

describe("orderTodos", () => {
  const rows = [
    { id: "none", dueDate: null, createdAt: at("2026-11-01") },
    { id: "later", dueDate: "2026-12-10", createdAt: at("2026-11-02") },
    { id: "today", dueDate: "2026-12-03", createdAt: at("2026-11-03") },
    { id: "late", dueDate: "2026-11-30", createdAt: at("2026-11-04") },
  ];
  it("puts overdue forms first and forms without a due date last", () => {
    expect(orderTodos(rows, "2026-12-03").map((r) => r.id)).toEqual(["late", "today", "later", "none"]);
  });
  it("marks only forms due before the practice's today as overdue (due today is not late)", () => {
    const byId = Object.fromEntries(orderTodos(rows, "2026-12-03").map((r) => [r.id, r.overdue]));
    expect(byId).toEqual({ late: true, today: false, later: false, none: false });
  });
  it("a day later, the form due today has become overdue", () => {
    expect(orderTodos(rows, "2026-12-04").find((r) => r.id === "today")?.overdue).toBe(true);
  });
});
