// GET /api/v1/alerts/events – fired, resolved, test and budget events, newest first, each with
// what it said and every channel's delivery outcome. ?alertId= or ?budgetId= narrows;
// ?before=<event id> pages on.
import { z } from "zod";
import { maskUrl } from "@/lib/alerts/rules";
import { settingsCaller } from "@/lib/api/settings-access";
import { canManageSettings } from "@/lib/auth/roles";
import { invalidQuery, json } from "@/lib/api/responses";
import { findAlertEvent, listAlertEvents } from "@/lib/db/alert-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({
  alertId: z.string().max(100).optional(),
  budgetId: z.string().max(100).optional(),
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function GET(request: Request) {
  const caller = await settingsCaller(request, "read");
  if (caller instanceof Response) return caller;
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return invalidQuery(query.error);
  const { alertId, budgetId, before, limit } = query.data;
  const manager = canManageSettings(caller.role);
  const after = before ? await findAlertEvent(caller.workspaceId, before) : null;
  const events = await listAlertEvents(caller.workspaceId, { alertRuleId: alertId, budgetId, limit, before: after ?? undefined });
  return json({
    data: events.map(({ detail, alertRule, deliveries, ...event }) => ({
      ...event,
      alertName: alertRule?.name ?? null,
      notice: detail ? JSON.parse(detail) : null,
      deliveries: manager ? deliveries : deliveries.map((d) => (d.channel === "email" ? d : { ...d, target: maskUrl(d.target) })),
    })),
    nextBefore: events.length === limit ? events.at(-1)!.id : null,
  });
}
