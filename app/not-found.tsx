import { ErrorView } from "@/components/shell/error-view";
import { headers } from "next/headers";
import { getPracticeSettings } from "@/lib/practice/settings";

export const metadata = { title: "Page not found" };

/** The practice's own "not found" page; "not yours" looks the same as "does not exist" (docs/architecture.md). */
export default async function NotFound() {
  const practice = await getPracticeSettings();
  const requestId = (await headers()).get("x-request-id");
  return (
    <ErrorView practice={{ name: practice.name, phone: practice.phone }} title="Page not found" requestId={requestId}>
      <p>
        This page does not exist, or you do not have access to it. Check the address, or start again from your home
        page.
      </p>
    </ErrorView>
  );
}
