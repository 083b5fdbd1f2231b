"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { answerErrors, answerFieldSchema, answerSchema, type Answers } from "@/lib/forms/answer-schema";
import { hasAnswer, isAnswerable, paginate, type Question } from "@/lib/forms/types";
import { Button } from "@/components/ui/button";
import { formatTime } from "@/lib/core/time";
import type { ActionResult } from "@/lib/auth/action";
import { QuestionField } from "./question-field";
import { useSaveOnLeave } from "@/components/ui/use-save-on-leave";

type Props = {
  responseId?: string;
  title: string;
  questions: Question[];
  initialAnswers: Answers;
  /** When each stored answer was saved (ISO): sent back with a change as its base (docs/decisions.md, Forms and safety). */
  initialSavedAt?: Record<string, string>;
  lastSaved?: { at: string | null; by: string | null };
  /** The practice's zone: save times are shown in it. */
  timeZone?: string;
  /** Builder preview: the same form, nothing saved. */
  preview?: boolean;
  submitAction?: (input: {
    responseId: string;
    answers: Answers;
    bases: Record<string, string | null>;
  }) => Promise<ActionResult<{ status: "submitted"; safetyAlert: boolean }>>;
};

type DraftReply = {
  ok?: boolean;
  savedAt?: string | null;
  savedByName?: string | null;
  conflicts?: string[];
  answers?: Record<string, { v: unknown; at: string; by: string | null }>;
  error?: string;
  fieldErrors?: Record<string, string[]>;
};

/** Stored answers come back as saved (numbers as numbers); the fields keep numbers as text while typing. */
function fromWire(q: Question | undefined, v: unknown): unknown {
  if (v === null || v === undefined) return q?.type === "multi_choice" ? [] : "";
  if (q?.type === "number" && typeof v === "number") return String(v);
  return v;
}

const AUTOSAVE_DELAY_MS = 800;
/** Long enough for a save sent while the previous page was being left to land. */
const SYNC_AFTER_LOAD_MS = 1500;

/** What the browser keeps while typing → what is sent: numbers parsed, empty answers cleared (null). */
function toWire(q: Question, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" && v.trim() === "" && q.type !== "signature") return null;
  if (Array.isArray(v) && v.length === 0) return null;
  if (q.type === "number" && typeof v === "string") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : v;
  }
  return v;
}

/**
 * The portal form (docs/product.md, Forms): short pages with a progress bar; every answer autosaves (debounced, and when
 * the page is left) and is validated in the browser with the same zod schema the server uses.
 */
