import { parentPort, workerData } from 'node:worker_threads';
import { analyzeDocument, PROGRESS_EVERY, type WorkerMessage } from './analyzeCorpus.js';
import { lemmaTable } from './analyzer.js';
import type { Document } from './types.js';

// Only the fields segmentation and analysis read travel to the worker.
const documents = workerData as Pick<Document, 'title' | 'body' | 'published'>[];
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const analyzed = documents.map((d, i) => {
  const result = analyzeDocument({ ...d, id: '', outlet: '', url: '', path: '' });
  if ((i + 1) % PROGRESS_EVERY === 0) post({ type: 'progress', done: PROGRESS_EVERY });
  return result;
});
post({ type: 'done', analyzed, lemmas: lemmaTable() });
