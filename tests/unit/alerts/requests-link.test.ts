import { describe, expect, it } from "vitest";
import { linkConditions, requestsLink } from "@/lib/alerts/requests-link";
import { parseRequestQuery } from "@/lib/analytics/request-query";

const WINDOW = { from: new Date("2026-11-26T00:00:00Z"), to: new Date("2026-11-26T12:00:00Z") };
const ENV = { NEXTAUTH_URL: "https://tollgate.example.com/" };

/** The Requests query a link opens, as the page reads it. */
function opened(link: string) {
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe("https://tollgate.example.com/requests");
  const parsed = parseRequestQuery(url.searchParams);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

describe("links from notices to the Requests view", () => {
  it("opens the window with the rule's filter", () => {
    const q = opened(requestsLink(linkConditions({ model: "gpt-4o", apiKeyId: "key-1" }), WINDOW, ENV));
    expect(q).toMatchObject({ from: WINDOW.from, to: WINDOW.to, model: "gpt-4o", apiKeyId: "key-1", properties: [] });
  });

  it("narrows a grouped rule to the group that fired, keeping its own property filter", () => {
    const q = opened(requestsLink(linkConditions({ property: { key: "team", value: "search" } }, "property:feature", "rerank"), WINDOW, ENV));
    expect(q.properties).toEqual([
      { key: "team", op: "eq", value: "search" },
      { key: "feature", op: "eq", value: "rerank" },
    ]);
    expect(opened(requestsLink(linkConditions({ userId: "everyone" }, "user", "alice"), WINDOW, ENV)).userId).toBe("alice");
    expect(opened(requestsLink(linkConditions(null, "model", "claude-haiku-4-5"), WINDOW, ENV)).model).toBe("claude-haiku-4-5");
  });

  it("keeps the whole rule when it is not grouped", () => {
    const q = opened(requestsLink(linkConditions(null), WINDOW, ENV));
    expect([q.properties, q.model, q.userId, q.apiKeyId]).toEqual([[], undefined, undefined, undefined]);
  });
});
