import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name?: string | null; email?: string | null; image?: string | null };
    /** When this session signed in (ms); sessions older than the user's sessionsValidFrom are refused. */
    signedInAt?: number;
  }
}
