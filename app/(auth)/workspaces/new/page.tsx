import Link from "next/link";
import { redirect } from "next/navigation";
import { WorkspaceForm } from "@/components/settings/workspace-form";
import { AuthCard } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/session";
import { listMemberships } from "@/lib/db/accounts";

export const dynamic = "force-dynamic";
export const metadata = { title: "New workspace" };

// Outside the dashboard on purpose: someone who belongs to no workspace (after leaving or deleting
// their last) is sent here to make one.
export default async function NewWorkspacePage() {
  const user = await currentUser();
  if (!user) redirect("/login?next=/workspaces/new");
  const hasWorkspace = (await listMemberships(user.userId)).length > 0;
  return (
    <AuthCard
      title="New workspace"
      subtitle={`${hasWorkspace ? "" : "You are not in any workspace yet. "}A workspace has its own requests, keys, members, alerts and settings, shared with no other. You will own it.`}
    >
      <WorkspaceForm />
      {hasWorkspace ? (
        <Link href="/" className="text-sm text-indigo-600 hover:underline">
          ← Back to the dashboard
        </Link>
      ) : (
        <p className="text-sm text-zinc-500">Or ask an admin of an existing workspace to invite {user.email}.</p>
      )}
    </AuthCard>
  );
}
