import { describe, expect, it } from "vitest";
import { redactUrl, resolveDatabase } from "@/lib/db/url";

describe("resolveDatabase", () => {
  it("defaults to the SQLite file under ./data", () => {
    expect(resolveDatabase("")).toEqual({ kind: "sqlite", file: "./data/tollgate.db", url: "file:./data/tollgate.db" });
  });

  it("accepts file: paths and both postgres schemes", () => {
    expect(resolveDatabase("file:/var/lib/tollgate/x.db")).toMatchObject({ kind: "sqlite", file: "/var/lib/tollgate/x.db" });
    expect(resolveDatabase("postgres://u:p@db:5432/t").kind).toBe("postgres");
    expect(resolveDatabase("postgresql://db/t").kind).toBe("postgres");
  });

  it("rejects other schemes without echoing the URL", () => {
    expect(() => resolveDatabase("mysql://root:hunter2@db/x")).toThrow(/file: or postgres/);
    expect(() => resolveDatabase("mysql://root:hunter2@db/x")).not.toThrow(/hunter2/);
  });
});

describe("redactUrl", () => {
  it("hides the password", () => {
    expect(redactUrl("postgres://tollgate:s3cret@db:5432/t")).toBe("postgres://tollgate:***@db:5432/t");
    expect(redactUrl("postgres://db:5432/t")).toBe("postgres://db:5432/t");
  });
});
