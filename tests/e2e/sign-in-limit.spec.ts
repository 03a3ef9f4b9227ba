// Sign-in attempts are limited: after 10 failed tries for one email in 15 minutes, even the right
// password is refused with TooManyAttempts, while other accounts still sign in. Signing in
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
