"use client";
// Invite by email: the link is always shown for copying, and also mailed when SMTP is set up.
import { useActionState } from "react";
import { type InviteState, inviteMember } from "@/lib/actions/members";
import { Field, Select, SubmitButton, TextInput } from "@/components/ui/form";

export function InviteForm() {
  const [state, action, pending] = useActionState<InviteState, FormData>(inviteMember, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  return (
    <form key={state.link ?? JSON.stringify(v)} action={action} noValidate aria-label="Invite a member" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-lg font-semibold">Invite someone</h2>
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      {state.link ? (
        <div role="status" aria-label="Invitation link" className="space-y-1 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          <p>{state.emailed ? `Invitation mailed to ${state.emailed}. The link also works when shared directly:` : state.emailError ? `The email could not be sent (${state.emailError}). Share this link instead:` : "Share this link with them (valid for 7 days):"}</p>
          <code className="block break-all text-xs" data-testid="invitation-link">
            {state.link}
          </code>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Email" error={e.email}>
          <TextInput name="email" type="email" defaultValue={v.email ?? ""} invalid={!!e.email} placeholder="teammate@example.com" />
        </Field>
        <Field label="Role" error={e.role}>
          <Select
            name="role"
            defaultValue={v.role || "member"}
            options={[
              { value: "admin", label: "Admin: manages everything" },
              { value: "member", label: "Member: reads everything, manages own keys" },
              { value: "viewer", label: "Viewer: dashboards, no bodies" },
            ]}
          />
        </Field>
      </div>
      <div className="w-40">
        <SubmitButton pending={pending}>{pending ? "Inviting…" : "Invite"}</SubmitButton>
      </div>
    </form>
  );
}
