// The parts of OpenAI's API the gateway passes through as they are (stages/passthrough.ts):
// which paths, and how they appear in the log.

/** Path families served this way, and whether their calls cost money. */
const FAMILIES: { prefix: string; paid: boolean }[] = [
  { prefix: "/moderations", paid: false },
  { prefix: "/images/", paid: true },
  { prefix: "/audio/", paid: true },
  { prefix: "/files", paid: false },
  { prefix: "/batches", paid: false },
];

/** The family of a path without its /v1, or undefined when it is not one of these. */
export function passthroughFamily(path: string) {
  return FAMILIES.find((f) => {
    const base = f.prefix.replace(/\/$/, "");
    return path === base || path.startsWith(`${base}/`);
  });
}

/** The path as the log shows it: ids replaced, so one family has a few paths, not one per file. */
export function loggedPath(path: string): string {
  return `/v1${path.replace(/\/(file|batch|upload)[-_][A-Za-z0-9]+/g, "/:id")}`;
}

