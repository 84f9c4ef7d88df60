// Compresses an export's articles into one zip archive, on a worker thread (see zipArticles).
import { parentPort } from 'node:worker_threads';
import { zipSync } from 'fflate';

parentPort!.once('message', (files: { name: string; bytes: Uint8Array }[]) => {
  const archive = zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
  parentPort!.postMessage(archive, [archive.buffer]);
});
