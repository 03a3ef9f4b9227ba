// Above the page's loading skeleton, so an unknown (or another workspace's) property answers 404.
import type { ReactNode } from "react";
import { requireInWorkspace } from "@/lib/analytics/found";
import { propertyKeyExists } from "@/lib/analytics/properties";

export default async function PropertyLayout({ children, params }: { children: ReactNode; params: Promise<{ key: string }> }) {
  await requireInWorkspace(propertyKeyExists, (await params).key);
  return children;
}
