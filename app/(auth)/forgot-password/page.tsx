import Link from "next/link";
import { AuthCard } from "@/components/ui/form";
import { ForgotForm } from "./forgot-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <AuthCard title="Forgot your password?" subtitle="We email you a link to choose a new one.">
      <ForgotForm email={email} />
      <Link href="/login" className="text-sm text-indigo-600 hover:underline">
        ← Back to sign in
      </Link>
    </AuthCard>
  );
}
