// Above the page's loading skeleton, so an unknown (or another workspace's) user answers 404.
import type { ReactNode } from "react";
import { requireInWorkspace } from "@/lib/analytics/found";
import { userExists } from "@/lib/analytics/users";

export default async function UserLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await requireInWorkspace(userExists, (await params).id);
  return children;
}
