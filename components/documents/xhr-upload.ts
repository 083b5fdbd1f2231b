/**
 * Sends one file as the raw request body with XMLHttpRequest, because fetch cannot report upload progress.
 * The file name travels URI-encoded in a header, not in the URL (no PHI in URLs).
 */
export type UploadReply =
  | {
      ok: true;
      data: { kind: "document"; id: string; name: string } | { kind: "staged"; ticket: string; name: string };
    }
  | { ok: false; error: string; status: number; fieldErrors?: Record<string, string[]> };

export function uploadFile(
  file: File,
  opts: { profileId?: string; name?: string; onProgress: (fraction: number) => void },
): Promise<UploadReply> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/files/upload");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(opts.name ?? file.name));
    if (opts.profileId) xhr.setRequestHeader("X-Profile-Id", opts.profileId);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { error?: string; fieldErrors?: Record<string, string[]> } & Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: fall through to the generic message
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress(1);
        resolve({ ok: true, data: body as unknown as Extract<UploadReply, { ok: true }>["data"] });
      } else {
        resolve({
          ok: false,
          status: xhr.status,
          fieldErrors: body.fieldErrors,
          error:
            body.error ?? (xhr.status === 413 ? "This file is too large." : "The upload failed. Please try again."),
        });
      }
    };
    xhr.onerror = () =>
      resolve({ ok: false, status: 0, error: "The upload was interrupted. Check your connection and try again." });
    xhr.onabort = () => resolve({ ok: false, status: 0, error: "The upload was canceled." });
    xhr.send(file);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
