"use client";

import { useId, useState } from "react";
import { formatCardNumber, readTestCard, type LocalCardResult } from "@/lib/payments/test-cards";
import { formatExpiryInput } from "@/lib/payments/expiry";

/**
 * The local test mode's card entry. The inputs have NO `name` attribute, so the browser can never submit the
 * number, expiry or CVC with a form; `read()` checks them here and returns only brand, last 4 and expiry
 * (PCI SAQ A: card numbers never reach our server).
 */
export type TestCardValues = { number: string; expiry: string; cvc: string };
export type TestCardErrors = Partial<Record<"number" | "expiry" | "cvc", string>>;

export function useTestCard() {
  const [values, setValues] = useState<TestCardValues>({ number: "", expiry: "", cvc: "" });
  const [errors, setErrors] = useState<TestCardErrors>({});
  function read(): LocalCardResult {
    const r = readTestCard(values, new Date());
    setErrors(r.ok ? {} : { [r.field]: r.message });
    return r;
  }
  /** A field's error goes as soon as the person changes that field. */
  function change(key: keyof TestCardValues, value: string) {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  }
  return { values, setValues, change, errors, read };
}

/** A random token for the card, from the browser's CSPRNG. It says nothing about the card number. */
export function randomCardToken(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function TestCardFields({ card }: { card: ReturnType<typeof useTestCard> }) {
  const id = useId();
  const { values, change, errors } = card;
  const input =
    "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";
  const field = (
    key: keyof TestCardValues,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement>,
    format?: (v: string) => string,
  ) => (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={`${id}-${key}`} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        className={input}
        value={values[key]}
        onChange={(e) => change(key, format ? format(e.target.value) : e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
        {...props}
      />
      {errors[key] ? (
        <p id={`${id}-${key}-error`} role="alert" className="text-sm font-medium text-red-800">
          {errors[key]}
        </p>
      ) : null}
    </div>
  );
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 font-semibold text-slate-900">Card details (test mode)</legend>
      {field(
        "number",
        "Card number",
        { inputMode: "numeric", autoComplete: "off", placeholder: "4242 4242 4242 4242", maxLength: 23 },
        formatCardNumber,
      )}
      <div className="grid grid-cols-2 gap-3">
        {field(
          "expiry",
          "Expiry (MM/YY)",
          // Digits from a phone's numeric keypad get their slash as they are typed ("1229" → "12/29").
          { inputMode: "numeric", autoComplete: "off", placeholder: "12/30", maxLength: 7 },
          formatExpiryInput,
        )}
        {field("cvc", "Security code", { inputMode: "numeric", autoComplete: "off", placeholder: "123", maxLength: 4 })}
      </div>
    </fieldset>
  );
}
