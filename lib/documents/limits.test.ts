import { describe, expect, it } from "vitest";
import { isOverLimit, tooLargeMessage } from "./limits";
import { TooLargeError } from "./errors";

describe("the upload size limit, in words", () => {
  it("a file one byte over 25 MB is over, and the message quotes no rounded size that would equal the limit", () => {
    const limit = 25;
    const bytes = limit * 1024 * 1024 + 1;
    expect(isOverLimit(bytes, limit)).toBe(true);
    expect(isOverLimit(bytes - 1, limit)).toBe(false);
    const msg = tooLargeMessage(limit);
    expect(msg).toBe("This file is larger than the practice's limit of 25 MB.");
    expect(msg).not.toMatch(/25\.0 MB/);
  });

  it("names the file when several are chosen, and the server's refusal says the same and that nothing was kept", () => {
    expect(tooLargeMessage(10, "scan.pdf")).toBe("scan.pdf is larger than the practice's limit of 10 MB.");
    expect(new TooLargeError(10).message).toBe(
      "This file is larger than the practice's limit of 10 MB. Nothing was uploaded.",
    );
  });
});
