/**
 * A file over the practice's limit, in words (docs/decisions.md, Files). No size is quoted: "This file is 25.0 MB,
 * larger than the practice's limit of 25 MB" (a file one byte over) reads as nonsense, and a size precise enough to
 * show the difference ("25.00001 MB") would be noise. Plain data: the browser and the server say the same.
 */
export function tooLargeMessage(limitMb: number, fileName?: string): string {
  return `${fileName ?? "This file"} is larger than the practice's limit of ${limitMb} MB.`;
}

/** Whether a file of `bytes` is over a limit of `limitMb` (MB of 1,048,576 bytes, as the server counts). */
export function isOverLimit(bytes: number, limitMb: number): boolean {
  return bytes > limitMb * 1024 * 1024;
}
