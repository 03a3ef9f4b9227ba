// What a worker's dashboard asks the primary about the whole server: every worker's log queue
// (for /api/health and the log page) and every worker's metrics (for /metrics). Kept on
// globalThis because Next bundles route handlers apart from server.ts.
import type { LogQueueStats } from "../gateway/log-queue";

export interface ClusterLink {
  /** Each worker's log queue, and how many workers did not answer in time. */
  logStats(): Promise<{ queues: LogQueueStats[]; unreported: number }>;
  /** Prometheus text summed over the workers. */
  metrics(): Promise<string>;
}

const holder = globalThis as unknown as { tollgateCluster?: ClusterLink };

export const clusterLink = (): ClusterLink | undefined => holder.tollgateCluster;

export function setClusterLink(link: ClusterLink) {
  holder.tollgateCluster = link;
}
