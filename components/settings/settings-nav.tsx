import Link from "next/link";

const TABS = [
  { href: "/settings/workspace", label: "Workspace" },
  { href: "/settings/alerts", label: "Alerts" },
  { href: "/settings/alerts/history", label: "Alert history" },
  { href: "/settings/budgets", label: "Budgets" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/keys", label: "API keys" },
  { href: "/settings/providers", label: "Providers" },
  { href: "/settings/pricing", label: "Pricing" },
  { href: "/settings/retention", label: "Retention" },
  { href: "/settings/log", label: "Request log" },
  { href: "/settings/audit", label: "Audit log" },
];

export function SettingsNav({ current }: { current: string }) {
  return (
    <nav aria-label="Settings" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab.href === current ? "border-indigo-600 text-indigo-600" : "border-transparent text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
