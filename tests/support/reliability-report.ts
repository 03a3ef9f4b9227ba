// The fault-injection tests' measured figures (sent, answered, logged, lost, 5xx, …), printed
// and appended to .tmp/reliability-figures.jsonl, from which docs/reliability.md is written.
import { appendFileSync, mkdirSync } from "node:fs";

export const FIGURES_FILE = ".tmp/reliability-figures.jsonl";

export function recordFigures(scenario: string, figures: Record<string, number | string>) {
  mkdirSync(".tmp", { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ scenario, at: new Date().toISOString(), ...figures })}\n`);
  console.log(`[reliability] ${scenario}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(" ")}`);
}
