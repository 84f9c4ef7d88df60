import { parentPort, workerData } from 'node:worker_threads';
import { mergeSegments } from './mergeSegments.js';
import type { Segment } from './segment.js';

const { segments, removed } = workerData as { segments: Segment[]; removed: Uint8Array };
const merged = mergeSegments(segments, removed);
const arrays = Object.values(merged).filter((v): v is Uint32Array => v instanceof Uint32Array);
parentPort!.postMessage(merged, arrays.map((a) => a.buffer as ArrayBuffer));
