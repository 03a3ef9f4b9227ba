import { z } from "zod";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Owners and admins change workspace settings: alerts, budgets, keys, members. */
export const canManageSettings = (role: Role) => role === "owner" || role === "admin";

/** Members create and manage their own API keys; owners and admins manage everyone's. */
export const canCreateKeys = (role: Role) => role !== "viewer";
export const canManageKey = (member: { role: Role; userId: string }, key: { createdById: string | null }) =>
  canManageSettings(member.role) || (canCreateKeys(member.role) && key.createdById === member.userId);

/** Viewers see dashboards but not request or response bodies. */
export const canReadBodies = (role: Role) => role !== "viewer";
