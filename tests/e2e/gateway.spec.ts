// The same gateway scenarios against the production build: `npm start`'s custom server (the
// fast path) and Next's route handlers under plain `next start`.
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { type Entry, type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { gatewayScenarios } from "../support/gateway/scenarios";
import { DATABASE_KINDS } from "../support/test-db";

const ENTRIES: Entry[] = ["server", "next"];

describe.each(ENTRIES.flatMap((entry) => DATABASE_KINDS.map((kind) => [entry, kind] as const)))("gateway via %s on %s", (entry, kind) => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness(entry, kind);
  });
  afterAll(() => harness?.stop());
  beforeEach(() => harness.fake.reset());

  gatewayScenarios(() => harness);
});
