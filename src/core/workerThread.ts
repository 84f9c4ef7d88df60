import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread running the module beside `importMetaUrl` named `name` (.ts under tsx, .js
 * compiled). Run from TypeScript sources, a worker does not inherit the loader (Node 20), so it
 * registers tsx itself before importing the module.
 */
export function startModuleWorker(importMetaUrl: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const fromSources = importMetaUrl.endsWith('.ts');
  const url = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, importMetaUrl).href;
  const source = fromSources ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })` : `import(${JSON.stringify(url)})`;
  return new Worker(source, { eval: true, workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}
