"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  NoAccount: "No Tollgate account uses that GitHub email. Ask an admin to invite you.",
  TooManyAttempts: "Too many sign-in attempts for this account. Wait 15 minutes and try again.",
};

export function LoginForm({ email, initialError, github, next = "/" }: { email?: string; initialError?: string; github: boolean; next?: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError ? (ERRORS[initialError] ?? "Sign-in failed.") : "");
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    setPending(false);
    if (result?.ok) {
      router.replace(next);
      router.refresh();
    } else {
      setError(ERRORS[result?.error ?? ""] ?? "Wrong email or password.");
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4">
        {error ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
        <Field label="Email">
          <TextInput name="email" type="email" autoComplete="email" required defaultValue={email} />
        </Field>
        <Field label="Password">
          <TextInput name="password" type="password" autoComplete="current-password" required />
        </Field>
        <SubmitButton pending={pending}>{pending ? "Signing in…" : "Sign in"}</SubmitButton>
      </form>
      <Link href="/forgot-password" className="block text-sm text-indigo-600 hover:underline">
        Forgot your password?
      </Link>
      {github ? (
        <button
          type="button"
          onClick={() => signIn("github", { callbackUrl: "/" })}
          className="w-full rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Sign in with GitHub
        </button>
      ) : null}
    </div>
  );
}
