// Anthropic Messages stream events → OpenAI chat.completion.chunk events, one event at a time.
import { anthropicUsage, toOpenAiUsage } from "../../usage";
import type { OpenAiChunk } from "../../wire";
import { ANTHROPIC_TO_OPENAI_FINISH } from "../maps";
import { STRUCTURED_OUTPUT_TOOL } from "./request";

interface Event {
  type: string;
  message?: { id: string; model: string; usage?: Record<string, unknown> };
  index?: number;
  content_block?: { type: string; id?: string; name?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string };
  usage?: Record<string, unknown>;
  error?: { type?: string; message?: string };
}

export class MessagesToChatStream {
  private id = "";
  private model = "";
  private readonly created = Math.floor(Date.now() / 1000);
  private usage: Record<string, unknown> = {};
  /** Anthropic block index → OpenAI tool_calls index. */
  private toolIndex = new Map<number, number>();
  /** The block carrying a JSON answer (the structured-output tool's input), sent as content. */
  private jsonBlock: number | undefined;

  /** `structured`: the request asked for JSON, which Claude streams as the structured-output tool's input. */
  constructor(
    private readonly includeUsage: boolean,
    private readonly structured = false,
  ) {}

  private chunk(delta: OpenAiChunk["choices"][number]["delta"], finish: string | null = null): OpenAiChunk {
    return { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(this.includeUsage ? { usage: null } : {}) };
  }

  /** The chunks to send for one upstream event; [] when it carries nothing for the client. */
  translate(event: Event): (OpenAiChunk | Record<string, unknown>)[] {
    switch (event.type) {
      case "message_start":
        this.id = event.message?.id ?? "";
        this.model = event.message?.model ?? "";
        this.usage = { ...(event.message?.usage ?? {}) };
        return [this.chunk({ role: "assistant", content: "" })];
      case "content_block_start":
        if (this.structured && event.content_block?.type === "tool_use" && event.content_block.name === STRUCTURED_OUTPUT_TOOL) {
          this.jsonBlock = event.index;
          return [];
        }
        if (event.content_block?.type === "tool_use" && event.index !== undefined) {
          const index = this.toolIndex.size;
          this.toolIndex.set(event.index, index);
          return [this.chunk({ tool_calls: [{ index, id: event.content_block.id, type: "function", function: { name: event.content_block.name, arguments: "" } }] })];
        }
        return [];
      case "content_block_delta":
        if (event.delta?.type === "text_delta") return this.structured ? [] : [this.chunk({ content: event.delta.text ?? "" })];
        if (event.delta?.type === "input_json_delta" && event.index === this.jsonBlock) return [this.chunk({ content: event.delta.partial_json ?? "" })];
        if (event.delta?.type === "input_json_delta" && event.index !== undefined) {
          const index = this.toolIndex.get(event.index) ?? 0;
          return [this.chunk({ tool_calls: [{ index, function: { arguments: event.delta.partial_json ?? "" } }] })];
        }
        return [];
      case "message_delta":
        if (event.usage) this.usage = { ...this.usage, ...event.usage };
        return [this.chunk({}, this.jsonBlock !== undefined && event.delta?.stop_reason === "tool_use" ? "stop" : (ANTHROPIC_TO_OPENAI_FINISH[event.delta?.stop_reason ?? ""] ?? "stop"))];
      case "message_stop": {
        const usage = anthropicUsage(this.usage);
        return this.includeUsage && usage
          ? [{ id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [], usage: toOpenAiUsage(usage) }]
          : [];
      }
      case "error":
        return [{ error: { message: event.error?.message ?? "upstream stream error", type: event.error?.type ?? "api_error", param: null, code: null } }];
      default:
        return [];
    }
  }
}
