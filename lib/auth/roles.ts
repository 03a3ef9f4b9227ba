import { z } from "zod";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Owners and admins change workspace settings: alerts, budgets, keys, members. */
export const canManageSettings = (role: Role) => role === "owner" || role === "admin";

/** Viewers see dashboards but not request or response bodies. */
export const canReadBodies = (role: Role) => role !== "viewer";
