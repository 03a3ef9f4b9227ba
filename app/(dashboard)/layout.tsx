import type { ReactNode } from "react";
import { LogBanner } from "@/components/layout/log-banner";
import { Shell } from "@/components/layout/shell";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { listMemberships } from "@/lib/db/accounts";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  const memberships = await listMemberships(member.userId);
  return (
    <Shell
      workspace={member.workspace}
      email={member.email}
      workspaces={memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name }))}
      notice={canManageSettings(member.role) ? <LogBanner workspaceId={member.workspace.id} /> : null}
    >
      {children}
    </Shell>
  );
}
