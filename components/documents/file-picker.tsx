"use client";

import { useId, useState, type DragEvent } from "react";
import { ACCEPT } from "@/lib/documents/schemas";

/**
 * Choosing files: a button (a real, focusable file input behind a styled label, so Space/Enter open the picker),
 * a "Take a photo" button for the phone camera (capture), and a drop zone for drag-and-drop.
 */
export function FilePicker({
  onFiles,
  multiple,
  disabled,
  label,
}: {
  onFiles: (files: File[]) => void;
  multiple: boolean;
  disabled?: boolean;
  label: string;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const pick = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length) onFiles(multiple ? files : files.slice(0, 1));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) pick(e.dataTransfer.files);
  };
  const btn =
    "inline-flex min-h-11 cursor-pointer items-center justify-center rounded-md px-4 py-2 text-base font-semibold peer-focus-visible:outline peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700";
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
      className={`flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-4 text-center ${over ? "border-brand-700 bg-brand-50" : "border-slate-400 bg-white"}`}
    >
      {/* Touch screens cannot drag files: the hint is hidden by CSS (coarse pointer or no hover), so the server's
          HTML is already right on a phone and nothing flashes (docs/decisions.md, Client home). */}
      <p className="text-sm text-slate-700 pointer-coarse:hidden [@media(hover:none)]:hidden" data-testid="drag-hint">
        Drag files here, or
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <span className="relative">
          <input
            id={`${id}-files`}
            type="file"
            accept={ACCEPT}
            multiple={multiple}
            disabled={disabled}
            className="peer sr-only"
            onChange={(e) => {
              pick(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
          <label htmlFor={`${id}-files`} className={`${btn} bg-brand-700 text-white hover:bg-brand-800`}>
            {label}
          </label>
        </span>
        <span className="relative">
          <input
            id={`${id}-camera`}
            type="file"
            accept="image/*"
            capture="environment"
            disabled={disabled}
            className="peer sr-only"
            onChange={(e) => {
              pick(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
          <label
            htmlFor={`${id}-camera`}
            className={`${btn} border border-slate-400 bg-white text-slate-900 hover:bg-slate-50`}
          >
            Take a photo
          </label>
        </span>
      </div>
      <p className="text-sm text-slate-700">PDF, JPEG, PNG, HEIC, Word (.docx) or plain text.</p>
    </div>
  );
}
