import Link from "next/link";
import { AuthCard } from "@/components/ui/form";
import { findOpenPasswordReset } from "@/lib/db/password-resets";
import { ResetForm } from "./reset-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "New password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findOpenPasswordReset(token);
  if (!reset) {
    return (
      <AuthCard title="Link not valid" subtitle="It has expired, or was already used. Ask for a new one.">
        <Link href="/forgot-password" className="text-sm text-indigo-600 hover:underline">
          Reset your password
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" subtitle={`For ${reset.user.email}. Every session of the account is signed out.`}>
      <ResetForm token={token} />
    </AuthCard>
  );
}
