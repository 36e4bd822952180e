import autocannon from 'autocannon';

/** What one load run measured: successful responses only; any other answer fails the run. */
export interface Measurement {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:4000 (loopback only). */
  origin: string;
  /** Paths, used in turn: one path or a list to spread requests over several records. */
  paths: readonly string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * Closed-loop load with autocannon: `connections` clients each send the next request as soon
 * as the previous answer is in. Latencies are recorded per response (autocannon's own summary
 * has no p95).
 */
export function runLoad(options: LoadOptions): Promise<Measurement> {
  const url = new URL(options.origin);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    return Promise.reject(new Error(`alleen loopback: ${options.origin}`));
  }
  let next = 0;
  const nextPath = () => options.paths[next++ % options.paths.length] ?? '/';
  const latencies: number[] = [];
  const failures = new Map<number, number>();

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers ?? {},
        requests: [
          { method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(
            error instanceof Error ? error : new Error('autocannon mislukte', { cause: error }),
          );
          return;
        }
        if (failures.size > 0 || result.errors > 0) {
          const codes = [...failures].map(([code, n]) => `${n}× ${code}`).join(', ');
          reject(new Error(`mislukte verzoeken: ${codes || `${result.errors} fouten`}`));
          return;
        }
        latencies.sort((a, b) => a - b);
        resolve({
          connections: options.connections,
          seconds: result.duration,
          requests: latencies.length,
          requestsPerSecond: round(latencies.length / result.duration, 1),
          p50: round(percentile(latencies, 50), 2),
          p95: round(percentile(latencies, 95), 2),
          p99: round(percentile(latencies, 99), 2),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else failures.set(statusCode, (failures.get(statusCode) ?? 0) + 1);
    });
  });
}
