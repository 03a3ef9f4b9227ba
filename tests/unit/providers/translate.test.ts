import { describe, expect, it } from "vitest";
import { chatToMessagesRequest } from "@/lib/providers/translate/chat-via-anthropic/request";
import { messageToChatCompletion } from "@/lib/providers/translate/chat-via-anthropic/response";
import { MessagesToChatStream } from "@/lib/providers/translate/chat-via-anthropic/stream";
import { messagesToChatRequest } from "@/lib/providers/translate/messages-via-openai/request";
import { chatCompletionToMessage } from "@/lib/providers/translate/messages-via-openai/response";
import { ChatToMessagesStream } from "@/lib/providers/translate/messages-via-openai/stream";

describe("OpenAI chat → Anthropic messages", () => {
  it("moves system prompts out, merges same-role turns, and maps images, tools and limits", () => {
    const out = chatToMessagesRequest(
      {
        model: "claude-sonnet-4-6",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "developer", content: "Answer in English." },
          { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] },
          { role: "user", content: "And this?" },
          { role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.jpg" } }] },
        ],
        max_completion_tokens: 300,
        temperature: 1.5,
        stop: "END",
        user: "user_42",
        tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } } }],
        tool_choice: { type: "function", function: { name: "lookup" } },
        parallel_tool_calls: false,
      },
      "claude-sonnet-4-6",
    );
    expect(out).toEqual({
      model: "claude-sonnet-4-6",
      system: "Be brief.\n\nAnswer in English.",
      max_tokens: 300,
      temperature: 1,
      stop_sequences: ["END"],
      metadata: { user_id: "user_42" },
      tools: [{ name: "lookup", input_schema: { type: "object", properties: { q: { type: "string" } } } }],
      tool_choice: { type: "tool", name: "lookup", disable_parallel_tool_use: true },
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
            { type: "text", text: "And this?" },
            { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
          ],
        },
      ],
    });
  });

  it("defaults max_tokens, which Anthropic requires", () => {
    expect(chatToMessagesRequest({ model: "m", messages: [{ role: "user", content: "hi" }] }, "m").max_tokens).toBe(4096);
  });

  it("maps the answer back: text, tool calls, stop reason and usage with cache tokens", () => {
    const completion = messageToChatCompletion(
      {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-6",
        content: [{ type: "text", text: "Let me check." }, { type: "tool_use", id: "toolu_1", name: "lookup", input: { q: "x" } }],
        stop_reason: "tool_use",
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 },
      },
      false,
      1_700_000_000,
    );
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: "assistant", content: "Let me check.", refusal: null, tool_calls: [{ id: "toolu_1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }] },
      logprobs: null,
      finish_reason: "tool_calls",
    });
    expect(completion.usage).toEqual({ prompt_tokens: 130, completion_tokens: 5, total_tokens: 135, prompt_tokens_details: { cached_tokens: 100 }, completion_tokens_details: { reasoning_tokens: 0 } });
  });

  it("turns the Anthropic event stream into chat chunks, usage last when asked", () => {
    const t = new MessagesToChatStream(true);
    const chunks = [
      { type: "message_start", message: { id: "msg_1", model: "claude", usage: { input_tokens: 7, output_tokens: 1 } } },
      { type: "content_block_start", index: 0, content_block: { type: "text" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_1", name: "lookup" } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"q":' } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '"x"}' } },
      { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 9 } },
      { type: "message_stop" },
    ].flatMap((e) => t.translate(e)) as { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown }[];
    expect(chunks.map((c) => c.choices[0]?.delta ?? null)).toEqual([
      { role: "assistant", content: "" },
      { content: "Hi" },
      { tool_calls: [{ index: 0, id: "toolu_1", type: "function", function: { name: "lookup", arguments: "" } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] },
      {},
      null,
    ]);
    expect(chunks[5]!.choices[0]!.finish_reason).toBe("tool_calls");
    expect(chunks[6]!.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 9 });
  });
});

describe("Anthropic messages → OpenAI chat", () => {
  it("maps system, images, tool use and tool results", () => {
    const out = messagesToChatRequest(
      {
        model: "gpt-4o",
        max_tokens: 100,
        system: [{ type: "text", text: "Be brief." }],
        stream: true,
        stop_sequences: ["END"],
        tool_choice: { type: "any" },
        tools: [{ name: "lookup", input_schema: { type: "object" } }],
        messages: [
          { role: "user", content: [{ type: "text", text: "Look" }, { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "AAAA" } }] },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "lookup", input: { q: "x" } }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "found" }] }, { type: "text", text: "Thanks" }] },
        ],
      },
      "gpt-4o",
    );
    expect(out).toEqual({
      model: "gpt-4o",
      max_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
      stop: ["END"],
      tool_choice: "required",
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }],
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "Look" }, { type: "image_url", image_url: { url: "data:image/jpeg;base64,AAAA" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "toolu_1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }] },
        { role: "tool", tool_call_id: "toolu_1", content: "found" },
        { role: "user", content: "Thanks" },
      ],
    });
  });

  it("maps the answer back with usage net of cached tokens", () => {
    const message = chatCompletionToMessage({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1,
      model: "gpt-4o",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, logprobs: null, finish_reason: "length" }],
      usage: { prompt_tokens: 100, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 40 } },
    });
    expect(message).toMatchObject({ type: "message", content: [{ type: "text", text: "Hi" }], stop_reason: "max_tokens", usage: { input_tokens: 60, output_tokens: 5, cache_read_input_tokens: 40 } });
  });

  it("turns chat chunks into the Messages event sequence", () => {
    const t = new ChatToMessagesStream();
    const base = { id: "c1", object: "chat.completion.chunk" as const, created: 1, model: "gpt-4o" };
    const events = [
      ...t.translate({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] }),
      ...t.translate({ ...base, choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] }),
      ...t.translate({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: "call_1", function: { name: "lookup", arguments: '{"q":1}' } }] }, finish_reason: null }] }),
      ...t.translate({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] }),
      ...t.translate({ ...base, choices: [], usage: { prompt_tokens: 9, completion_tokens: 4 } }),
      ...t.finish(),
    ];
    expect(events.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[4]!.data).toMatchObject({ index: 1, content_block: { type: "tool_use", id: "call_1", name: "lookup" } });
    expect(events[7]!.data).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { input_tokens: 9, output_tokens: 4 } });
    expect(t.finish()).toEqual([]);
  });
});
