// A refused button action (delete, revoke, rotate…): back to its page, which says why, instead of
// an error page. Forms answer on their own fields; buttons have nowhere else to say it.
import { redirect } from "next/navigation";

export function refuse(page: string, message: string): never {
  redirect(`${page}?error=${encodeURIComponent(message)}`);
}
