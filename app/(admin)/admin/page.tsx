import { requirePagePrincipal } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";
export const metadata = { title: "Admin" };

export default async function AdminHome() {
  await requirePagePrincipal("admin");
  return <h1 className="text-2xl font-bold">Practice administration</h1>;
}
