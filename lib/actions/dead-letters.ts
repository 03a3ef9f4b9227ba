"use server";
// Settings → Request log: rows the database refused (dead letters) are queued again, one or all,
// once their cause is fixed, or discarded. Owners and admins only; audited.
import { revalidatePath } from "next/cache";
import { currentManager } from "../auth/session";
import { actorOf, recordAudit } from "../db/audit";
import { discardDeadLetter, takeDeadLetters } from "../db/dead-letters";
import { gateway } from "../gateway/runtime";
import { refuse } from "./refuse";

const PAGE = "/settings/log";

export async function retryDeadLettersAction(form: FormData): Promise<void> {
  const member = await currentManager();
  if (!member) refuse(PAGE, "Only workspace owners and admins can retry refused log rows.");
  const id = String(form.get("id") ?? "");
  const rows = await takeDeadLetters(member.workspace.id, id ? [id] : null);
  const log = gateway().deps.log;
  for (const row of rows) log.enqueue(row);
  await log.idle(5_000);
  await recordAudit(member.workspace.id, actorOf(member), { action: "log.dead_letters_retried", target: id ? `dead letter ${id}` : "all dead letters", detail: { rows: rows.length } });
  revalidatePath(PAGE);
}

export async function discardDeadLetterAction(form: FormData): Promise<void> {
  const member = await currentManager();
  if (!member) refuse(PAGE, "Only workspace owners and admins can discard refused log rows.");
  const id = String(form.get("id") ?? "");
  const { count } = await discardDeadLetter(member.workspace.id, id);
  if (count === 0) return;
  await recordAudit(member.workspace.id, actorOf(member), { action: "log.dead_letter_discarded", target: `dead letter ${id}` });
  revalidatePath(PAGE);
}
