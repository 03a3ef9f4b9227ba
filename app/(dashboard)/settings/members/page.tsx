import { InviteForm } from "@/components/settings/invite-form";
import { Refusal } from "@/components/settings/refusal";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Cell, SimpleTable } from "@/components/ui/table";
import { controlClass } from "@/components/ui/controls";
import { changeMember, revokeInvitationAction } from "@/lib/actions/members";
import { ROLES, canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { listMembers, listPendingInvitations } from "@/lib/db/members";

export const metadata = { title: "Members" };

export default async function MembersPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const me = await requireMember();
  const manager = canManageSettings(me.role);
  const { error } = await searchParams;
  const [members, invitations] = await Promise.all([listMembers(me.workspace.id), manager ? listPendingInvitations(me.workspace.id) : Promise.resolve([])]);
  // Only owners may grant or take away ownership.
  const roleChoices = ROLES.filter((r) => me.role === "owner" || r !== "owner");

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Members</h1>
        <p className="text-sm text-zinc-500">Owners and admins manage everything; members read everything and manage their own keys; viewers see dashboards but not prompts and responses.</p>
      </div>
      <SettingsNav current="/settings/members" />
      <Refusal message={error} />
      <SimpleTable caption={`${members.length} member${members.length === 1 ? "" : "s"}`} head={["Email", "Name", "Role", "Since", ...(manager ? [""] : [])]}>
        {members.map((m) => {
          const editable = manager && (me.role === "owner" || m.role !== "owner");
          return (
            <tr key={m.id}>
              <Cell>{m.user.email}</Cell>
              <Cell>{m.user.name ?? "—"}</Cell>
              <td className="px-4 py-2">
                {editable ? (
                  <form action={changeMember} className="flex items-center gap-2">
                    <input type="hidden" name="userId" value={m.userId} />
                    <select name="role" defaultValue={m.role} aria-label={`Role of ${m.user.email}`} className={controlClass}>
                      {roleChoices.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="submit" name="change" value="role" className="text-xs text-indigo-600 hover:underline" aria-label={`Save the role of ${m.user.email}`}>
                      Save
                    </button>
                  </form>
                ) : (
                  m.role
                )}
              </td>
              <Cell>{m.createdAt.toISOString().slice(0, 10)}</Cell>
              {manager ? (
                <td className="px-4 py-2">
                  {editable && m.userId !== me.userId ? (
                    <form action={changeMember}>
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" name="change" value="remove" className="text-xs text-red-600 hover:underline" aria-label={`Remove ${m.user.email}`}>
                        Remove
                      </button>
                    </form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          );
        })}
      </SimpleTable>
      {invitations.length > 0 ? (
        <SimpleTable caption="Pending invitations" head={["Email", "Role", "Expires", ""]}>
          {invitations.map((i) => (
            <tr key={i.id}>
              <Cell>{i.email}</Cell>
              <Cell>{i.role}</Cell>
              <Cell>{i.expiresAt.toISOString().slice(0, 10)}</Cell>
              <td className="px-4 py-2">
                <form action={revokeInvitationAction}>
                  <input type="hidden" name="id" value={i.id} />
                  <input type="hidden" name="email" value={i.email} />
                  <button type="submit" className="text-xs text-red-600 hover:underline" aria-label={`Revoke the invitation of ${i.email}`}>
                    Revoke
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </SimpleTable>
      ) : null}
      {manager ? <InviteForm /> : null}
    </div>
  );
}