export function FormFiller({
  responseId,
  title,
  questions,
  initialAnswers,
  initialSavedAt,
  lastSaved,
  timeZone = "UTC",
  preview,
  submitAction,
}: Props) {
  const router = useRouter();
  const pages = useMemo(() => paginate(questions), [questions]);
  const byId = useMemo(() => new Map(questions.map((q) => [q.id, q])), [questions]);
  const [page, setPage] = useState(0);
  const [answers, setAnswers] = useState<Answers>(initialAnswers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string>(
    lastSaved?.at
      ? `Saved${lastSaved.by ? ` by ${lastSaved.by}` : ""} at ${formatTime(new Date(lastSaved.at), timeZone)}`
      : "",
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const dirty = useRef<Set<string>>(new Set());
  const answersRef = useRef(answers);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const pageTop = useRef<HTMLDivElement>(null);
  // Per question, the saved-at of the answer this page shows: what a change is based on (merge rule).
  const known = useRef<Record<string, string>>({ ...(initialSavedAt ?? {}) });
  const newestKnown = () => Object.values(known.current).reduce<string | null>((m, v) => (!m || v > m ? v : m), null);

  const answerable = questions.filter(isAnswerable);
  const answeredCount = answerable.filter((q) => hasAnswer(answers[q.id])).length;

  const lastConflicts = useRef<string[]>([]);

  /**
   * Takes in what the server says is saved: answers this page just wrote become its new bases; newer answers
   * of questions this page has not changed since are shown; a conflict (a newer answer kept by the server
   * over this page's change) replaces the field and says so at the field. Returns the number of conflicts.
   */
  const applyServer = useCallback(
    (body: DraftReply, sent: string[]): string[] => {
      const conflicts = new Set(body.conflicts ?? []);
      const next = { ...answersRef.current };
      const notes: Record<string, string> = {};
      let changed = false;
      for (const [q, a] of Object.entries(body.answers ?? {})) {
        if (known.current[q] && known.current[q] >= a.at) continue;
        known.current[q] = a.at;
        const mine = sent.includes(q) && !conflicts.has(q) && a.at === body.savedAt;
        if (mine) continue;
        // Typed here since the last save: keep it; it is sent next with the newer base (newest save wins).
        if (dirty.current.has(q) && !conflicts.has(q)) continue;
        dirty.current.delete(q);
        next[q] = fromWire(byId.get(q), a.v);
        changed = true;
        if (conflicts.has(q))
          notes[q] =
            `${a.by ?? "Someone"} changed this answer at ${formatTime(new Date(a.at), timeZone)} in another window, so your change was not saved. Check it.`;
      }
      if (changed) {
        answersRef.current = next;
        setAnswers(next);
      }
      if (Object.keys(notes).length) setErrors((e) => ({ ...e, ...notes }));
      return Object.keys(notes);
    },
    [byId, timeZone],
  );

  /** Sends the changed fields only, one request at a time (so an older value never lands after a newer one). */
  const flush = useCallback(
    async (opts: { keepalive?: boolean; sync?: boolean } = {}): Promise<void> => {
      if (preview || !responseId) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (inFlight.current && !opts.keepalive) {
        await inFlight.current;
      }
      const keys = [...dirty.current];
      if (keys.length === 0 && !opts.sync) return;
      dirty.current.clear();
      const batch = Object.fromEntries(keys.map((k) => [k, toWire(byId.get(k)!, answersRef.current[k])]));
      const bases = Object.fromEntries(keys.map((k) => [k, known.current[k] ?? null]));
      if (keys.length) setStatus("Saving…");
      const run = (async () => {
        try {
          const res = await fetch(`/api/forms/responses/${responseId}/draft`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ answers: batch, bases, since: newestKnown() }),
            keepalive: opts.keepalive,
          });
          const body = (await res.json().catch(() => ({}))) as DraftReply;
          if (res.ok && body.ok) {
            const conflicts = applyServer(body, keys);
            if (conflicts.length) {
              setStatus(
                "Some answers were changed in another window or by someone else. Check the highlighted questions.",
              );
            } else if (body.savedAt) {
              setStatus(`All changes saved at ${formatTime(new Date(body.savedAt), timeZone)}`);
            }
            lastConflicts.current = conflicts;
          } else if (res.status === 400 && body.fieldErrors) {
            setErrors((e) => ({
              ...e,
              ...Object.fromEntries(Object.entries(body.fieldErrors!).map(([k, v]) => [k, v[0]])),
            }));
            setStatus("Some answers were not saved. Please check the highlighted questions.");
          } else {
            setStatus(body.error ?? "Not saved yet. We will try again.");
            if (res.status >= 500) keys.forEach((k) => dirty.current.add(k));
          }
        } catch {
          // Offline or the request was cut: keep the fields dirty and try again shortly.
          keys.forEach((k) => dirty.current.add(k));
          if (keys.length) {
            setStatus("Not saved yet (connection problem). We will try again.");
            timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS * 4);
          }
        }
      })();
      inFlight.current = run;
      await run;
      if (inFlight.current === run) inFlight.current = null;
    },
    [applyServer, byId, preview, responseId, timeZone],
  );

  // A save that left the previous page late (or a partner's save) lands after this page was rendered:
  // fetch what is newer shortly after loading and whenever the tab comes back.
  useEffect(() => {
    if (preview || !responseId) return;
    const t = setTimeout(() => void flush({ sync: true }), SYNC_AFTER_LOAD_MS);
    const onVisible = () => document.visibilityState === "visible" && void flush({ sync: true });
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(t);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [flush, preview, responseId]);

  // Save when the page is hidden or left (tab switch, close, navigation away).
  useSaveOnLeave(useCallback(() => void flush({ keepalive: true }), [flush]));

  function change(q: Question, v: unknown) {
    const next = { ...answersRef.current, [q.id]: v };
    answersRef.current = next;
    setAnswers(next);
    const wire = toWire(q, v);
    const r = wire === null ? { success: true as const } : answerFieldSchema(q).safeParse(wire);
    if (!r.success) {
      // Shown at the field; not sent, so the saved draft keeps its last good value.
      setErrors((e) => ({ ...e, [q.id]: r.error.issues[0]?.message ?? "Check this answer." }));
      dirty.current.delete(q.id);
      return;
    }
    setErrors((e) => {
      const { [q.id]: _drop, ...rest } = e;
      void _drop;
      return rest;
    });
    if (q.type === "signature" && wire !== null) {
      // A signature is saved only once it is complete; partial input stays in the browser.
      const s = wire as Record<string, unknown>;
      if (!s.legalName || !s.relationship || s.consent !== true) return;
    }
    dirty.current.add(q.id);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }

  function goTo(p: number) {
    setPage(p);
    requestAnimationFrame(() => pageTop.current?.focus());
  }

  async function submit() {
    setFormError(null);
    lastConflicts.current = [];
    const wire = Object.fromEntries(
      answerable.map((q) => [q.id, toWire(q, answersRef.current[q.id])]).filter(([, v]) => v !== null),
    );
    const parsed = answerSchema(questions, "submit").safeParse(wire);
    if (!parsed.success) {
      const errs = answerErrors(parsed.error);
      setErrors(errs);
      setFormError("Some questions still need an answer.");
      const first = pages.findIndex((pg) => pg.some((q) => errs[q.id]));
      if (first >= 0) goTo(first);
      return;
    }
    if (preview || !submitAction || !responseId) {
      setFormError("This is a preview: nothing is submitted.");
      return;
    }
    setSubmitting(true);
    await flush();
    if (lastConflicts.current.length > 0) {
      setSubmitting(false);
      setFormError(
        "Some answers were changed in another window or by someone else while this page was open. Check the highlighted questions, then submit again.",
      );
      const first = pages.findIndex((pg) => pg.some((q) => lastConflicts.current.includes(q.id)));
      if (first >= 0) goTo(first);
      return;
    }
    // Everything this page changed is saved by now: the server submits the newest saved answer of each question.
    const result = await submitAction({ responseId, answers: {}, bases: {} });
    setSubmitting(false);
    if (result.ok) {
      router.refresh();
      return;
    }
    void flush({ sync: true });
    setFormError(result.error);
    if (result.fieldErrors) {
      const errs = Object.fromEntries(
        Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^answers\./, ""), v[0]]),
      );
      setErrors(errs);
      const first = pages.findIndex((pg) => pg.some((q) => errs[q.id]));
      if (first >= 0) goTo(first);
    }
  }

  const last = page === pages.length - 1;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="form-progress" className="text-sm text-slate-700">
          {answeredCount} of {answerable.length} questions answered
        </label>
        <progress
          id="form-progress"
          className="h-2 w-full accent-brand-700"
          max={answerable.length || 1}
          value={answeredCount}
        />
      </div>
      <div ref={pageTop} tabIndex={-1} className="text-sm font-medium text-slate-800 outline-none" aria-live="polite">
        {title}: page {page + 1} of {pages.length}
      </div>
      <form
        noValidate
        className="flex flex-col gap-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (last) void submit();
          else goTo(page + 1);
        }}
      >
        {pages[page].map((q) => (
          <QuestionField
            key={q.id}
            q={q}
            value={answers[q.id]}
            error={errors[q.id]}
            onChange={(v) => change(q, v)}
            idPrefix={preview ? "preview" : "q"}
          />
        ))}
        {formError ? (
          <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-800">
            {formError}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-3">
          {page > 0 ? (
            <Button type="button" variant="secondary" onClick={() => goTo(page - 1)}>
              Back
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" disabled={submitting}>
            {last ? (submitting ? "Submitting…" : "Submit") : "Next"}
          </Button>
        </div>
      </form>
      {!preview ? (
        <p role="status" className="text-sm text-slate-700">
          {status}
        </p>
      ) : null}
    </div>
  );
}
