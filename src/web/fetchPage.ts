import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { MESSAGES } from '../messages.js';

/** Limits for fetching a page a user names (Discord or CLI). */
const FETCH_LIMITS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;
const USER_AGENT = 'Verbatim/0.1 (+https://github.com/verbatim; quotes news articles verbatim with their links)';

/** Why a page was not fetched: one clear line each. */
export class FetchRefused extends Error {
  override name = 'FetchRefused';
}

/** Addresses a bot fetching user-given URLs must never reach (SSRF): loopback, private, link-local, multicast, unspecified. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

function isPrivate(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Refuses a URL whose host resolves to any private address, unless ALLOW_PRIVATE_URLS=1 (tests). */
async function checkHost(url: URL, env: NodeJS.ProcessEnv): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused(MESSAGES.httpOnly(url.protocol));
  if (env.ALLOW_PRIVATE_URLS === '1') return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new FetchRefused(MESSAGES.unresolvable(host));
  }
  if (addresses.some(isPrivate)) throw new FetchRefused(MESSAGES.privateAddress(host));
}

export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  html: string;
}

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml'];

export interface FetchedFeed {
  url: string;
  /** Undefined when the server said the feed has not changed (304 to a conditional GET). */
  xml?: string;
  etag?: string;
  lastModified?: string;
}

/** Fetches a feed with a conditional GET (ETag / Last-Modified from the last poll), under the same limits and checks as a page. */
export async function fetchFeed(address: string, since: { etag?: string; lastModified?: string } = {}, env: NodeJS.ProcessEnv = process.env): Promise<FetchedFeed> {
  const headers: Record<string, string> = { accept: FEED_TYPES.join(',') };
  if (since.etag) headers['if-none-match'] = since.etag;
  if (since.lastModified) headers['if-modified-since'] = since.lastModified;
  const { url, response } = await request(address, headers, env);
  const validators = {
    ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}),
    ...(response.headers.get('last-modified') ? { lastModified: response.headers.get('last-modified')! } : {}),
  };
  if (response.status === 304) {
    await response.body?.cancel();
    return { url, ...since, ...validators };
  }
  checkType(response, FEED_TYPES, 'not a feed');
  return { url, xml: await readLimited(response), ...validators };
}

function checkType(response: Response, accepted: string[], what: string): void {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accepted.includes(type)) {
    void response.body?.cancel();
    throw new FetchRefused(MESSAGES.wrongType(what, type));
  }
}

/**
 * Fetches an HTML page: at most FETCH_LIMITS (time, size, redirects), HTML or XHTML only, the
 * host checked against private addresses before the first request and before every redirect.
 */
export async function fetchPage(address: string, env: NodeJS.ProcessEnv = process.env, timeoutMs: number = FETCH_LIMITS.timeoutMs): Promise<FetchedPage> {
  const { url, response } = await request(address, { accept: HTML_TYPES.join(',') }, env, timeoutMs);
  checkType(response, HTML_TYPES, 'not an HTML page');
  return { url, html: await readLimited(response, timeoutMs) };
}

/** The one line for a request that ran out of time (connecting, waiting or reading). */
const tooSlow = (timeoutMs: number) => new FetchRefused(MESSAGES.tooSlow(timeoutMs / 1000));

/** One GET with the limits and checks, following redirects by hand; a 2xx or 304 response comes back. */
async function request(address: string, headers: Record<string, string>, env: NodeJS.ProcessEnv, timeoutMs: number = FETCH_LIMITS.timeoutMs): Promise<{ url: string; response: Response }> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchRefused(MESSAGES.notAUrl(address));
  }
  // One deadline for the whole fetch: every redirect and reading the body too.
  const signal = AbortSignal.timeout(timeoutMs);
  for (let redirects = 0; ; redirects++) {
    await checkHost(url, env);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers: { 'user-agent': USER_AGENT, ...headers } });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw tooSlow(timeoutMs);
      throw new FetchRefused(MESSAGES.cannotConnect((error as Error).message));
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      if (redirects >= FETCH_LIMITS.maxRedirects) throw new FetchRefused(MESSAGES.tooManyRedirects(FETCH_LIMITS.maxRedirects));
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    if (!response.ok && response.status !== 304) {
      await response.body?.cancel();
      throw new FetchRefused(MESSAGES.serverAnswered(response.status, response.statusText));
    }
    return { url: url.href, response };
  }
}

async function readLimited(response: Response, timeoutMs: number = FETCH_LIMITS.timeoutMs): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > FETCH_LIMITS.maxBytes) {
    await response.body?.cancel();
    throw new FetchRefused(MESSAGES.tooLarge(FETCH_LIMITS.maxBytes / 1024 / 1024));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') throw tooSlow(timeoutMs);
      throw new FetchRefused(MESSAGES.brokeWhileReading((error as Error).message));
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > FETCH_LIMITS.maxBytes) {
      await reader.cancel();
      throw new FetchRefused(MESSAGES.tooLarge(FETCH_LIMITS.maxBytes / 1024 / 1024));
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
