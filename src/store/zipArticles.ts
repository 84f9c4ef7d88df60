import { setImmediate as breathe } from 'node:timers/promises';
import { startModuleWorker } from '../core/workerThread.js';

/** Files encoded between two turns of the event loop. */
const FILES_PER_STEP = 100;

/**
 * Articles as one zip archive, compressed on a worker thread: fflate compresses files under
 * 160 kB on the calling thread, and a library's 50 MB of articles would stall the bot for seconds.
 * The text is encoded here in steps and its bytes moved to the worker, not copied.
 */
export async function zipArticles(files: readonly { name: string; text: string }[]): Promise<Buffer> {
  const encoder = new TextEncoder();
  const encoded: { name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % FILES_PER_STEP === 0) await breathe();
    encoded.push({ name: files[i]!.name, bytes: encoder.encode(files[i]!.text) });
  }
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'zipWorker', undefined);
    worker.once('message', (archive: Uint8Array) => {
      resolve(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the archive worker stopped (exit ${code})`)));
    worker.postMessage(encoded, encoded.map((f) => f.bytes.buffer as ArrayBuffer));
  });
}
