// What the response cache stores and how it is configured per request.

/** One stored response, replayed byte for byte on a hit. */
export interface CachedResponse {
  status: number;
  contentType: string;
  /** Exactly what the client received: JSON, or the SSE text of a stream. */
  body: string;
  streamed: boolean;
  provider: string;
  modelServed: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  cachedInputTokens: number | null;
  reasoningTokens: number | null;
  /** What the original call cost, credited as savings on every hit (nano-USD, as a string). */
  costNanoUsd: string | null;
  /** How long the original call took (Helicone-Cache-Latency); absent in entries saved before it was kept. */
  latencyMs?: number;
  /** The provider's rate-limit headers of the original answer, replayed on a hit. */
  rateLimitHeaders?: Record<string, string>;
}

export interface CacheSettings {
  read: boolean;
  save: boolean;
  ttlSeconds: number;
  bucketSize: number;
  seed: string | undefined;
  ignoreKeys: string[];
}

export interface CacheHit {
  response: CachedResponse;
  bucketIndex: number;
}

/** Where cached responses live: in-process + database (embedded), or Redis (several replicas). */
export interface ResponseCacheStore {
  /** A random entry once the key's bucket holds `bucketSize` entries; null before that. */
  read(key: string, bucketSize: number): Promise<CacheHit | null>;
  /** Adds an entry while the bucket has room. */
  save(key: string, workspaceId: string, response: CachedResponse, settings: CacheSettings): Promise<void>;
  close(): Promise<void>;
}
