"use client";
// Everything stored about one request, with copy buttons: shown in the explorer's drawer and on
// the request's own page (/requests/<id>).
import { formatDollars, formatMs } from "@/lib/format";
import { CopyButton } from "../ui/copy-button";
import { Conversation, conversation } from "./conversation";
import { replayCommand } from "./replay-command";

export interface RequestDetailData {
  id: string;
  clientRequestId: string | null;
  createdAt: string;
  provider: string;
  model: string;
  modelServed: string | null;
  path: string;
  status: number;
  errorMessage: string | null;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  streamed: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  usageEstimated: boolean;
  costUsd: number | null;
  unpriced: boolean;
  costSavedUsd: number | null;
  userId: string | null;
  sessionId: string | null;
  sessionPath: string | null;
  sessionName: string | null;
  cacheStatus: string | null;
  retryCount: number;
  fallbackIndex: number;
  properties: Record<string, string>;
  rateLimitHeaders: Record<string, string> | null;
  attempts: { provider: string; model: string; status: number; error?: string; latencyMs: number }[] | null;
  requestBody: unknown;
  responseBody: unknown;
  bodiesHidden: boolean;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1 text-sm">
      <dt className="shrink-0 text-zinc-500">{label}</dt>
      <dd className="min-w-0 break-all text-right font-mono text-xs">{children}</dd>
    </div>
  );
}

const filterLink = (params: Record<string, string>) => `/requests?${new URLSearchParams(params).toString()}`;
const json = (value: unknown) => JSON.stringify(value, null, 2);
const timestamp = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 23);

export function RequestDetail({ detail, origin }: { detail: RequestDetailData; origin: string }) {
  const turns = detail.bodiesHidden ? [] : conversation(detail.requestBody, detail.responseBody);
  const prompt = turns.filter((t) => t.role !== "assistant").map((t) => `${t.role}: ${t.text}`).join("\n\n");
  const answer = turns.filter((t) => t.role === "assistant").map((t) => t.text || t.toolCalls.map((c) => `${c.name}(${c.args})`).join("\n")).join("\n\n");
  const replay = detail.bodiesHidden ? null : replayCommand(origin, detail.path, detail.requestBody);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap gap-2" aria-label="Copy">
        <CopyButton label="Copy id" text={detail.id} />
        {!detail.bodiesHidden ? (
          <>
            <CopyButton label="Copy prompt" text={prompt} />
            <CopyButton label="Copy response" text={answer} />
            <CopyButton label="Copy request JSON" text={json(detail.requestBody)} />
            <CopyButton label="Copy response JSON" text={json(detail.responseBody)} />
            {replay ? <CopyButton label="Copy cURL" text={replay} /> : null}
          </>
        ) : null}
      </div>
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Row label="Id">{detail.id}</Row>
        {detail.clientRequestId ? <Row label="Your request id">{detail.clientRequestId}</Row> : null}
        <Row label="Time">{timestamp(detail.createdAt)}</Row>
        <Row label="Status">
          <span className={detail.status >= 400 ? "text-red-600 dark:text-red-400" : ""}>{detail.status}</span>
        </Row>
        {detail.errorMessage ? <Row label="Error">{detail.errorMessage}</Row> : null}
        <Row label="Model">
          {detail.modelServed ?? detail.model}
          {detail.modelServed && detail.modelServed !== detail.model ? ` (asked for ${detail.model})` : ""}
        </Row>
        <Row label="Provider">{detail.provider}</Row>
        <Row label="Endpoint">
          {detail.path}
          {detail.streamed ? " · streamed" : ""}
        </Row>
        <Row label="Latency / TTFT">
          {formatMs(detail.latencyMs)} / {formatMs(detail.timeToFirstTokenMs)}
        </Row>
        <Row label="Tokens in / out">
          {detail.promptTokens ?? "—"} / {detail.completionTokens ?? "—"}
          {detail.usageEstimated ? " (estimated)" : ""}
        </Row>
        <Row label="Cached in / cache writes / reasoning">
          {detail.cachedInputTokens ?? 0} / {detail.cacheWriteTokens ?? 0} / {detail.reasoningTokens ?? 0}
        </Row>
        <Row label="Cost">{detail.unpriced || detail.costUsd === null ? "unpriced" : formatDollars(detail.costUsd)}</Row>
        {detail.cacheStatus ? (
          <Row label="Cache">
            {detail.cacheStatus}
            {detail.costSavedUsd ? ` · saved ${formatDollars(detail.costSavedUsd)}` : ""}
          </Row>
        ) : null}
        {detail.userId ? (
          <Row label="User">
            <a className="text-indigo-600 hover:underline dark:text-indigo-400" href={filterLink({ userId: detail.userId })}>
              {detail.userId}
            </a>
          </Row>
        ) : null}
        {detail.sessionId ? (
          <Row label="Session">
            <a className="text-indigo-600 hover:underline dark:text-indigo-400" href={`/sessions/${encodeURIComponent(detail.sessionId)}`}>
              {detail.sessionName ?? detail.sessionId}
            </a>{" "}
            {detail.sessionPath}
          </Row>
        ) : null}
        {Object.entries(detail.properties).map(([k, v]) => (
          <Row key={k} label={`Property ${k}`}>
            <a className="text-indigo-600 hover:underline dark:text-indigo-400" href={filterLink({ [`property.${k}`]: v })}>
              {v}
            </a>
          </Row>
        ))}
        {detail.retryCount || detail.fallbackIndex ? (
          <Row label="Retries / fallback">
            {detail.retryCount} / {detail.fallbackIndex}
          </Row>
        ) : null}
      </dl>
      {detail.attempts ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold">Attempts</h3>
          <ol className="space-y-1 text-xs">
            {detail.attempts.map((a, i) => (
              <li key={i} className="font-mono">
                {i + 1}. {a.provider}/{a.model} → {a.status} in {a.latencyMs} ms{a.error ? ` · ${a.error}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section>
        <h3 className="mb-2 text-sm font-semibold">Conversation</h3>
        {detail.bodiesHidden ? <p className="text-sm text-zinc-500">Your role cannot see request and response bodies.</p> : <Conversation turns={turns} />}
      </section>
      {!detail.bodiesHidden ? (
        <details>
          <summary className="cursor-pointer text-sm font-semibold">Raw request and response</summary>
          <pre className="mt-2 max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-950 p-3 text-xs text-zinc-100">{json({ request: detail.requestBody, response: detail.responseBody })}</pre>
        </details>
      ) : null}
      {detail.rateLimitHeaders ? (
        <details>
          <summary className="cursor-pointer text-sm font-semibold">Provider rate-limit headers ({Object.keys(detail.rateLimitHeaders).length})</summary>
          <dl className="mt-2">
            {Object.entries(detail.rateLimitHeaders).map(([k, v]) => (
              <Row key={k} label={k}>
                {v}
              </Row>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
