// Model names as other gateways and registries write them, mapped to the id the provider serves.
// Helicone's registry (and its AI SDK provider) writes Claude as "claude-4.5-haiku", Anthropic as
// "claude-haiku-4-5"; dotted versions ("claude-opus-4.1") are dashed at Anthropic. Names that no
// rule covers are listed. Keep this table with the registries it follows.
const LISTED: Record<string, string> = {
  "claude-3.5-haiku": "claude-3-5-haiku-latest",
  "claude-3.5-sonnet": "claude-3-5-sonnet-latest",
  "claude-3.5-sonnet-v2": "claude-3-5-sonnet-20241022",
  "claude-3.7-sonnet": "claude-3-7-sonnet-latest",
  "claude-3-haiku": "claude-3-haiku-20240307",
  "claude-3-opus": "claude-3-opus-latest",
};

/** "claude-4.5-haiku" → "claude-haiku-4-5", "claude-4-sonnet" → "claude-sonnet-4-0", with an optional date. */
const VERSION_FIRST = /^claude-(\d+)(?:\.(\d+))?-(opus|sonnet|haiku)(-\d{8})?$/;
/** "claude-opus-4.1" → "claude-opus-4-1". */
const DOTTED = /^claude-(opus|sonnet|haiku)-(\d+)\.(\d+)(-\d{8})?$/;

/**
 * Anthropic's own id for a registry name, or the name itself when it is one already or names a
 * model of another provider (OpenRouter, for one, has ids of its own for the same models).
 */
export function canonicalModel(name: string, providerId = "anthropic"): string {
  if (providerId !== "anthropic") return name;
  const lower = name.toLowerCase();
  const listed = LISTED[lower];
  if (listed) return listed;
  const first = VERSION_FIRST.exec(lower);
  if (first) {
    const [, major, minor, family, date = ""] = first;
    return `claude-${family}-${major}-${minor ?? "0"}${date}`;
  }
  const dotted = DOTTED.exec(lower);
  if (dotted) {
    const [, family, major, minor, date = ""] = dotted;
    return `claude-${family}-${major}-${minor}${date}`;
  }
  return name;
}
