import Link from "next/link";
import type { ReactNode } from "react";
import { NAV_ITEMS } from "./nav";
import { SignOutButton } from "./sign-out-button";
import { WorkspaceSwitcher } from "./workspace-switcher";

export function Shell({ workspace, email, workspaces, notice, children }: { workspace: { id: string; name: string }; email: string; workspaces: { id: string; name: string }[]; notice?: ReactNode; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-56 shrink-0 border-r border-zinc-200 bg-white px-4 py-6 md:block dark:border-zinc-800 dark:bg-zinc-900">
        <p className="px-2 text-lg font-semibold text-indigo-600">Tollgate</p>
        <p className="mt-1 truncate px-2 text-xs text-zinc-500">{workspace.name}</p>
        <nav className="mt-6 space-y-1" aria-label="Main">
          {NAV_ITEMS.map((item) => (
            <Link key={item.href} href={item.href} className="block rounded-md px-2 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
              {item.label}
            </Link>
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-zinc-200 bg-white px-6 py-3 dark:border-zinc-800 dark:bg-zinc-900">
          <WorkspaceSwitcher workspaces={workspaces} currentId={workspace.id} />
          <Link href="/account" className="text-sm text-zinc-500 hover:text-indigo-600" title="Your account">
            {email}
          </Link>
          <SignOutButton />
        </header>
        {notice}
        <main className="flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
