import Link from "next/link";
import type { ReactNode } from "react";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { WorkspaceSwitcher } from "./workspace-switcher";

export function Shell({ workspace, email, workspaces, notice, children }: { workspace: { id: string; name: string }; email: string; workspaces: { id: string; name: string }[]; notice?: ReactNode; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only z-50 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3">
        Skip to content
      </a>
      <aside className="hidden w-56 shrink-0 border-r border-zinc-200 bg-white px-4 py-6 md:block dark:border-zinc-800 dark:bg-zinc-900">
        <p className="px-2 text-lg font-semibold text-indigo-600">Tollgate</p>
        <p className="mt-1 truncate px-2 text-xs text-zinc-500">{workspace.name}</p>
        <div className="mt-6">
          <NavLinks />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-zinc-200 bg-white px-4 py-3 md:px-6 dark:border-zinc-800 dark:bg-zinc-900">
          <div className="mr-auto md:hidden">
            <MobileNav workspaceName={workspace.name} />
          </div>
          <WorkspaceSwitcher workspaces={workspaces} currentId={workspace.id} />
          <Link href="/account" className="hidden truncate text-sm text-zinc-500 hover:text-indigo-600 sm:inline" title="Your account">
            {email}
          </Link>
          <SignOutButton />
        </header>
        {notice}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
