// The header's workspace switcher: a plain form (works without JavaScript) posting to a server
// action that checks membership and remembers the choice in a cookie, and the way to a new one.
import Link from "next/link";
import { switchWorkspace } from "@/lib/actions/members";
import { controlClass } from "@/components/ui/controls";

export function WorkspaceSwitcher({ workspaces, currentId }: { workspaces: { id: string; name: string }[]; currentId: string }) {
  return (
    <div className="flex items-center gap-2">
      {workspaces.length > 1 ? (
        <form action={switchWorkspace} className="flex items-center gap-2" aria-label="Switch workspace">
          <select name="workspaceId" defaultValue={currentId} aria-label="Workspace" className={controlClass}>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
          <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            Switch
          </button>
        </form>
      ) : null}
      <Link href="/workspaces/new" className="text-xs text-zinc-500 hover:text-indigo-600" title="Create a workspace">
        + New workspace
      </Link>
    </div>
  );
}
