// POST /api/v1/alerts/:id/test – sends a test notification to each of the rule's channels now
// and answers with each channel's outcome.
import { dispatchOptions } from "@/lib/alerts/dispatch";
import { sendTestNotification } from "@/lib/alerts/test-notification";
import { settingsCaller } from "@/lib/api/settings-access";
import { apiError, json } from "@/lib/api/responses";
import { findWorkspaceForNotices } from "@/lib/db/accounts";
import { findAlertRule } from "@/lib/db/alert-rules";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const caller = await settingsCaller(request, "manage");
  if (caller instanceof Response) return caller;
  const [rule, workspace] = await Promise.all([findAlertRule(caller.workspaceId, (await params).id), findWorkspaceForNotices(caller.workspaceId)]);
  if (!rule || !workspace) return apiError("not_found", "No alert with this id in your workspace.");
  return json(await sendTestNotification(workspace, rule, dispatchOptions()));
}
