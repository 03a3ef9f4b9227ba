// Server actions called over HTTP exactly as the browser calls them: the action's id from the
// production build's manifest in the `Next-Action` header, and the arguments in React's own
// reply encoding. For tests of role rules and CSRF that must not depend on what a page shows.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (args: unknown[]) => Promise<FormData | string>;
};

export interface ServerAction {
  id: string;
  /** file#export, e.g. lib/actions/keys.ts#createKeyAction */
  name: string;
  /** A page that carries the action: the request must be posted to one. */
  page: string;
}

const routeOf = (worker: string) =>
  `/${worker.replace(/^app\//, "").replace(/\/page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/")}`.replace(/\/$/, "") || "/";

/** Every server action of the last `next build`. */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, action]) => {
    const pages = Object.keys(action.workers).map(routeOf);
    return { id, name: `${action.filename}#${action.exportedName}`, page: pages.find((p) => !p.includes("[")) ?? pages[0]! };
  });
}

export function serverAction(name: string): ServerAction {
  const action = serverActions().find((x) => x.name === name);
  if (!action) throw new Error(`no server action ${name} in the build`);
  return action;
}

/** A FormData of these fields, as a form would post them. */
export function formOf(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Calls the action on the server at baseUrl, from `origin` (the page's own unless a test forges one). */
export async function callServerAction(baseUrl: string, action: ServerAction, args: unknown[], options: { cookie?: string; origin?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { "next-action": action.id, accept: "text/x-component", origin: options.origin ?? baseUrl };
  if (options.cookie) headers.cookie = options.cookie;
  return fetch(`${baseUrl}${action.page}`, { method: "POST", headers, body: await encodeReply(args), redirect: "manual" });
}
