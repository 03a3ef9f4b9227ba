import { redirect } from "next/navigation";
import { AuthCard } from "@/components/ui/form";
import { hasAnyUser } from "@/lib/db/accounts";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  return (
    <AuthCard title="Set up Tollgate" subtitle="Create the owner account and your first workspace.">
      <SetupForm />
    </AuthCard>
  );
}
