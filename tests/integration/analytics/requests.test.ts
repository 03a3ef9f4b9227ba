import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRequests } from "@/lib/analytics/export";
import { isValidCursor, parseRequestQuery, toSearchParams } from "@/lib/analytics/request-query";
import { getRequest, listRequests, listRequestsBefore, requestNeighbours, rowCursor } from "@/lib/analytics/requests";
import { requestStats } from "@/lib/analytics/request-stats";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { seedDemoTraffic } from "../../../scripts/lib/demo-traffic";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const NOW = new Date("2026-11-20T12:00:00Z");
const query = (params: Record<string, string>) => {
  const parsed = parseRequestQuery(new URLSearchParams(params));
  if (!parsed.success) throw parsed.error;
  return parsed.data;
};

describe.each(DATABASE_KINDS)("request log queries on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  let other: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("a", "A", t.db)).id;
    other = (await findOrCreateWorkspace("b", "B", t.db)).id;
    await seedDemoTraffic(t.db, ws, { count: 300, now: NOW });
    await seedDemoTraffic(t.db, other, { count: 30, now: NOW, seed: 9 });
    // Some calls are unpriced (a model without a price): null cost on the request and on its
    // properties, as the log writer stores them, so every cost order meets nulls.
    const unpriced = (await t.db.request.findMany({ where: { workspaceId: ws }, select: { id: true }, orderBy: { id: "asc" } })).filter((_, i) => i % 9 === 0).map((r) => r.id);
    await t.db.request.updateMany({ where: { id: { in: unpriced } }, data: { costNanoUsd: null } });
    await t.db.requestProperty.updateMany({ where: { requestId: { in: unpriced } }, data: { costNanoUsd: null } });
  });
  afterAll(() => t?.drop());

  it("pages through everything newest first with a stable cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let previous: Date | undefined;
    do {
      const page = await listRequests(ws, query({ limit: "70", ...(cursor ? { cursor } : {}) }), t.db);
      for (const row of page.data) {
        if (previous) expect(row.createdAt <= previous).toBe(true);
        previous = row.createdAt;
        seen.push(row.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
  });

  /** Every row through the cursor, page by page, in the query's order. */
  async function pageThrough(params: Record<string, string>, limit = 37) {
    const rows: Awaited<ReturnType<typeof listRequests>>["data"] = [];
    let cursor: string | undefined;
    do {
      const page = await listRequests(ws, query({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) }), t.db);
      rows.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  }

  it.each([
    ["cost", "desc", (r: { costUsd: number | null }) => r.costUsd],
    ["cost", "asc", (r: { costUsd: number | null }) => r.costUsd],
    ["latency", "desc", (r: { latencyMs: number }) => r.latencyMs],
    ["ttft", "asc", (r: { timeToFirstTokenMs: number | null }) => r.timeToFirstTokenMs],
  ] as const)("sorts by %s %s on the server and pages in that order, nulls last, without losing a row", async (sort, dir, value) => {
    const db = await t.db.request.findMany({ where: { workspaceId: ws } });
    const rows = await pageThrough({ sort, dir });
    expect(rows).toHaveLength(db.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(db.length);
    const values = rows.map((r) => value(r as never) as number | null);
    const present = values.filter((v): v is number => v !== null);
    expect(present).toEqual([...present].sort((a, b) => (dir === "desc" ? b - a : a - b)));
    expect(values.slice(present.length).every((v) => v === null)).toBe(true);
  });

  it("sorts under filters exactly as the rows say: by index where it can, through Prisma where it cannot", async () => {
    const all = await t.db.request.findMany({ where: { workspaceId: ws }, include: { properties: true } });
    const has = (r: (typeof all)[number], key: string, value: string) => r.properties.some((p) => p.key === key && p.value === value);
    const expected = (keep: (r: (typeof all)[number]) => boolean, value: (r: (typeof all)[number]) => number | null, dir: "asc" | "desc") =>
      all
        .filter(keep)
        .sort((a, b) => {
          const [va, vb] = [value(a), value(b)];
          if (va === null || vb === null) return va === vb ? (dir === "desc" ? b.id.localeCompare(a.id) : a.id.localeCompare(b.id)) : va === null ? 1 : -1;
          return va !== vb ? (dir === "desc" ? vb - va : va - vb) : dir === "desc" ? (b.id < a.id ? -1 : 1) : a.id < b.id ? -1 : 1;
        })
        .map((r) => r.id);
    const cost = (r: (typeof all)[number]) => (r.costNanoUsd === null ? null : Number(r.costNanoUsd));
    const since = new Date(NOW.getTime() - 5 * 86_400_000);
    // Index path: property equals / not equals, status, cost range, time.
    expect((await pageThrough({ sort: "cost", "property.workflow": "research-agent", status: "success", minCostUsd: "0.001", from: since.toISOString() }, 9)).map((r) => r.id)).toEqual(
      expected((r) => has(r, "workflow", "research-agent") && r.status < 400 && (r.costNanoUsd ?? 0n) >= 1_000_000n && r.createdAt >= since, cost, "desc"),
    );
    expect((await pageThrough({ sort: "latency", dir: "asc", "propertyNot.environment": "production", userId: "user_42" }, 4)).map((r) => r.id)).toEqual(
      expected((r) => !has(r, "environment", "production") && r.userId === "user_42", (r) => r.latencyMs, "asc"),
    );
    expect((await pageThrough({ sort: "ttft", "propertyContains.step": "ar" }, 6)).map((r) => r.id)).toEqual(
      expected((r) => r.properties.some((p) => p.key === "step" && p.value.includes("ar")), (r) => r.timeToFirstTokenMs, "desc"),
    );
    // Within a property value, read in cost order from the property's cost index, unpriced last.
    expect(all.filter((r) => has(r, "workflow", "research-agent") && r.costNanoUsd === null).length).toBeGreaterThan(3);
    for (const dir of ["desc", "asc"] as const) {
      expect((await pageThrough({ sort: "cost", dir, "property.workflow": "research-agent", userId: "user_42" }, 3)).map((r) => r.id)).toEqual(expected((r) => has(r, "workflow", "research-agent") && r.userId === "user_42", cost, dir));
      expect((await pageThrough({ sort: "cost", dir, "property.workflow": "research-agent" }, 7)).map((r) => r.id)).toEqual(expected((r) => has(r, "workflow", "research-agent"), cost, dir));
    }
    // Prisma path: a model filter.
    expect((await pageThrough({ sort: "cost", dir: "asc", model: "gpt-4o-mini" }, 11)).map((r) => r.id)).toEqual(expected((r) => r.modelRequested === "gpt-4o-mini", cost, "asc"));
  });

  it("pages under a property filter the other filters mostly reject, in order, without losing or repeating a row", async () => {
    const all = await t.db.request.findMany({ where: { workspaceId: ws, status: { gte: 400 }, properties: { some: { key: "workflow", value: "research-agent" } } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(all.length).toBeGreaterThanOrEqual(5);
    const rows = await pageThrough({ "property.workflow": "research-agent", status: "error" }, 2);
    expect(rows.map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it("refuses a cursor made for another sort order", async () => {
    const page = await listRequests(ws, query({ limit: "5" }), t.db);
    expect(isValidCursor(query({ cursor: page.nextCursor!, sort: "cost" }))).toBe(false);
    expect(isValidCursor(query({ cursor: page.nextCursor! }))).toBe(true);
    expect(isValidCursor(query({ cursor: "not-a-cursor" }))).toBe(false);
  });

  it("exports every matching row, streamed page by page, as CSV and as JSON Lines", async () => {
    const filter = { "property.workflow": "research-agent" };
    const expected = (await pageThrough(filter)).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(50);
    const read = async (format: "csv" | "jsonl") => new Response(exportRequests(ws, query(filter), format, t.db)).text();

    const csv = (await read("csv")).trimEnd().split("\r\n");
    expect(csv[0]).toBe("id,created_at,status,provider,model,model_requested,user_id,prompt_tokens,completion_tokens,cached_input_tokens,cost_usd,cost_saved_usd,latency_ms,ttft_ms,cache,retries,session_id,session_path,error,properties");
    expect(csv.slice(1).map((line) => line.split(",")[0])).toEqual(expected);
    const first = (await listRequests(ws, query({ ...filter, limit: "1" }), t.db)).data[0]!;
    expect(csv[1]).toContain(`${first.id},${first.createdAt.toISOString()},${first.status},${first.provider},${first.model},`);
    expect(csv[1]!.endsWith(`,"${JSON.stringify(first.properties).replaceAll('"', '""')}"`)).toBe(true);
    expect(Object.keys(first.properties)).toEqual(["environment", "feature", "step", "workflow"]);

    const lines = (await read("jsonl")).trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string; properties: Record<string, string> });
    expect(lines.map((l) => l.id)).toEqual(expected);
    expect(lines.every((l) => l.properties.workflow === "research-agent")).toBe(true);
  });

  it("filters by model, provider, status, user, property and time, combined with AND", async () => {
    const all = await t.db.request.findMany({ where: { workspaceId: ws }, include: { properties: true } });
    const check = async (params: Record<string, string>, predicate: (r: (typeof all)[number]) => boolean) => {
      const page = await listRequests(ws, query({ limit: "1000", ...params }), t.db);
      expect(page.data.map((r) => r.id).sort()).toEqual(all.filter(predicate).map((r) => r.id).sort());
      return page.data;
    };
    await check({ model: "gpt-4o-mini" }, (r) => r.modelRequested === "gpt-4o-mini");
    await check({ provider: "anthropic" }, (r) => r.provider === "anthropic");
    await check({ status: "error" }, (r) => r.status >= 400);
    await check({ status: "429" }, (r) => r.status === 429);
    await check({ userId: "user_42" }, (r) => r.userId === "user_42");
    const since = new Date(NOW.getTime() - 3 * 86_400_000);
    const rows = await check(
      { "property.Workflow": "research-agent", "property.environment": "production", from: since.toISOString() },
      (r) => r.createdAt >= since && r.properties.some((p) => p.key === "workflow" && p.value === "research-agent") && r.properties.some((p) => p.key === "environment" && p.value === "production"),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.properties).toMatchObject({ workflow: "research-agent", environment: "production" });
  });

  it("filters by property operators, cost and latency ranges, and free text", async () => {
    const all = await t.db.request.findMany({ where: { workspaceId: ws }, include: { properties: true } });
    const ids = async (params: Record<string, string>) => (await listRequests(ws, query({ limit: "1000", ...params }), t.db)).data.map((r) => r.id).sort();
    const expected = (predicate: (r: (typeof all)[number]) => boolean) => all.filter(predicate).map((r) => r.id).sort();
    const prop = (r: (typeof all)[number], key: string) => r.properties.find((p) => p.key === key)?.value;
    expect(await ids({ "propertyNot.workflow": "support-bot" })).toEqual(expected((r) => prop(r, "workflow") !== "support-bot"));
    expect(await ids({ "propertyContains.workflow": "agent" })).toEqual(expected((r) => (prop(r, "workflow") ?? "").includes("agent")));
    expect(await ids({ minCostUsd: "0.001" })).toEqual(expected((r) => r.costNanoUsd !== null && r.costNanoUsd >= 1_000_000n));
    expect(await ids({ minLatencyMs: "1000", maxLatencyMs: "2000" })).toEqual(expected((r) => r.latencyMs >= 1000 && r.latencyMs <= 2000));
    expect(await ids({ q: "refund policy" })).toEqual(expected((r) => (r.requestBody ?? "").includes("refund policy") || (r.responseBody ?? "").includes("refund policy")));
    expect((await ids({ q: "refund policy" })).length).toBeGreaterThan(0);
  });

  it("filters by API key, in time order and sorted by cost", async () => {
    const key = await createApiKey({ workspaceId: ws, name: "filtered" }, t.db);
    const ids = (await t.db.request.findMany({ where: { workspaceId: ws }, select: { id: true }, take: 25, orderBy: { id: "asc" } })).map((r) => r.id);
    await t.db.request.updateMany({ where: { id: { in: ids } }, data: { apiKeyId: key.id } });
    for (const params of [{ apiKeyId: key.id }, { apiKeyId: key.id, sort: "cost" }] as Record<string, string>[]) {
      const rows = await pageThrough(params, 10);
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    }
    await t.db.request.updateMany({ where: { id: { in: ids } }, data: { apiKeyId: null } });
  });

  it("writes back a query string that reads the same query", () => {
    const q = query({ model: "gpt-4o", "property.Workflow": "a b", "propertyNot.step": "x", status: "error" });
    expect(parseRequestQuery(toSearchParams(q)).data).toEqual(q);
  });

  it("returns cost as an exact JSON number of dollars, and null for unpriced models", async () => {
    const id = randomUUID();
    await t.db.request.create({
      data: { id, workspaceId: ws, provider: "openai", modelRequested: "gpt-4o-mini", path: "/v1/chat/completions", status: 200, latencyMs: 5, promptTokens: 12, completionTokens: 13, costNanoUsd: 9600n, createdAt: NOW },
    });
    const unpriced = randomUUID();
    await t.db.request.create({ data: { id: unpriced, workspaceId: ws, provider: "vllm", modelRequested: "my-model", path: "/v1/chat/completions", status: 200, latencyMs: 5, createdAt: NOW } });
    const one = await getRequest(ws, id, { withBodies: true }, t.db);
    expect(one?.costUsd).toBe(0.0000096);
    expect(JSON.stringify({ costUsd: one?.costUsd })).toBe('{"costUsd":0.0000096}');
    expect(await getRequest(ws, unpriced, { withBodies: true }, t.db)).toMatchObject({ costUsd: null, unpriced: true });
  });

  it("never shows another workspace's rows, and hides bodies when asked", async () => {
    const theirs = await t.db.request.findFirstOrThrow({ where: { workspaceId: other } });
    expect(await getRequest(ws, theirs.id, { withBodies: true }, t.db)).toBeNull();
    const page = await listRequests(ws, query({ limit: "1000" }), t.db);
    expect(page.data.some((r) => r.id === theirs.id)).toBe(false);
    const mine = await t.db.request.findFirstOrThrow({ where: { workspaceId: ws, requestBody: { not: null } } });
    expect(await getRequest(ws, mine.id, { withBodies: false }, t.db)).toMatchObject({ requestBody: null, responseBody: null, bodiesHidden: true });
    const withBodies = await getRequest(ws, mine.id, { withBodies: true }, t.db);
    expect(withBodies?.requestBody).toMatchObject({ messages: expect.any(Array) });
  });

  it("rejects a limit over 1000 and a malformed date", () => {
    expect(parseRequestQuery(new URLSearchParams({ limit: "1001" })).success).toBe(false);
    expect(parseRequestQuery(new URLSearchParams({ from: "yesterday-ish" })).success).toBe(false);
  });

  it.each<Record<string, string>>([{}, { "property.workflow": "research-agent" }, { status: "error" }, { provider: "anthropic", sort: "cost" }, { userId: "nobody-at-all" }])(
    "totals exactly the rows the same filter lists: %o",
    async (params) => {
      const rows = await pageThrough(params, 100);
      const stats = await requestStats(ws, query(params), t.db);
      const priced = rows.filter((r) => r.costUsd !== null);
      const latencies = rows.map((r) => r.latencyMs).sort((a, b) => a - b);
      const lookups = rows.filter((r) => r.cacheStatus !== null);
      expect(stats).toMatchObject({
        requests: rows.length,
        unpricedRequests: rows.length - priced.length,
        promptTokens: rows.reduce((s, r) => s + (r.promptTokens ?? 0), 0),
        completionTokens: rows.reduce((s, r) => s + (r.completionTokens ?? 0), 0),
        errors: rows.filter((r) => r.status >= 400).length,
        cacheHits: rows.filter((r) => r.cacheStatus === "HIT").length,
        cacheLookups: lookups.length,
        p95LatencyMs: rows.length ? latencies[Math.ceil(0.95 * rows.length) - 1] : null,
      });
      // Exact to the nano-dollar, summed from the rows' own costs.
      const db = await t.db.request.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { costNanoUsd: true, costSavedNanoUsd: true, latencyMs: true } });
      expect(stats.spendNano).toBe(db.reduce((s, r) => s + (r.costNanoUsd ?? 0n), 0n));
      expect(stats.savedNano).toBe(db.reduce((s, r) => s + (r.costSavedNanoUsd ?? 0n), 0n));
      expect(stats.avgLatencyMs === null ? null : Math.round(stats.avgLatencyMs)).toBe(rows.length ? Math.round(db.reduce((s, r) => s + r.latencyMs, 0) / rows.length) : null);
    },
  );

  it.each<Record<string, string>>([{}, { sort: "cost" }, { sort: "cost", dir: "asc" }, { sort: "ttft" }, { sort: "latency", dir: "asc" }, { "property.workflow": "research-agent" }, { "property.workflow": "research-agent", sort: "cost" }])("pages back from any page to the one before it, and finds each row's neighbours: %o", async (params) => {
    const all = await pageThrough(params, 1000);
    const q = query({ ...params, limit: "20" });
    const second = await listRequests(ws, { ...q, cursor: (await listRequests(ws, q, t.db)).nextCursor! }, t.db);
    const back = await listRequestsBefore(ws, q, rowCursor(q.sort, second.data[0]!), t.db);
    expect(back.data.map((r) => r.id)).toEqual(all.slice(0, 20).map((r) => r.id));
    expect(back.previousCursor).toBeNull();
    // Around the first unpriced or untimed row too, where nulls begin.
    const firstNull = all.findIndex((r) => (q.sort === "cost" && r.costUsd === null) || (q.sort === "ttft" && r.timeToFirstTokenMs === null));
    for (const i of [0, 7, all.length - 1, ...(firstNull > 0 ? [firstNull - 1, firstNull] : [])]) {
      const { previous, next } = await requestNeighbours(ws, q, all[i]!.id, t.db);
      expect([previous, next]).toEqual([all[i - 1]?.id ?? null, all[i + 1]?.id ?? null]);
    }
  });
});
