// OpenAI chat.completion.chunk events → Anthropic Messages stream events.
import { openAiUsage, toAnthropicUsage } from "../../usage";
import type { OpenAiChunk } from "../../wire";
import { OPENAI_TO_ANTHROPIC_STOP } from "../maps";

type Event = { event: string; data: Record<string, unknown> };

const event = (type: string, data: Record<string, unknown> = {}): Event => ({ event: type, data: { type, ...data } });

export class ChatToMessagesStream {
  private started = false;
  private finished = false;
  /** The Anthropic block being written: its index and kind, with tool calls keyed by OpenAI index. */
  private open: { index: number; kind: "text" | "tool"; toolIndex?: number } | null = null;
  private nextIndex = 0;
  private stopReason = "end_turn";
  private usage: Record<string, unknown> | undefined;

  translate(chunk: OpenAiChunk): Event[] {
    const out: Event[] = [];
    if (!this.started) {
      this.started = true;
      out.push(
        event("message_start", {
          message: { id: chunk.id, type: "message", role: "assistant", model: chunk.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } },
        }),
      );
    }
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return out;
    const { delta } = choice;
    if (delta?.content) {
      if (this.open?.kind !== "text") out.push(...this.startBlock("text", { type: "text", text: "" }));
      out.push(event("content_block_delta", { index: this.open!.index, delta: { type: "text_delta", text: delta.content } }));
    }
    for (const call of delta?.tool_calls ?? []) {
      if (this.open?.kind !== "tool" || this.open.toolIndex !== call.index) {
        out.push(...this.startBlock("tool", { type: "tool_use", id: call.id ?? "", name: call.function?.name ?? "", input: {} }, call.index));
      }
      if (call.function?.arguments) out.push(event("content_block_delta", { index: this.open!.index, delta: { type: "input_json_delta", partial_json: call.function.arguments } }));
    }
    if (choice.finish_reason) this.stopReason = OPENAI_TO_ANTHROPIC_STOP[choice.finish_reason] ?? "end_turn";
    return out;
  }

  /** The closing events, sent when the upstream stream ends ([DONE] or EOF). */
  finish(): Event[] {
    if (this.finished || !this.started) return [];
    this.finished = true;
    const out = this.closeBlock();
    const usage = openAiUsage(this.usage);
    out.push(event("message_delta", { delta: { stop_reason: this.stopReason, stop_sequence: null }, usage: usage ? toAnthropicUsage(usage) : { output_tokens: 0 } }));
    out.push(event("message_stop"));
    return out;
  }

  private startBlock(kind: "text" | "tool", block: Record<string, unknown>, toolIndex?: number): Event[] {
    const out = this.closeBlock();
    this.open = { index: this.nextIndex++, kind, toolIndex };
    out.push(event("content_block_start", { index: this.open.index, content_block: block }));
    return out;
  }

  private closeBlock(): Event[] {
    if (!this.open) return [];
    const index = this.open.index;
    this.open = null;
    return [event("content_block_stop", { index })];
  }
}
