// OpenAI chat stream chunks → OpenAI Responses stream events: created, then for the text an
// output item, a content part and its deltas, for each tool call an output item and its argument
// deltas, then everything closed and response.completed with usage.
import type { OpenAiChunk } from "../../wire";
import { type ResponsesUsage, functionCallItem, messageItem, responseObject, responsesUsage } from "./response";

interface Event {
  event: string;
  data: Record<string, unknown>;
}

interface Call {
  outputIndex: number;
  id: string;
  name: string;
  arguments: string;
}

export class ChatToResponsesStream {
  private sequence = 0;
  private started = false;
  private id = "";
  private model = "";
  private created = 0;
  private text: { outputIndex: number; itemId: string; value: string } | null = null;
  private calls = new Map<number, Call>();
  private outputs = 0;
  private finishReason: string | null = null;
  private usage: ResponsesUsage | null = null;

  constructor(private readonly request: Record<string, unknown>) {}

  private emit(type: string, data: Record<string, unknown>): Event {
    return { event: type, data: { type, sequence_number: this.sequence++, ...data } };
  }

  private envelope(status: "in_progress" | "completed" | "incomplete", output: unknown[]) {
    return responseObject(`resp_${this.id}`, this.model, this.created, output, status, status === "in_progress" ? null : this.usage, this.request);
  }

  translate(chunk: OpenAiChunk | { error?: { message?: string; code?: string | null } }): Event[] {
    if ("error" in chunk && chunk.error) return [this.emit("error", { code: chunk.error.code ?? null, message: chunk.error.message ?? "upstream stream error", param: null })];
    if (!("choices" in chunk) || !Array.isArray(chunk.choices)) return [];
    const events: Event[] = [];
    if (!this.started) {
      this.started = true;
      this.id = chunk.id;
      this.model = chunk.model;
      this.created = chunk.created;
      events.push(this.emit("response.created", { response: this.envelope("in_progress", []) }), this.emit("response.in_progress", { response: this.envelope("in_progress", []) }));
    }
    if (chunk.usage) this.usage = responsesUsage(chunk.usage);
    const choice = chunk.choices[0];
    if (!choice) return events;
    const delta = choice.delta;
    if (delta.content) {
      if (!this.text) {
        this.text = { outputIndex: this.outputs++, itemId: `msg_${this.id}`, value: "" };
        events.push(
          this.emit("response.output_item.added", { output_index: this.text.outputIndex, item: messageItem(this.text.itemId, "", "in_progress") }),
          this.emit("response.content_part.added", { item_id: this.text.itemId, output_index: this.text.outputIndex, content_index: 0, part: { type: "output_text", text: "", annotations: [] } }),
        );
      }
      this.text.value += delta.content;
      events.push(this.emit("response.output_text.delta", { item_id: this.text.itemId, output_index: this.text.outputIndex, content_index: 0, delta: delta.content }));
    }
    for (const toolDelta of delta.tool_calls ?? []) {
      let call = this.calls.get(toolDelta.index);
      if (!call) {
        call = { outputIndex: this.outputs++, id: toolDelta.id ?? `call_${toolDelta.index}`, name: toolDelta.function?.name ?? "", arguments: "" };
        this.calls.set(toolDelta.index, call);
        events.push(this.emit("response.output_item.added", { output_index: call.outputIndex, item: functionCallItem({ id: call.id, type: "function", function: { name: call.name, arguments: "" } }, "in_progress") }));
      }
      const args = toolDelta.function?.arguments;
      if (args) {
        call.arguments += args;
        events.push(this.emit("response.function_call_arguments.delta", { item_id: `fc_${call.id}`, output_index: call.outputIndex, delta: args }));
      }
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return events;
  }

  /** Closes what is open and completes the response. */
  finish(): Event[] {
    if (!this.started) return [];
    const events: Event[] = [];
    const output: { index: number; item: unknown }[] = [];
    if (this.text) {
      const { outputIndex, itemId, value } = this.text;
      const item = messageItem(itemId, value, "completed");
      events.push(
        this.emit("response.output_text.done", { item_id: itemId, output_index: outputIndex, content_index: 0, text: value }),
        this.emit("response.content_part.done", { item_id: itemId, output_index: outputIndex, content_index: 0, part: item.content[0] }),
        this.emit("response.output_item.done", { output_index: outputIndex, item }),
      );
      output.push({ index: outputIndex, item });
    }
    for (const call of this.calls.values()) {
      const item = functionCallItem({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }, "completed");
      events.push(
        this.emit("response.function_call_arguments.done", { item_id: item.id, output_index: call.outputIndex, arguments: call.arguments }),
        this.emit("response.output_item.done", { output_index: call.outputIndex, item }),
      );
      output.push({ index: call.outputIndex, item });
    }
    const status = this.finishReason === "length" ? "incomplete" : "completed";
    const items = output.sort((a, b) => a.index - b.index).map((o) => o.item);
    events.push(this.emit(status === "completed" ? "response.completed" : "response.incomplete", { response: this.envelope(status, items) }));
    return events;
  }
}
