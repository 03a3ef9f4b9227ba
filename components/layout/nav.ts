/** The dashboard's navigation. Add a page here when it exists. */
export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/requests", label: "Requests" },
  { href: "/cost", label: "Cost" },
  { href: "/users", label: "Users" },
  { href: "/properties", label: "Properties" },
  { href: "/sessions", label: "Sessions" },
  { href: "/rate-limits", label: "Rate limits" },
  { href: "/settings/alerts", label: "Settings" },
] as const;
