// Sign-in attempts are limited: after 10 failed tries for one email from one address in 15
// minutes, even the right password is refused there with TooManyAttempts, while other accounts
// still sign in. The real owner signing in from another address is not locked out by someone
// else's failures (only slowed once the email has failed 20 times from anywhere). Signing in
// successfully does not count, so a user on many devices is never locked out. 50 failures from
// one client address lock it out, whatever X-Forwarded-For it sends. Without SMTP,
// "forgot password" says how an admin sets a new one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { loginCookie, signInResponse } from "../support/session-login";
import { callServerAction, formOf, serverAction } from "./support/server-actions";

describe("sign-in attempt limit", () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    const passwordHash = await hashPassword("correct-horse-9");
    for (const email of ["target@example.com", "bystander@example.com"]) await createUserWithMembership({ email, passwordHash, workspaceSlug: "default", role: "member" }, h.t.db);
  });
  afterAll(() => h?.stop());

  /** One credentials sign-in; the redirect says whether it worked and why not. */
  const attempt = async (email: string, password: string) => (await signInResponse(h.url, email, password)).headers.get("location") ?? "";

  it("refuses the 11th attempt for an email, even with the right password", async () => {
    for (let i = 0; i < 10; i++) expect(await attempt("target@example.com", `wrong-password-${i}`)).toContain("error=CredentialsSignin");
    expect(await attempt("target@example.com", "correct-horse-9")).toContain("error=TooManyAttempts");
    expect(await loginCookie(h.url, "bystander@example.com", "correct-horse-9")).toMatch(/session-token=/);
  });

  it("does not count successful sign-ins", async () => {
    for (let i = 0; i < 15; i++) expect(await attempt("bystander@example.com", "correct-horse-9")).not.toContain("error=");
    expect(await attempt("bystander@example.com", "wrong-password")).toContain("error=CredentialsSignin");
  });

  it("says how to get a new password when the server cannot send the reset email", async () => {
    const answer = await callServerAction(h.url, serverAction("lib/actions/password-reset.ts#requestPasswordReset"), [{}, formOf({ email: "target@example.com" })]);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("npm run tollgate -- user password");
    expect(await h.t.db.passwordReset.count()).toBe(0);
  });

  // Last: it uses up this address's budget.
  it("counts failures per client address, whatever X-Forwarded-For the client sends", async () => {
    const spray = (i: number, password = "wrong-password") =>
      signInResponse(h.url, `sprayed-${i}@example.com`, password, { headers: { "x-forwarded-for": `198.51.100.${i % 250}` } }).then((r) => r.headers.get("location") ?? "");
    let failed = 0;
    while (failed < 60 && (await spray(failed)).includes("error=CredentialsSignin")) failed++;
    // This address already failed 11 times above (10 for target@, 1 for bystander@): 50 in all.
    expect(failed + 11).toBe(50);
    expect(await spray(failed)).toContain("error=TooManyAttempts");
    // Even a right password, for an account never tried, from this address.
    expect(await attempt("bystander@example.com", "correct-horse-9")).toContain("error=TooManyAttempts");
  });
});

describe("sign-in limits behind a proxy: nobody locks the owner out", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    // One trusted proxy: the address it appends to X-Forwarded-For is the client's.
    h = await startGatewayHarness("server", "sqlite", { TOLLGATE_TRUSTED_PROXIES: "1" });
    await createUserWithMembership({ email: "owner@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
  });
  afterAll(() => h?.stop());

  const from = async (address: string, password: string) =>
    (await signInResponse(h.url, "owner@example.com", password, { headers: { "x-forwarded-for": address } })).headers.get("location") ?? "";

  it("locks the attacker's address for that email, not the owner's", async () => {
    for (let i = 0; i < 10; i++) expect(await from("198.51.100.7", `guess-${i}`)).toContain("error=CredentialsSignin");
    expect(await from("198.51.100.7", "correct-horse-9")).toContain("error=TooManyAttempts");
    expect(await from("203.0.113.9", "correct-horse-9")).not.toContain("error=");
  });

  it("only slows the owner down when the email fails from many addresses", async () => {
    for (let i = 0; i < 12; i++) await from(`198.51.100.${20 + i}`, "guess"); // 22 failures in all with the 10 above
    const started = Date.now();
    expect(await from("203.0.113.10", "correct-horse-9")).not.toContain("error=");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

