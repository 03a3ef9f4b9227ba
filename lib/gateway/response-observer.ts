// Watches the upstream answer on its way to the client and keeps what the log needs: usage,
// the model that served, and the response as the client saw it (assembled when streamed).
import type { WireFormat } from "../providers/catalog";
import { AnthropicStreamAssembler, OpenAiStreamAssembler } from "../providers/assemble";
import { type Usage, anthropicUsage, openAiUsage } from "../providers/usage";
import type { OpenAiChunk } from "../providers/wire";
import type { EndpointKind } from "./endpoints";

export class ResponseObserver {
  private openAi?: OpenAiStreamAssembler;
  private anthropic?: AnthropicStreamAssembler;
  /** For streams that are neither chat nor messages (completions, responses): the raw usage seen. */
  private lastUsage: unknown;
  private lastModel: string | undefined;
  private rawEvents: string[] = [];

  constructor(
    private readonly upstream: WireFormat,
    private readonly endpoint: EndpointKind,
    private readonly toClient: ((json: unknown) => unknown) | null,
  ) {
    if (upstream === "anthropic") this.anthropic = new AnthropicStreamAssembler();
    else if (endpoint === "chat" || endpoint === "messages") this.openAi = new OpenAiStreamAssembler();
  }

  /** One parsed upstream stream event. */
  event(json: unknown, rawData: string) {
    if (!json || typeof json !== "object") return;
    if (this.anthropic) this.anthropic.push(json as { type: string });
    else if (this.openAi) this.openAi.push(json as OpenAiChunk);
    else {
      const j = json as { usage?: unknown; model?: string; response?: { usage?: unknown; model?: string } };
      this.lastUsage = j.usage ?? j.response?.usage ?? this.lastUsage;
      this.lastModel = j.model ?? j.response?.model ?? this.lastModel;
      this.rawEvents.push(rawData);
    }
  }

  /** Usage, model and the client-format response once the stream ended (or was cut). */
  streamResult(): { usage: Usage | null; model: string | undefined; response: string; outputText: string } {
    if (this.anthropic) {
      const message = this.anthropic.result();
      return {
        usage: anthropicUsage(this.anthropic.usage),
        model: message?.model,
        response: message ? JSON.stringify(this.toClient ? this.toClient(message) : message) : "",
        outputText: this.anthropic.text,
      };
    }
    if (this.openAi) {
      const completion = this.openAi.result();
      return {
        usage: openAiUsage(this.openAi.usage),
        model: completion.model || undefined,
        response: JSON.stringify(this.toClient ? this.toClient(completion) : completion),
        outputText: this.openAi.text,
      };
    }
    return { usage: openAiUsage(this.lastUsage), model: this.lastModel, response: this.rawEvents.join("\n"), outputText: "" };
  }

  /** Usage and model of a complete JSON answer (upstream format). */
  jsonResult(json: unknown): { usage: Usage | null; model: string | undefined } {
    const j = json as { usage?: unknown; model?: string } | null;
    const usage = this.upstream === "anthropic" ? anthropicUsage(j?.usage) : openAiUsage(j?.usage);
    return { usage, model: typeof j?.model === "string" ? j.model : undefined };
  }
}
