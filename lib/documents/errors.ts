import { ExpectedError } from "@/lib/core/errors";
import { tooLargeMessage } from "./limits";

/** 413: the upload went past the practice's limit; nothing was kept. */
export class TooLargeError extends ExpectedError {
  constructor(limitMb: number) {
    super(`${tooLargeMessage(limitMb)} Nothing was uploaded.`, 413);
  }
}
/** 415: the bytes are not an accepted type (or carry web-page content). */
export class RefusedTypeError extends ExpectedError {
  constructor(message: string) {
    super(message, 415);
  }
}
