// GET /api/v1/audit – who changed what in the workspace's settings, newest first (owners and
// admins); ?before=<event id> pages on, ?limit= up to 500.
import { z } from "zod";
import { settingsCaller } from "@/lib/api/settings-access";
import { invalidQuery, json } from "@/lib/api/responses";
import { findAuditEvent, listAuditEvents } from "@/lib/db/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ before: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export async function GET(request: Request) {
  const caller = await settingsCaller(request, "audit");
  if (caller instanceof Response) return caller;
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return invalidQuery(query.error);
  const { before, limit } = query.data;
  const after = before ? await findAuditEvent(caller.workspaceId, before) : null;
  const events = await listAuditEvents(caller.workspaceId, { limit, before: after ?? undefined });
  return json({
    data: events.map(({ detail, actorId, actorLabel, workspaceId: _workspace, ...event }) => ({ ...event, actor: { userId: actorId, label: actorLabel }, detail: detail ? JSON.parse(detail) : null })),
    nextBefore: events.length === limit ? events.at(-1)!.id : null,
  });
}
