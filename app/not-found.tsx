import { NotFoundView } from "@/components/shell/not-found-view";

export const metadata = { title: "Page not found" };

/**
 * The practice's own "not found" page; "not yours" looks the same as "does not exist" (docs/architecture.md). The
 * practice's name and phone come from the root layout (components/shell/not-found-view.tsx says why).
 */
export default function NotFound() {
  return <NotFoundView />;
}
