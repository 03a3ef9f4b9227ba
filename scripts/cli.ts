// Tollgate's command line, for automation: `npm run tollgate -- <command> [flags]`.
import "./lib/load-env";
import { parseArgs } from "node:util";
import { z } from "zod";
import { newPasswordSchema, hashPassword } from "../lib/auth/passwords";
import { roleSchema } from "../lib/auth/roles";
import { db } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { DEFAULT_WORKSPACE_SLUG, createUserWithMembership, findUserByEmail, findWorkspaceBySlug, setPassword } from "../lib/db/accounts";
import { createApiKey, listApiKeys, revokeApiKey } from "../lib/db/api-keys";

const USAGE = `usage: npm run tollgate -- <command> [flags]

  user create   --email E --password P [--name N] [--workspace SLUG] [--role owner|admin|member|viewer]
  user password --email E --password P     sets a new password and signs the user out everywhere
  key create  --workspace SLUG --name N [--expires-days D]   prints the new key once
  key list    --workspace SLUG
  key revoke  --workspace SLUG (--prefix tg_xxxxxxxx | --id ID)

The workspace defaults to "${DEFAULT_WORKSPACE_SLUG}" where it is optional.`;

class UsageError extends Error {}

const OPTIONS = {
  email: { type: "string" },
  password: { type: "string" },
  name: { type: "string" },
  workspace: { type: "string" },
  role: { type: "string" },
  prefix: { type: "string" },
  id: { type: "string" },
  "expires-days": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function required(flags: Flags, name: "email" | "password" | "name" | "workspace"): string {
  const value = flags[name];
  if (!value) throw new UsageError(`missing --${name}`);
  return value;
}

async function workspaceId(slug: string): Promise<string> {
  const workspace = await findWorkspaceBySlug(slug);
  if (!workspace) throw new Error(`no workspace "${slug}"`);
  return workspace.id;
}

async function userCreate(flags: Flags) {
  const email = z.email("not a valid email address").parse(required(flags, "email"));
  const password = newPasswordSchema.parse(required(flags, "password"));
  const slug = flags.workspace ?? DEFAULT_WORKSPACE_SLUG;
  const existing = await findWorkspaceBySlug(slug);
  // The first person in a workspace owns it; later ones are members unless told otherwise.
  const role = roleSchema.parse(flags.role ?? (existing ? "member" : "owner"));
  const { user, workspace } = await createUserWithMembership({
    email,
    passwordHash: await hashPassword(password),
    name: flags.name,
    workspaceSlug: slug,
    workspaceName: slug === DEFAULT_WORKSPACE_SLUG ? "Default" : slug,
    role,
  });
  console.log(`created user ${user.email} (${role} of workspace ${workspace.slug})`);
}

/** For an owner locked out of their account: there is no emailed reset (yet). */
async function userPassword(flags: Flags) {
  const user = await findUserByEmail(required(flags, "email"));
  if (!user) throw new Error(`no user ${flags.email}`);
  await setPassword(user.id, await hashPassword(newPasswordSchema.parse(required(flags, "password"))), new Date());
  console.log(`new password set for ${user.email}; their sessions are signed out`);
}

async function keyCreate(flags: Flags) {
  const name = required(flags, "name");
  const days = flags["expires-days"] ? z.coerce.number().int().positive().parse(flags["expires-days"]) : undefined;
  const key = await createApiKey({
    workspaceId: await workspaceId(required(flags, "workspace")),
    name,
    expiresAt: days ? new Date(Date.now() + days * 86_400_000) : undefined,
  });
  console.log(key.secret);
  console.error(`created key "${name}" (${key.prefix}…). Store it now: it is not shown again.`);
}

async function keyList(flags: Flags) {
  const keys = await listApiKeys(await workspaceId(flags.workspace ?? DEFAULT_WORKSPACE_SLUG));
  for (const k of keys) {
    const state = k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt < new Date() ? "expired" : "active";
    console.log(`${k.prefix}…\t${k.id}\t${state}\t${k.name}\tlast used ${k.lastUsedAt?.toISOString() ?? "never"}`);
  }
}

async function keyRevoke(flags: Flags) {
  const target = flags.prefix ?? flags.id;
  if (!target) throw new UsageError("missing --prefix or --id");
  const count = await revokeApiKey(await workspaceId(required(flags, "workspace")), target);
  if (count === 0) throw new Error(`no active key matches ${target}`);
  console.log(`revoked ${count} key${count === 1 ? "" : "s"}`);
}

const COMMANDS: Record<string, (flags: Flags) => Promise<void>> = {
  "user create": userCreate,
  "user password": userPassword,
  "key create": keyCreate,
  "key list": keyList,
  "key revoke": keyRevoke,
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const command = COMMANDS[parsed.positionals.slice(0, 2).join(" ")];
  if (parsed.values.help || !command) {
    console.error(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  try {
    await migrate();
    await command(parsed.values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    const message = error instanceof z.ZodError ? error.issues.map((i) => i.message).join(" ") : (error as Error).message;
    console.error(`error: ${message}`);
    return 1;
  } finally {
    await db().$disconnect();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
