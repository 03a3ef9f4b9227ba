// Rebuilds the final response from a stream's events, for the log and for usage.
import type { AnthropicBlock, AnthropicResponse, OpenAiChatCompletion, OpenAiChunk, OpenAiToolCall } from "./wire";

/** Accumulates chat.completion.chunk events into one chat.completion. */
export class OpenAiStreamAssembler {
  private id = "";
  private model = "";
  private created = 0;
  private choices = new Map<number, { content: string; refusal: string; finish: string | null; tools: OpenAiToolCall[] }>();
  usage: Record<string, unknown> | undefined;
  /** Characters of content and tool arguments seen, for estimating tokens of a cut-off stream. */
  text = "";

  push(chunk: OpenAiChunk) {
    this.id ||= chunk.id;
    this.model ||= chunk.model;
    this.created ||= chunk.created;
    if (chunk.usage) this.usage = chunk.usage;
    for (const c of chunk.choices ?? []) {
      let choice = this.choices.get(c.index);
      if (!choice) this.choices.set(c.index, (choice = { content: "", refusal: "", finish: null, tools: [] }));
      if (c.delta?.content) {
        choice.content += c.delta.content;
        this.text += c.delta.content;
      }
      if (c.delta?.refusal) choice.refusal += c.delta.refusal;
      for (const t of c.delta?.tool_calls ?? []) {
        const call = (choice.tools[t.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
        if (t.id) call.id = t.id;
        if (t.function?.name) call.function.name += t.function.name;
        if (t.function?.arguments) {
          call.function.arguments += t.function.arguments;
          this.text += t.function.arguments;
        }
      }
      if (c.finish_reason) choice.finish = c.finish_reason;
    }
  }

  result(): OpenAiChatCompletion {
    const choices = [...this.choices.entries()].sort(([a], [b]) => a - b).map(([index, c]) => ({
      index,
      message: {
        role: "assistant" as const,
        content: c.content || (c.tools.length ? null : ""),
        refusal: c.refusal || null,
        ...(c.tools.length ? { tool_calls: c.tools.filter(Boolean) } : {}),
      },
      logprobs: null,
      finish_reason: c.finish,
    }));
    return { id: this.id, object: "chat.completion", created: this.created, model: this.model, choices, ...(this.usage ? { usage: this.usage } : {}) };
  }
}

interface AnthropicEvent {
  type: string;
  message?: AnthropicResponse;
  index?: number;
  content_block?: AnthropicBlock;
  delta?: { type?: string; text?: string; partial_json?: string; thinking?: string; stop_reason?: string; stop_sequence?: string | null };
  usage?: Record<string, unknown>;
}

/** Accumulates Messages stream events into one message. */
export class AnthropicStreamAssembler {
  private message: AnthropicResponse | undefined;
  private blocks: AnthropicBlock[] = [];
  private json: string[] = [];
  text = "";

  push(event: AnthropicEvent) {
    switch (event.type) {
      case "message_start":
        this.message = event.message;
        break;
      case "content_block_start":
        if (event.index !== undefined && event.content_block) this.blocks[event.index] = { ...event.content_block };
        break;
      case "content_block_delta": {
        const block = event.index === undefined ? undefined : (this.blocks[event.index] as Record<string, unknown> | undefined);
        if (!block || !event.delta) break;
        if (event.delta.type === "text_delta" && event.delta.text) {
          block.text = String(block.text ?? "") + event.delta.text;
          this.text += event.delta.text;
        } else if (event.delta.type === "input_json_delta" && event.delta.partial_json) {
          this.json[event.index!] = (this.json[event.index!] ?? "") + event.delta.partial_json;
          this.text += event.delta.partial_json;
        } else if (event.delta.type === "thinking_delta" && event.delta.thinking) {
          block.thinking = String(block.thinking ?? "") + event.delta.thinking;
          this.text += event.delta.thinking;
        }
        break;
      }
      case "message_delta":
        if (this.message) {
          if (event.delta?.stop_reason) this.message.stop_reason = event.delta.stop_reason;
          if (event.delta?.stop_sequence !== undefined) this.message.stop_sequence = event.delta.stop_sequence;
          // message_delta carries the final output count (and, lately, the final cache counts).
          if (event.usage) this.message.usage = { ...this.message.usage, ...event.usage };
        }
        break;
    }
  }

  get usage(): Record<string, unknown> | undefined {
    return this.message?.usage;
  }

  result(): AnthropicResponse | undefined {
    if (!this.message) return undefined;
    const content = this.blocks.map((block, i) => {
      if (block.type !== "tool_use" || this.json[i] === undefined) return block;
      try {
        return { ...block, input: JSON.parse(this.json[i] || "{}") };
      } catch {
        return { ...block, input: this.json[i] };
      }
    });
    return { ...this.message, content: content.filter(Boolean) };
  }
}
