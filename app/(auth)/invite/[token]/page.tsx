import Link from "next/link";
import { AuthCard } from "@/components/ui/form";
import { acceptInvitationAction } from "@/lib/actions/members";
import { currentUser } from "@/lib/auth/session";
import { findUserByEmail } from "@/lib/db/accounts";
import { findOpenInvitation } from "@/lib/db/members";
import { AccountForm } from "./account-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findOpenInvitation(token);
  if (!invitation) {
    return (
      <AuthCard title="Invitation not valid" subtitle="It has expired, was revoked, or was already used. Ask for a new one.">
        <Link href="/login" className="text-sm text-indigo-600 hover:underline">
          Sign in
        </Link>
      </AuthCard>
    );
  }
  const title = `Join ${invitation.workspace.name}`;
  const subtitle = `You are invited as ${invitation.role}, as ${invitation.email}.`;
  const user = await currentUser();
  if (user) {
    if (user.email.toLowerCase() !== invitation.email) {
      return (
        <AuthCard title={title} subtitle={subtitle}>
          <p className="text-sm">You are signed in as {user.email}. Sign out, then open this link again as {invitation.email}.</p>
        </AuthCard>
      );
    }
    return (
      <AuthCard title={title} subtitle={subtitle}>
        <form action={acceptInvitationAction}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
            Join {invitation.workspace.name}
          </button>
        </form>
      </AuthCard>
    );
  }
  if (await findUserByEmail(invitation.email)) {
    return (
      <AuthCard title={title} subtitle={subtitle}>
        <Link href={`/login?${new URLSearchParams({ email: invitation.email, next: `/invite/${token}` })}`} className="text-sm text-indigo-600 hover:underline">
          Sign in to accept
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} subtitle={`${subtitle} Create your account to join.`}>
      <AccountForm token={token} email={invitation.email} />
    </AuthCard>
  );
}
