// The gateway core, served in-process, on both databases.
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "../../support/gateway/harness";
import { gatewayConfigScenarios, gatewayScenarios } from "../../support/gateway/scenarios";
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

describe("gateway core with Azure, a custom provider and price overrides", () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness("core", "sqlite", (fake) => ({
      AZURE_OPENAI_BASE_URL: `${fake.url}/v1`,
      AZURE_OPENAI_API_KEY: "azure-key",
      TOLLGATE_PROVIDERS: `lab=${fake.url}/v1`,
      LAB_API_KEY: "lab-key",
      TOLLGATE_PRICE_OVERRIDE_TTL_MS: "300",
    }));
  });
  afterAll(() => harness?.stop());
  beforeEach(() => harness.fake.reset());

  gatewayConfigScenarios(() => harness);
});
