// For detail pages' layouts: 404 unless the signed-in member's workspace has this user, session
// or property. Run above the page's loading skeleton, so the 404 is a real status.
import "server-only";
import { notFound } from "next/navigation";
import { requireMember } from "../auth/session";

export async function requireInWorkspace(exists: (workspaceId: string, id: string) => Promise<boolean>, encodedId: string): Promise<void> {
  const { workspace } = await requireMember();
  if (!(await exists(workspace.id, decodeURIComponent(encodedId)))) notFound();
}
