// Latency in logarithmic buckets, as DDSketch counts: bucket i holds latencies in (γ^(i-1), γ^i]
// and stands for 2γ^i/(γ+1), which is within LATENCY_ERROR of every latency in it. Counts per
// bucket merge by adding, so hourly histograms (LatencyRollup) sum to the histogram of any range
// of hours, and a percentile read from them is within ±2% of the exact one.

/** The relative error bound of a percentile read from the buckets. */
export const LATENCY_ERROR = 0.02;
const GAMMA = (1 + LATENCY_ERROR) / (1 - LATENCY_ERROR);
const LN_GAMMA = Math.log(GAMMA);

/** Below 1 ms (cache hits answered from memory) is its own bucket, standing for 0. */
const ZERO_BUCKET = -1;

export function latencyBucket(ms: number): number {
  return ms < 1 ? ZERO_BUCKET : Math.ceil(Math.log(ms) / LN_GAMMA);
}

/** The latency a bucket stands for, in ms to a tenth (the bound is 2% of at least 1 ms). */
export function bucketLatency(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : Math.round((20 * GAMMA ** bucket) / (GAMMA + 1)) / 10;
}

/** latencyBucket() in SQL (both dialects have ln and ceil). */
export const latencyBucketSql = (column: string) => `CASE WHEN ${column} < 1 THEN ${ZERO_BUCKET} ELSE CAST(ceil(ln(${column}) / ${LN_GAMMA}) AS INTEGER) END`;
