// Tokens sent in links (invitations, password resets): random, and stored only as a SHA-256, so a
// copy of the database cannot be used to follow them.
import { createHash, randomBytes } from "node:crypto";

export const newToken = () => randomBytes(24).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
