import Link from "next/link";
import { ModelBar } from "@/components/users/model-bar";
import { Cell, SimpleTable } from "@/components/ui/table";
import { ShowButton, controlClass } from "@/components/ui/controls";
import { TimeFields } from "@/components/ui/time-fields";
import { type TimeSearch, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { USER_SORTS, type UserSort, userSummaries } from "@/lib/analytics/users";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "Users" };

type Search = Promise<TimeSearch & { q?: string; sort?: string }>;

export default async function UsersPage({ searchParams }: { searchParams: Search }) {
  const { workspace } = await requireMember();
  const search = await searchParams;
  const view = parseTimeView(search);
  const sort: UserSort = USER_SORTS.includes(search.sort as UserSort) ? (search.sort as UserSort) : "spend";
  const q = search.q?.trim().slice(0, 200) || undefined;
  const { users, total } = await userSummaries(workspace.id, view, { search: q, sort, limit: 100 });
  const sortLink = (s: UserSort) => `/users?${new URLSearchParams({ ...timeViewParams(view), sort: s, ...(q ? { q } : {}) }).toString()}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Users</h1>
        <form method="get" className="flex items-end gap-2" aria-label="Find users">
          <input type="hidden" name="sort" value={sort} />
          <TimeFields {...timeFieldsOf(view)} />
          <label className="text-xs text-zinc-500">
            Search
            <input name="q" type="search" defaultValue={q} placeholder="user id" className={`${controlClass} block`} />
          </label>
          <ShowButton />
        </form>
      </div>
      <p className="text-sm text-zinc-500">
        Users come from <code>Helicone-User-Id</code>, a <code>Helicone-Property-UserId</code> header, or the body&apos;s <code>user</code> field. Sort by{" "}
        {USER_SORTS.map((s, i) => (
          <span key={s}>
            {i ? " · " : ""}
            <Link href={sortLink(s)} aria-current={s === sort ? "true" : undefined} className={s === sort ? "font-semibold text-zinc-900 dark:text-zinc-100" : "text-indigo-600 underline dark:text-indigo-400"}>
              {s === "lastSeen" ? "last seen" : s}
            </Link>
          </span>
        ))}
      </p>
      {users.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No users in this time range.</p>
      ) : (
        <SimpleTable caption={total > users.length ? `The first ${formatCount(users.length)} of ${formatCount(total)} users; search to find others` : `${formatCount(total)} users`} head={["User", "Requests", "Spend", "Avg latency", "Error rate", "Models", "First seen", "Last seen"]}>
          {users.map((u) => (
            <tr key={u.userId}>
              <Cell>
                <Link href={`/users/${encodeURIComponent(u.userId)}?${new URLSearchParams(timeViewParams(view)).toString()}`} className="text-indigo-600 hover:underline">
                  {u.userId}
                </Link>
              </Cell>
              <Cell mono>{formatCount(u.requests)}</Cell>
              <Cell mono>{formatUsd(u.spendNano)}</Cell>
              <Cell mono>{formatMs(u.avgLatencyMs)}</Cell>
              <Cell mono>{formatPercent(u.errorRate)}</Cell>
              <Cell>
                <ModelBar models={u.models} />
              </Cell>
              <Cell mono>{u.firstSeen.toISOString().slice(0, 16).replace("T", " ")}</Cell>
              <Cell mono>{u.lastSeen.toISOString().slice(0, 16).replace("T", " ")}</Cell>
            </tr>
          ))}
        </SimpleTable>
      )}
    </div>
  );
}
