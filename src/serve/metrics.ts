/**
 * @module serve/metrics
 * Prometheus metrics in the text exposition format (version 0.0.4), kept by hand: a request
 * counter and latency histogram per route template (never per raw URL, so labels stay bounded),
 * cache lookups per kind and tier, Redis health, and process memory.
 */
import type { TieredCache } from '../cache/tiered-cache.js';

/** Latency buckets in seconds: the cached path lives under 10 ms, the uncached under 50 ms. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly started = Date.now();

  /** Records one finished request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method}\u0000${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hkey = `${method}\u0000${route}`;
    let h = this.durations.get(hkey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hkey, h);
    }
    for (let i = 0; i < BUCKETS.length; i += 1) if (seconds <= BUCKETS[i]!) h.counts[i]! += 1;
    h.sum += seconds;
    h.count += 1;
  }

  /** The exposition text. */
  render(cache: TieredCache | null): string {
    const out: string[] = [];
    out.push('# HELP sharpline_http_requests_total HTTP requests by method, route template and status.', '# TYPE sharpline_http_requests_total counter');
    for (const [key, n] of this.requests) {
      const [method, route, status] = key.split('\u0000');
      out.push(`sharpline_http_requests_total{method="${method}",route="${esc(route!)}",status="${status}"} ${n}`);
    }
    out.push('# HELP sharpline_http_request_duration_seconds Time to answer a request.', '# TYPE sharpline_http_request_duration_seconds histogram');
    for (const [key, h] of this.durations) {
      const [method, route] = key.split('\u0000');
      const labels = `method="${method}",route="${esc(route!)}"`;
      BUCKETS.forEach((b, i) => out.push(`sharpline_http_request_duration_seconds_bucket{${labels},le="${b}"} ${h.counts[i]}`));
      out.push(`sharpline_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      out.push(`sharpline_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      out.push(`sharpline_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    if (cache) {
      out.push('# HELP sharpline_cache_requests_total Cache lookups by kind and the tier that answered (computed = miss).', '# TYPE sharpline_cache_requests_total counter');
      for (const [kind, tiers] of Object.entries(cache.counters.requests)) {
        for (const [tier, n] of Object.entries(tiers)) out.push(`sharpline_cache_requests_total{kind="${kind}",tier="${tier}"} ${n}`);
      }
      out.push('# HELP sharpline_cache_redis_errors_total Redis commands that failed (the request was served without Redis).', '# TYPE sharpline_cache_redis_errors_total counter');
      out.push(`sharpline_cache_redis_errors_total ${cache.counters.redisErrors}`);
      out.push('# HELP sharpline_cache_invalidations_total Store generation changes seen (new data, results or training).', '# TYPE sharpline_cache_invalidations_total counter');
      out.push(`sharpline_cache_invalidations_total ${cache.counters.invalidations}`);
      out.push('# HELP sharpline_cache_redis_up 1 when the shared Redis tier is in use.', '# TYPE sharpline_cache_redis_up gauge');
      out.push(`sharpline_cache_redis_up ${cache.redisUp ? 1 : 0}`);
      out.push('# HELP sharpline_cache_entries Entries in the in-process tier.', '# TYPE sharpline_cache_entries gauge');
      out.push(`sharpline_cache_entries ${cache.size}`);
    }
    const mem = process.memoryUsage();
    out.push('# HELP process_resident_memory_bytes Resident memory.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`);
    out.push('# HELP nodejs_heap_used_bytes V8 heap in use.', '# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`);
    out.push('# HELP process_uptime_seconds Seconds since the server started.', '# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${(Date.now() - this.started) / 1000}`);
    return out.join('\n') + '\n';
  }
}

function esc(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
