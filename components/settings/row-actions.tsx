// Enable, disable and delete buttons for an alert or budget row: plain forms posting to a server
// action, so they work before the page's JavaScript has loaded.
import Link from "next/link";
import { changeSetting } from "@/lib/actions/alerts";

const button = "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function RowActions({ kind, id, name, enabled, editHref }: { kind: "alert" | "budget"; id: string; name: string; enabled: boolean; editHref: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={editHref} className={button} aria-label={`Edit ${name}`}>
        Edit
      </Link>
      <form action={changeSetting}>
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" name="change" value={enabled ? "disable" : "enable"} className={button} aria-label={`${enabled ? "Disable" : "Enable"} ${name}`}>
          {enabled ? "Disable" : "Enable"}
        </button>
      </form>
      {/* Deleting asks once more, without needing JavaScript. */}
      <details className="relative">
        <summary className={`${button} cursor-pointer list-none text-red-600`} aria-label={`Delete ${name}`}>
          Delete
        </summary>
        <form action={changeSetting} className="absolute right-0 z-10 mt-1 w-48 rounded-md border border-zinc-200 bg-white p-2 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900">
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <p className="mb-2">Delete “{name}” for good?</p>
          <button type="submit" name="change" value="delete" className="rounded-md bg-red-600 px-2 py-1 font-medium text-white hover:bg-red-500">
            Delete {kind}
          </button>
        </form>
      </details>
    </div>
  );
}
