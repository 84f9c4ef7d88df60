import { parentPort, workerData } from 'node:worker_threads';
import { analyzeDocument } from './analyzeCorpus.js';
import { lemmaTable } from './analyzer.js';
import type { Document } from './types.js';

// Only the fields segmentation and analysis read travel to the worker.
const documents = workerData as Pick<Document, 'title' | 'body' | 'published'>[];
const analyzed = documents.map((d) => analyzeDocument({ ...d, id: '', outlet: '', url: '', path: '' }));
parentPort!.postMessage({ analyzed, lemmas: lemmaTable() });
