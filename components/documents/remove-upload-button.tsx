"use client";

import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/auth/action";

/**
 * The client removes their own upload, after a confirmation (docs/decisions.md, Files). Shown only while staff have
 * not opened it; the server refuses with a clear message if they opened it meanwhile.
 */
export function RemoveUploadButton({
  documentId,
  fileName,
  action,
}: {
  documentId: string;
  fileName: string;
  action: (fd: FormData) => Promise<ActionResult<{ fileName: string }>>;
}) {
  const router = useRouter();
  return (
    <ActionButton
      action={action}
      hidden={{ documentId }}
      confirm={`Remove ${fileName}? Your provider will not see it, and this cannot be undone.`}
      submitLabel="Remove"
      pendingLabel="Removing…"
      nameSuffix={` ${fileName}`}
      variant="secondary"
      className="flex flex-col items-start gap-1"
      onResult={(r) => (r.ok ? router.refresh() : undefined)}
    />
  );
}
