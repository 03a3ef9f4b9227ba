"use client";
// The detail drawer: everything stored about one request, fetched from /api/v1/requests/:id.
import { useEffect, useState } from "react";
import { formatMs } from "@/lib/format";
import { Conversation, conversation } from "./conversation";

interface Detail {
  id: string;
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
      <dt className="text-zinc-500">{label}</dt>
      <dd className="text-right font-mono text-xs">{children}</dd>
    </div>
  );
}

const filterLink = (params: Record<string, string>) => `/requests?${new URLSearchParams(params).toString()}`;

export function RequestDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    let live = true;
    // Viewers may not read bodies: the API answers 403, and the drawer shows the rest.
    fetch(`/api/v1/requests/${id}`)
      .then((res) => (res.status === 403 ? fetch(`/api/v1/requests/${id}?bodies=0`) : res))
      .then(async (res) => (res.ok ? ((await res.json()) as Detail) : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((d) => live && setDetail(d))
      .catch((e: Error) => live && setError(e.message));
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => {
      live = false;
      window.removeEventListener("keydown", onKey);
    };
  }, [id, onClose]);

  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-black/30" onClick={onClose}>
      <aside role="dialog" aria-label="Request details" onClick={(e) => e.stopPropagation()} className="h-full w-full max-w-2xl overflow-y-auto bg-white p-6 shadow-xl dark:bg-zinc-900">
        <div className="flex items-start justify-between">
          <h2 className="text-lg font-semibold">Request</h2>
          <button onClick={onClose} className="rounded px-2 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label="Close">
            ✕
          </button>
        </div>
        {error ? <p role="alert" className="mt-4 text-sm text-red-600">Could not load this request ({error}).</p> : null}
        {!detail && !error ? <p className="mt-4 animate-pulse text-sm text-zinc-500">Loading…</p> : null}
        {detail ? (
          <div className="mt-4 space-y-6">
            <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
              <Row label="Id">{detail.id}</Row>
              <Row label="Time">{new Date(detail.createdAt).toISOString().replace("T", " ").slice(0, 23)}</Row>
              <Row label="Status">
                <span className={detail.status >= 400 ? "text-red-600" : ""}>{detail.status}</span>
              </Row>
              {detail.errorMessage ? <Row label="Error">{detail.errorMessage}</Row> : null}
              <Row label="Model">
                {detail.model}
                {detail.modelServed && detail.modelServed !== detail.model ? ` → ${detail.modelServed}` : ""} ({detail.provider})
              </Row>
              <Row label="Endpoint">{detail.path}{detail.streamed ? " · streamed" : ""}</Row>
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
              <Row label="Cost">{detail.unpriced ? "unpriced" : `$${detail.costUsd}`}</Row>
              {detail.cacheStatus ? (
                <Row label="Cache">
                  {detail.cacheStatus}
                  {detail.costSavedUsd ? ` · saved $${detail.costSavedUsd}` : ""}
                </Row>
              ) : null}
              {detail.userId ? (
                <Row label="User">
                  <a className="text-indigo-600 hover:underline" href={filterLink({ userId: detail.userId })}>
                    {detail.userId}
                  </a>
                </Row>
              ) : null}
              {detail.sessionId ? (
                <Row label="Session">
                  <a className="text-indigo-600 hover:underline" href={filterLink({ sessionId: detail.sessionId })}>
                    {detail.sessionName ?? detail.sessionId}
                  </a>{" "}
                  {detail.sessionPath}
                </Row>
              ) : null}
              {Object.entries(detail.properties).map(([k, v]) => (
                <Row key={k} label={`Property ${k}`}>
                  <a className="text-indigo-600 hover:underline" href={filterLink({ [`property.${k}`]: v })}>
                    {v}
                  </a>
                </Row>
              ))}
              {detail.retryCount || detail.fallbackIndex ? <Row label="Retries / fallback">{detail.retryCount} / {detail.fallbackIndex}</Row> : null}
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
              {detail.bodiesHidden ? <p className="text-sm text-zinc-500">Your role cannot see request and response bodies.</p> : <Conversation turns={conversation(detail.requestBody, detail.responseBody)} />}
            </section>
            {detail.rateLimitHeaders ? (
              <section>
                <h3 className="mb-2 text-sm font-semibold">Provider rate-limit headers</h3>
                <dl>
                  {Object.entries(detail.rateLimitHeaders).map(([k, v]) => (
                    <Row key={k} label={k}>
                      {v}
                    </Row>
                  ))}
                </dl>
              </section>
            ) : null}
            {!detail.bodiesHidden ? (
              <details>
                <summary className="cursor-pointer text-sm font-semibold">Raw request and response</summary>
                <pre className="mt-2 max-h-96 overflow-auto rounded bg-zinc-950 p-3 text-xs text-zinc-100">{JSON.stringify({ request: detail.requestBody, response: detail.responseBody }, null, 2)}</pre>
              </details>
            ) : null}
          </div>
        ) : null}
      </aside>
    </div>
  );
}
