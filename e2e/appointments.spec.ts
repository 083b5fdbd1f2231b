import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import type { Page } from "@playwright/test";
import { test, expect, signInAs, cast } from "./fixtures";

// docs/product.md, Appointments, as a clinician and a client see them. Each test has its own cast (e2e/cast.ts).
// The server runs on the real clock, so dates are computed from today in the practice's zone.

const LA = "America/Los_Angeles"; // the demo practice's zone

async function book(
  page: Page,
  profileId: string,
  a: { day: string; time: string; repeat?: "Weekly" | "Every two weeks"; count?: number; telehealth?: string },
) {
  await page.goto(`/dashboard/clients/${profileId}/appointments`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Book" }) });
  await form.getByLabel("Date").fill(a.day);
  await form.getByLabel("Start time").fill(a.time);
  if (a.telehealth) {
    await form.getByLabel("Telehealth (video)").check();
    await form.getByLabel("Video link (telehealth)").fill(a.telehealth);
  }
  if (a.repeat) {
    await form.getByLabel(a.repeat).check();
    await form.getByLabel("Number of appointments (when repeating)").fill(String(a.count ?? 1));
  }
  await form.getByRole("button", { name: "Book" }).click();
  await expect(form.getByRole("status")).toHaveText("Booked. The appointments are in the list above.");
}

test("Ana books Jordan weekly at 10:00 across the November change; every occurrence reads 10:00 in the portal and in the calendar file", async ({
  page,
}) => {
  test.slow();
  const C = cast("appointments-series");
  // The Tuesday before next November's first Sunday, and two more weeks: PDT, then PST.
  const year = DateTime.now().setZone(LA).year + (DateTime.now().setZone(LA).month >= 10 ? 1 : 0);
  const firstSunday = DateTime.fromObject({ year, month: 11, day: 1 }, { zone: LA }).set({ weekday: 7 });
  const firstSundayOfNov = firstSunday.month === 11 ? firstSunday : firstSunday.plus({ weeks: 1 });
  const tuesdayBefore = firstSundayOfNov.minus({ days: 5 }).toISODate()!;

  await signInAs(page, C.ana);
  await book(page, C.profiles.jordan, { day: tuesdayBefore, time: "10:00", repeat: "Weekly", count: 3 });
  await expect(page.getByTestId("staff-appointment")).toHaveCount(3);
  for (const row of await page.getByTestId("staff-appointment").all()) await expect(row).toContainText("10:00 AM");

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Appointments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Appointments" })).toBeVisible();
  const items = page.getByTestId("appointment");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText("10:00 AM PDT");
  await expect(items.nth(1)).toContainText("10:00 AM PST");
  await expect(items.nth(2)).toContainText("10:00 AM PST");
  for (let i = 0; i < 3; i++) {
    const download = page.waitForEvent("download");
    await items
      .nth(i)
      .getByRole("link", { name: /^Add to calendar/ })
      .click();
    const file = await (await download).path();
    const ev = new ICAL.Event(
      new ICAL.Component(ICAL.parse(await readFile(file, "utf8"))).getFirstSubcomponent("vevent")!,
    );
    const start = DateTime.fromJSDate(ev.startDate.toJSDate()).setZone(LA);
    expect(start.toFormat("HH:mm")).toBe("10:00");
    expect(start.toISODate()).toBe(DateTime.fromISO(tuesdayBefore, { zone: LA }).plus({ weeks: i }).toISODate());
  }
});

test("Jordan requests an open time; Ana accepts; both see it; the time is no longer offered", async ({ page }) => {
  test.slow();
  const C = cast("appointments-request");
  await signInAs(page, C.ana);
  await page.goto("/dashboard/calendar");
  for (const d of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    await page.getByLabel(d, { exact: true }).fill("09:00-17:00");
  await page.getByRole("button", { name: "Save hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Hours saved." })).toBeVisible();

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal/appointments");
  const select = page.getByLabel("Open time");
  const chosen = await select.locator("option").nth(1).textContent();
  const chosenValue = await select.locator("option").nth(1).getAttribute("value");
  await select.selectOption(chosenValue!);
  await page.getByLabel("Telehealth (video)").check();
  await page.getByRole("button", { name: "Request appointment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Request sent." })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("appointment").filter({ hasText: chosen! })).toContainText("Requested");
  await expect(page.getByLabel("Open time").locator(`option[value="${chosenValue}"]`)).toHaveCount(0);

  await signInAs(page, C.ana);
  await page.goto("/dashboard/calendar");
  const request = page.getByTestId("request").filter({ hasText: "Jordan Lee" });
  await expect(request).toContainText("telehealth");
  await request.getByRole("button", { name: /^Accept/ }).click();
  await expect(page.getByTestId("request")).toHaveCount(0);
  const weekOf = DateTime.fromISO(chosenValue!).setZone(LA).toISODate()!;
  await page.goto(`/dashboard/calendar?week=${weekOf}`);
  await expect(page.getByTestId("calendar-appointment").filter({ hasText: "Jordan Lee" })).toHaveCount(1);

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal/appointments");
  const booked = page.getByTestId("appointment").filter({ hasText: chosen! });
  await expect(booked).toContainText("Booked");
  // The video link is not on the page a day or more ahead of time.
  await expect(booked).toContainText("The video link appears here 15 minutes before the start.");
});

test("Cancel: within the window the page shows the policy and says to call; outside it, cancelling frees the time", async ({
  page,
}) => {
  test.slow();
  const C = cast("appointments-cancel");
  const now = DateTime.now().setZone(LA);
  const soon = now.plus({ hours: 3 }).startOf("hour");
  const later = now.plus({ days: 4 }).set({ hour: 14, minute: 0 });
  await signInAs(page, C.ana);
  await book(page, C.profiles.jordan, {
    day: soon.toISODate()!,
    time: soon.toFormat("HH:mm"),
    telehealth: "https://video.example/room-e2e",
  });
  await book(page, C.profiles.jordan, { day: later.toISODate()!, time: "14:00" });

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal/appointments");
  await expect(page.getByTestId("cancellation-policy")).toContainText("up to 24 hours before");
  const first = page.getByTestId("appointment").nth(0);
  await expect(first).toContainText("It is too late to cancel online. To cancel, please call the office");
  await expect(first.getByRole("button", { name: /Cancel appointment/ })).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("room-e2e");
  const second = page.getByTestId("appointment").nth(1);
  page.once("dialog", (d) => d.accept());
  await second.getByRole("button", { name: /^Cancel appointment/ }).click();
  await expect(page.getByTestId("appointment")).toHaveCount(2); // one upcoming, one under past and canceled
  await expect(
    page.getByRole("region", { name: "Past and canceled" }).or(page.locator("section").last()),
  ).toContainText("Canceled");
});
