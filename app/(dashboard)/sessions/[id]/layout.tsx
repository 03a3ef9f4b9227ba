// Above the page's loading skeleton, so an unknown (or another workspace's) session answers 404.
import type { ReactNode } from "react";
import { requireInWorkspace } from "@/lib/analytics/found";
import { sessionExists } from "@/lib/analytics/sessions";

export default async function SessionLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await requireInWorkspace(sessionExists, (await params).id);
  return children;
}
