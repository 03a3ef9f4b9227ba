import { z } from "zod";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Viewers see dashboards but not request or response bodies. */
export const canReadBodies = (role: Role) => role !== "viewer";
