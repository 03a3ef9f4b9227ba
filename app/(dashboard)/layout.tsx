import type { ReactNode } from "react";
import { Shell } from "@/components/layout/shell";
import { requireMember } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  return (
    <Shell workspace={member.workspace.name} email={member.email}>
      {children}
    </Shell>
  );
}
