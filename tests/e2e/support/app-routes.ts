// The app's routes as the app directory declares them, for tests that must cover every route:
// a new page or API route without a check in such a test fails it.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const APP = path.resolve(import.meta.dirname, "../../../app");

/** Directories under dir holding a file named `name`, as route patterns relative to base (route groups dropped). */
function routesUnder(dir: string, name: string, base: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === name) found.push(path.dirname(full));
    }
  };
  walk(dir);
  return found.map((d) => `/${path.relative(base, d).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/")}`.replace(/\/$/, "") || "/");
}

/** Every dashboard page, e.g. "/", "/users/[id]", "/settings/keys". */
export const dashboardPages = () => routesUnder(path.join(APP, "(dashboard)"), "page.tsx", path.join(APP, "(dashboard)"));

/** Every method of every /api/v1 route, e.g. "GET /api/v1/alerts/[id]". */
export function apiRoutes(): string[] {
  return routesUnder(path.join(APP, "api/v1"), "route.ts", APP).flatMap((route) => {
    const source = readFileSync(path.join(APP, route, "route.ts"), "utf8");
    return [...source.matchAll(/export async function (GET|POST|PATCH|DELETE|PUT)\b/g)].map((m) => `${m[1]} ${route}`);
  });
}
