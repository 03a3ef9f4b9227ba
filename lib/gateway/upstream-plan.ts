// What to send upstream for a call, and how to turn the answer into what the client expects:
// passthrough when client and provider speak the same format, translation when they don't.
import type { WireFormat } from "../providers/catalog";
import type { ProviderConfig } from "../providers/config";
import { type SseEvent, formatSse } from "../providers/sse";
import { chatToMessagesRequest, wantsStructuredOutput } from "../providers/translate/chat-via-anthropic/request";
import { messageToChatCompletion } from "../providers/translate/chat-via-anthropic/response";
import { MessagesToChatStream } from "../providers/translate/chat-via-anthropic/stream";
import { messagesToChatRequest } from "../providers/translate/messages-via-openai/request";
import { chatCompletionToMessage } from "../providers/translate/messages-via-openai/response";
import { ChatToMessagesStream } from "../providers/translate/messages-via-openai/stream";
import { responsesToChatRequest } from "../providers/translate/responses-via-chat/request";
import { chatCompletionToResponse } from "../providers/translate/responses-via-chat/response";
import { ChatToResponsesStream } from "../providers/translate/responses-via-chat/stream";
import type { AnthropicRequest, AnthropicResponse, OpenAiChatCompletion, OpenAiChatRequest, OpenAiChunk } from "../providers/wire";
import type { GatewayContext } from "./context";
import { GatewayError, badRequest } from "./errors";
import { header } from "./http";

export const ANTHROPIC_VERSION = "2023-06-01";

/** Turns upstream stream events into the SSE text the client gets. */
export interface StreamTranslator {
  /** Text to write for one upstream event ("" to write nothing). */
  event(event: SseEvent, json: unknown): string;
  /** Text to write after the upstream stream ended. */
  finish(): string;
}

export interface UpstreamPlan {
  url: string;
  headers: Record<string, string>;
  body: string | Buffer;
  upstreamFormat: WireFormat;
  /** Null when the client gets the upstream bytes untouched. */
  translateJson: ((json: unknown) => unknown) | null;
  /** Null when the stream passes through byte for byte. */
  createStreamTranslator: (() => StreamTranslator) | null;
}

const sse = (event: string | undefined, data: unknown) => formatSse({ event, data: JSON.stringify(data) });

function providerHeaders(ctx: GatewayContext, provider: ProviderConfig, key: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: ctx.stream ? "text/event-stream" : "application/json" };
  if (provider.format === "anthropic") {
    if (key) headers["x-api-key"] = key;
    headers["anthropic-version"] = (ctx.endpoint.clientFormat === "anthropic" && header(ctx.req, "anthropic-version")) || ANTHROPIC_VERSION;
    const beta = ctx.endpoint.clientFormat === "anthropic" ? header(ctx.req, "anthropic-beta") : undefined;
    if (beta) headers["anthropic-beta"] = beta;
  } else if (key) {
    if (provider.azureApiVersion) headers["api-key"] = key;
    else headers.authorization = `Bearer ${key}`;
  }
  for (const name of ["openai-organization", "openai-project", "openai-beta"]) {
    const value = provider.format === "openai" && ctx.endpoint.clientFormat === "openai" ? header(ctx.req, name) : undefined;
    if (value) headers[name] = value;
  }
  return headers;
}

function openAiUrl(provider: ProviderConfig, path: string) {
  return `${provider.baseUrl}${path}${provider.azureApiVersion ? `?api-version=${encodeURIComponent(provider.azureApiVersion)}` : ""}`;
}

/** OpenAI → OpenAI: the original bytes unless the model name or stream options must change. */
function openAiPassthrough(ctx: GatewayContext, provider: ProviderConfig, model: string): Pick<UpstreamPlan, "body" | "translateJson" | "createStreamTranslator"> {
  const body = ctx.body!;
  const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  // Ask for usage on streams so the log has real token counts; hide it again if the client didn't
  // ask. Providers that may reject stream_options send usage unasked or get estimated counts.
  const injectUsage = ctx.stream && !wantsUsage && provider.acceptsStreamOptions && (ctx.endpoint.kind === "chat" || ctx.endpoint.kind === "completions");
  if (model === ctx.modelRequested && !injectUsage) return { body: ctx.rawBody!, translateJson: null, createStreamTranslator: null };
  const rewritten: Record<string, unknown> = { ...body, model };
  if (injectUsage) rewritten.stream_options = { ...((body.stream_options as object) ?? {}), include_usage: true };
  return {
    body: JSON.stringify(rewritten),
    translateJson: null,
    createStreamTranslator: injectUsage
      ? () => ({
          event: (event, json) => {
            const chunk = json as { choices?: unknown[]; usage?: unknown } | null;
            const usageOnly = chunk && Array.isArray(chunk.choices) && chunk.choices.length === 0 && chunk.usage;
            return usageOnly ? "" : formatSse(event);
          },
          finish: () => "",
        })
      : null,
  };
}

