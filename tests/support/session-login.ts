// Signs in through next-auth's credentials flow over plain HTTP, for tests and benchmarks that
// fetch dashboard pages without a browser.
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/**
 * One credentials sign-in, answered with next-auth's redirect and cookies. Without the CSRF token
 * it is the request a forged cross-site form would send.
 */
export async function signInResponse(baseUrl: string, email: string, password: string, { withCsrfToken = true, headers = {} as Record<string, string> } = {}): Promise<Response> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrfResponse).join("; "), ...headers },
    body: new URLSearchParams({ ...(withCsrfToken ? { csrfToken } : {}), email, password, callbackUrl: `${baseUrl}/` }).toString(),
  });
}

/** The session cookie ("name=value") of a successful sign-in. */
export async function loginCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await signInResponse(baseUrl, email, password);
  const session = cookiesOf(response).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed with ${response.status}`);
  return session;
}
