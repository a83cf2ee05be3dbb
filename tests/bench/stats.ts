/** Small statistics helpers for the benchmarks: percentiles and formatting. */

/** The q-quantile (0..1) of a list of numbers, by nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** `p50 … ms  p99 … ms` of durations in milliseconds. */
export function latencySummary(ms: number[]): string {
  return `p50 ${quantile(ms, 0.5).toFixed(3)} ms  p99 ${quantile(ms, 0.99).toFixed(3)} ms  (n=${ms.length})`;
}

/** Megabytes, one decimal. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