/** Providers with a Responses API of their own; every other one gets it translated to chat. */
const servesResponses = (provider: ProviderConfig) => provider.id === "openai" || provider.id === "azure";

/** A Responses call to a chat-only provider: Responses → chat (→ Messages for Claude), and back. */
function responsesViaChat(ctx: GatewayContext, provider: ProviderConfig, model: string, headers: Record<string, string>): UpstreamPlan {
  const request = ctx.body!;
  const chat = responsesToChatRequest(request, model);
  const write = (events: { event: string; data: unknown }[]) => events.map((e) => sse(e.event, e.data)).join("");
  if (provider.format === "anthropic") {
    return {
      url: `${provider.baseUrl}/v1/messages`,
      headers,
      body: JSON.stringify(chatToMessagesRequest(chat, model)),
      upstreamFormat: "anthropic",
      translateJson: (json) => chatCompletionToResponse(messageToChatCompletion(json as AnthropicResponse, wantsStructuredOutput(chat)), request),
      createStreamTranslator: () => {
        const toChat = new MessagesToChatStream(true, wantsStructuredOutput(chat));
        const toResponses = new ChatToResponsesStream(request);
        return {
          event: (_event, json) => (json ? write(toChat.translate(json as { type: string }).flatMap((chunk) => toResponses.translate(chunk))) : ""),
          finish: () => write(toResponses.finish()),
        };
      },
    };
  }
  return {
    url: openAiUrl(provider, "/chat/completions"),
    headers,
    body: JSON.stringify(chat),
    upstreamFormat: "openai",
    translateJson: (json) => chatCompletionToResponse(json as OpenAiChatCompletion, request),
    createStreamTranslator: () => {
      const toResponses = new ChatToResponsesStream(request);
      return { event: (_event, json) => (json ? write(toResponses.translate(json as OpenAiChunk)) : ""), finish: () => write(toResponses.finish()) };
    },
  };
}

export function planUpstream(ctx: GatewayContext, key: string | undefined): UpstreamPlan {
  const { provider, model } = ctx.route!;
  const headers = providerHeaders(ctx, provider, key);
  const client = ctx.endpoint.clientFormat;

  if (ctx.endpoint.kind === "responses" && !servesResponses(provider)) return responsesViaChat(ctx, provider, model, headers);

  if (provider.format === "openai" && client === "openai") {
    return { url: openAiUrl(provider, ctx.endpoint.openAiPath), headers, upstreamFormat: "openai", ...openAiPassthrough(ctx, provider, model) };
  }

  if (provider.format === "anthropic" && client === "anthropic") {
    const body = model === ctx.modelRequested ? ctx.rawBody! : JSON.stringify({ ...ctx.body, model });
    return { url: `${provider.baseUrl}/v1/messages`, headers, body, upstreamFormat: "anthropic", translateJson: null, createStreamTranslator: null };
  }

  if (provider.format === "anthropic") {
    if (ctx.endpoint.kind !== "chat") {
      throw badRequest(`${provider.id} does not serve ${ctx.endpoint.path}; use /v1/chat/completions or /v1/messages with this model.`, "model", "unsupported_endpoint");
    }
    const request = ctx.body as unknown as OpenAiChatRequest;
    const includeUsage = request.stream_options?.include_usage === true;
    return {
      url: `${provider.baseUrl}/v1/messages`,
      headers,
      body: JSON.stringify(chatToMessagesRequest(request, model)),
      upstreamFormat: "anthropic",
      translateJson: (json) => messageToChatCompletion(json as AnthropicResponse, wantsStructuredOutput(request)),
      createStreamTranslator: () => {
        const translator = new MessagesToChatStream(includeUsage, wantsStructuredOutput(request));
        return {
          event: (_event, json) => (json ? translator.translate(json as { type: string }).map((c) => sse(undefined, c)).join("") : ""),
          finish: () => "data: [DONE]\n\n",
        };
      },
    };
  }

  // An Anthropic client calling an OpenAI-format provider.
  if (ctx.endpoint.kind !== "messages") throw new GatewayError(500, "No translation for this endpoint.");
  return {
    url: openAiUrl(provider, "/chat/completions"),
    headers,
    body: JSON.stringify(messagesToChatRequest(ctx.body as unknown as AnthropicRequest, model)),
    upstreamFormat: "openai",
    translateJson: (json) => chatCompletionToMessage(json as OpenAiChatCompletion),
    createStreamTranslator: () => {
      const translator = new ChatToMessagesStream();
      const write = (events: { event: string; data: unknown }[]) => events.map((e) => sse(e.event, e.data)).join("");
      return {
        event: (_event, json) => (json ? write(translator.translate(json as OpenAiChunk)) : ""),
        finish: () => write(translator.finish()),
      };
    },
  };
}
