import { TEST_CARDS, digitsOnly, findCardNumbers } from "./test-cards";

/**
 * The browser specs' card-number watcher (PCI SAQ A: a card number never reaches our server): finds card numbers
 * in what a browser sends — a URL or a request body — however the number was written or encoded. Plain code, no
 * server imports: Playwright's process runs it on every request, and lib/payments/card-scan.test.ts proves it.
 *
 * Found: every Luhn-valid card-like number (findCardNumbers) in the text as sent and as decoded, and every number
 * in `planted` (the test cards the specs type) written bare, in groups split by spaces, dashes or dots, form-
 * encoded (`+`, `%20`), percent-encoded (`%34%32…`) or JSON-escaped (`\u0034…`). Only the separators BETWEEN
 * digits are dropped before matching the planted numbers: dropping characters that are themselves digits (a
 * class like `[\s%20+-]` holds "2" and "0") made 4242 4242 4242 4242 impossible to find.
 */
export function findCardNumbersInRequest(text: string, planted: readonly string[] = Object.keys(TEST_CARDS)): string[] {
  const found = new Set<string>();
  for (const variant of new Set([text, decodeRequestText(text)])) {
    for (const m of findCardNumbers(variant)) found.add(digitsOnly(m));
    const joined = variant.replace(/(?<=\d)[\s.\-\u00a0]+(?=\d)/g, "");
    for (const n of planted) if (joined.includes(n)) found.add(n);
  }
  return [...found];
}

/** Undoes form encoding (`+`), percent-encoding and JSON `\uXXXX` escapes, leaving malformed sequences as they are. */
function decodeRequestText(text: string): string {
  const percent = text.replace(/\+/g, " ").replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  return percent.replace(/\\u([0-9A-Fa-f]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
