import { redirect } from "next/navigation";
import { AuthCard } from "@/components/ui/form";
import { currentMember } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/db/accounts";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

type Search = Promise<{ email?: string; error?: string; setup?: string; next?: string }>;

/** Only paths on this site are followed after sign-in. */
const safeNext = (next: string | undefined) => (next && next.startsWith("/") && !next.startsWith("//") ? next : "/");

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const { email, error, setup, next } = await searchParams;
  if (await currentMember()) redirect(safeNext(next));
  const { GITHUB_ID, GITHUB_SECRET } = env();
  return (
    <AuthCard title="Sign in" subtitle={setup === "done" || setup === "invited" ? "Your account is ready. Sign in to continue." : undefined}>
      <LoginForm email={email} initialError={error} github={Boolean(GITHUB_ID && GITHUB_SECRET)} next={safeNext(next)} />
    </AuthCard>
  );
}
