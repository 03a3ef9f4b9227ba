// A provider key as Settings → Providers takes it: a built-in provider's key (and optionally its
// base URL), or a custom OpenAI-compatible provider with a slug and base URL.
import { z } from "zod";
import { httpUrlSchema } from "../alerts/rules";
import { targetProblem } from "../net/public-address";
import { isKnownProvider } from "./catalog";
import { PRIVATE_PROVIDERS_SWITCH } from "./test-connection";
import { CUSTOM, KEYED_PROVIDERS } from "./workspace-keys";

export const providerKeySchema = z
  .object({
    provider: z.enum([CUSTOM, ...KEYED_PROVIDERS], "Pick a provider"),
    name: z.string().trim().max(40, "At most 40 characters").default(""),
    apiKey: z.string().trim().min(8, "Paste the provider's API key").max(1000, "That is too long for an API key"),
    baseUrl: z.union([z.literal(""), httpUrlSchema]).default(""),
  })
  .superRefine((k, ctx) => {
    if (k.provider === CUSTOM) {
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(k.name)) ctx.addIssue({ code: "custom", path: ["name"], message: "Name the provider in lowercase letters, digits and dashes: it is how models are called (lab/my-model)" });
      else if (isKnownProvider(k.name)) ctx.addIssue({ code: "custom", path: ["name"], message: `"${k.name}" is a built-in provider; pick it from the list instead` });
      if (!k.baseUrl) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "A custom provider needs its base URL (…/v1)" });
    }
    if (k.provider === "azure" && !k.baseUrl) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "Azure needs the deployment URL" });
    const problem = k.baseUrl && process.env[PRIVATE_PROVIDERS_SWITCH] !== "1" ? targetProblem(k.baseUrl, PRIVATE_PROVIDERS_SWITCH) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: problem });
  })
  .transform((k) => ({ provider: k.provider, name: k.provider === CUSTOM ? k.name : "default", apiKey: k.apiKey, baseUrl: k.baseUrl || null }));
export type ProviderKeySpec = z.infer<typeof providerKeySchema>;
