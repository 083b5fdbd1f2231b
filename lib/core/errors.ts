/**
 * The expected errors whose messages reach users (docs/decisions.md, Code conventions: Expected errors). Anything else is logged and shown
 * as a generic message, so an unexpected error can never leak internals or secrets.
 */
export class ExpectedError extends Error {
  readonly expected = true;
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** Not found, or not yours: an outsider cannot tell the two apart. */
export class NotFoundError extends ExpectedError {
  constructor(message = "Not found.") {
    super(message, 404);
  }
}
export class ForbiddenError extends ExpectedError {
  constructor(message = "You do not have permission to do that.") {
    super(message, 403);
  }
}
export class UnauthenticatedError extends ExpectedError {
  constructor(message = "Please sign in.") {
    super(message, 401);
  }
}
export class ValidationError extends ExpectedError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, 400);
  }
}
export class ConflictError extends ExpectedError {
  constructor(message: string) {
    super(message, 409);
  }
}
export const TOO_MANY_ATTEMPTS = "Too many attempts. Try again later, or call your provider's office for a PIN code.";

export function isExpectedError(e: unknown): e is ExpectedError {
  return e instanceof ExpectedError || (typeof e === "object" && e !== null && (e as { expected?: unknown }).expected === true);
}

export const GENERIC_ERROR = "Something went wrong on our side. Nothing you entered was lost; please try again.";
