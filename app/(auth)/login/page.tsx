import { redirect } from "next/navigation";
import { AuthCard } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/db/accounts";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

type Search = Promise<{ email?: string; error?: string; setup?: string; next?: string; signedOut?: string }>;

const SUBTITLES: Record<string, string> = {
  done: "Your account is ready. Sign in to continue.",
  invited: "Your account is ready. Sign in to continue.",
  "password-changed": "Your password was changed, and every session signed out. Sign in with the new one.",
  everywhere: "You were signed out on every device. Sign in again to continue.",
};

/** Only paths on this site are followed after sign-in. */
const safeNext = (next: string | undefined) => (next && next.startsWith("/") && !next.startsWith("//") ? next : "/");

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const { email, error, setup, next, signedOut } = await searchParams;
  if (await currentUser()) redirect(safeNext(next));
  const { GITHUB_ID, GITHUB_SECRET } = env();
  return (
    <AuthCard title="Sign in" subtitle={SUBTITLES[signedOut ?? setup ?? ""]}>
      <LoginForm email={email} initialError={error} github={Boolean(GITHUB_ID && GITHUB_SECRET)} next={safeNext(next)} />
    </AuthCard>
  );
}
