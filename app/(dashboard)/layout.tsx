import type { ReactNode } from "react";
import { Shell } from "@/components/layout/shell";
import { requireMember } from "@/lib/auth/session";
import { listMemberships } from "@/lib/db/accounts";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  const memberships = await listMemberships(member.userId);
  return (
    <Shell workspace={member.workspace} email={member.email} workspaces={memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name }))}>
      {children}
    </Shell>
  );
}
