import { describe, expect, it } from "vitest";
import { containsPattern, escapeHtml, escapeLike } from "./escape";

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
    );
    expect(escapeHtml("plain")).toBe("plain");
  });
  it("escapes an ampersand once, so existing entities stay visible as typed", () => {
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("escapeLike", () => {
  it("makes %, _ and \\ literal", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(containsPattern("a_b")).toBe("%a\\_b%");
  });
});
