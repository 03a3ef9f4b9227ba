// The gateway core, served in-process, on both databases.
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "../../support/gateway/harness";
import { gatewayScenarios } from "../../support/gateway/scenarios";
import { DATABASE_KINDS } from "../../support/test-db";

describe.each(DATABASE_KINDS)("gateway core on %s", (kind) => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness("core", kind);
  });
  afterAll(() => harness?.stop());
  beforeEach(() => harness.fake.reset());

  gatewayScenarios(() => harness);
});
