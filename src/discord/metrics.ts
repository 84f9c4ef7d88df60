import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the bot counts: interactions, their latency, gateway reconnects and the index's size. */
export class Metrics {
  readonly registry = new Registry();
  readonly interactions = new Counter({
    name: 'verbatim_interactions_total',
    help: 'Interactions handled, by command, kind (command, autocomplete, button) and outcome.',
    labelNames: ['command', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'verbatim_interaction_seconds',
    help: 'Time from receiving an interaction to finishing its answer.',
    labelNames: ['command', 'kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  readonly reconnects = new Counter({ name: 'verbatim_gateway_reconnects_total', help: 'Gateway reconnections (resumed or identified again).', registers: [this.registry] });
  readonly restFailures = new Counter({
    name: 'verbatim_rest_failures_total',
    help: 'REST responses with an error status, by status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly passages = new Gauge({ name: 'verbatim_index_passages', help: 'Passages in the served index.', registers: [this.registry] });
  readonly articles = new Gauge({ name: 'verbatim_index_articles', help: 'Articles in the served corpus.', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'verbatim_' });
  }

  observe(entry: { command: string; kind: string; outcome: string; ms: number }): void {
    this.interactions.inc({ command: entry.command, kind: entry.kind, outcome: entry.outcome });
    this.latency.observe({ command: entry.command, kind: entry.kind }, entry.ms / 1000);
  }
}

/**
 * /healthz (200 when connected to the gateway with an index loaded, else 503) and /metrics
 * (Prometheus text), on 127.0.0.1 unless told otherwise: metrics are for the operator, not the web.
 */
export async function serveMetrics(metrics: Metrics, healthy: () => boolean, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      const ok = healthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(ok ? 'ok\n' : 'not ready\n');
    } else if (req.url === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
