import { PasswordForm } from "@/components/account/password-form";
import { signOutEverywhereAction } from "@/lib/actions/account";
import { requireMember } from "@/lib/auth/session";
import { findUserByEmail, listMemberships } from "@/lib/db/accounts";

export const metadata = { title: "Account" };

const section = "space-y-3 rounded-lg border border-zinc-200 bg-white p-5 text-sm dark:border-zinc-800 dark:bg-zinc-900";

export default async function AccountPage() {
  const { userId, email } = await requireMember();
  const [account, memberships] = await Promise.all([findUserByEmail(email), listMemberships(userId)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Account</h1>
        <p className="text-sm text-zinc-500">
          {email}
          {account?.githubId ? " · linked to GitHub" : ""} · {memberships.map((m) => `${m.workspace.name} (${m.role})`).join(", ")}
        </p>
      </div>
      <section className={section} aria-label="Password">
        <h2 className="font-semibold">Password</h2>
        {account?.passwordHash ? (
          <>
            <p className="text-zinc-500">Changing it signs you out everywhere, here too: sign in again with the new one.</p>
            <PasswordForm />
          </>
        ) : (
          <p className="text-zinc-500">You sign in with GitHub; this account has no password.</p>
        )}
      </section>
      <section className={section} aria-label="Sessions">
        <h2 className="font-semibold">Sessions</h2>
        <p className="text-zinc-500">Signed in on a computer you no longer use, or lost a device? End every session of this account at once, this one included. API keys are not affected: revoke them under Settings → API keys.</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
