"use server";
// Creates the first account and its workspace on an empty database (the /setup page).
import { redirect } from "next/navigation";
import { z } from "zod";
import { DEFAULT_WORKSPACE_SLUG, createUserWithMembership, hasAnyUser } from "../db/accounts";
import { hashPassword, newPasswordSchema } from "../auth/passwords";

const setupSchema = z.object({
  name: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  email: z.email("Enter a valid email address.").max(320, "Use at most 320 characters."),
  password: newPasswordSchema,
  workspaceName: z.string().trim().min(1, "Name the workspace.").max(100, "Use at most 100 characters."),
});

export type SetupState = { errors?: Partial<Record<keyof z.infer<typeof setupSchema> | "form", string>>; values?: Record<string, string> };

export async function setUpOwner(_prev: SetupState, form: FormData): Promise<SetupState> {
  const values = Object.fromEntries(["name", "email", "workspaceName"].map((k) => [k, String(form.get(k) ?? "")]));
  const parsed = setupSchema.safeParse({ ...values, password: String(form.get("password") ?? "") });
  if (!parsed.success) {
    const errors: SetupState["errors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof NonNullable<SetupState["errors"]>;
      errors[field] ??= issue.message;
    }
    return { errors, values };
  }
  if (await hasAnyUser()) return { errors: { form: "Tollgate is already set up. Sign in instead." }, values };

  await createUserWithMembership({
    email: parsed.data.email,
    name: parsed.data.name || undefined,
    passwordHash: await hashPassword(parsed.data.password),
    workspaceSlug: DEFAULT_WORKSPACE_SLUG,
    workspaceName: parsed.data.workspaceName,
    role: "owner",
  });
  redirect(`/login?setup=done&email=${encodeURIComponent(parsed.data.email)}`);
}
