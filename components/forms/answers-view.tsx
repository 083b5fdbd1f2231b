import { formatAnswer, type Question } from "@/lib/forms/types";
import type { Answers } from "@/lib/forms/answer-schema";

/** A submitted (or draft) response, read-only: each question with its answer (a signature's time in `timeZone`). */
export function AnswersView({
  questions,
  answers,
  timeZone,
}: {
  questions: Question[];
  answers: Answers;
  timeZone: string;
}) {
  return (
    <div className="flex flex-col gap-3">
      {questions.map((q) =>
        q.type === "heading" ? (
          <h2 key={q.id} className="mt-3 text-xl font-semibold text-slate-900">
            {q.label}
          </h2>
        ) : q.type === "info" ? (
          <p key={q.id} className="text-slate-700">
            {q.label}
          </p>
        ) : (
          <div key={q.id} className="border-b border-slate-200 pb-2" data-answer={q.id}>
            <p className="font-medium text-slate-900">{q.label}</p>
            <p className="whitespace-pre-wrap break-words text-slate-800">{formatAnswer(q, answers[q.id], timeZone)}</p>
          </div>
        ),
      )}
    </div>
  );
}
