import { lookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import { MESSAGES } from '../messages.js';
import { webSettings } from '../config.js';

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
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
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

/** 16-bit groups of an IPv6 address ("::ffff:1.2.3.4" included), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g || '0', 16));
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/**
 * The IPv4 address an IPv6 address carries, when it carries one a router would reach: mapped
 * (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:abcd:…).
 */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g) return undefined;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0) && (g[6] !== 0 || g[7]! > 1)) return ipv4Of(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4Of(g[6]!, g[7]!);
  if (g[0] === 0x2002) return ipv4Of(g[1]!, g[2]!);
  return undefined;
}

/** Whether an address is one a fetch must never reach, however it is written. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) return PRIVATE.check(address, 'ipv4');
  const v4 = embeddedIpv4(address);
  if (v4) return PRIVATE.check(v4, 'ipv4');
  return PRIVATE.check(address, 'ipv6');
}

/** A lookup found a private address: the connection is never made. */
class PrivateAddress extends Error {
  constructor(readonly host: string) {
    super(`${host} resolves to a private address`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The lookup every connection makes, checking what it found: the address checked is the address
 * connected to, so a name that resolves to a public address once and to loopback the next time
 * (DNS rebinding) cannot slip through between a check and the connection.
 */
function checkedLookup(hostname: string, options: LookupAllOptions | { all?: boolean }, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.some((a) => isPrivateAddress(a.address))) return callback(new PrivateAddress(hostname), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

let pinnedAgent: Agent | undefined;
let openAgent: Agent | undefined;
/**
 * The connections: to public addresses only, unless private ones are allowed (tests against
 * 127.0.0.1). None is kept open for reuse (pipelining 0): pages come one at a time from many
 * hosts, and a kept connection the server closes just as it is reused fails the fetch (ECONNRESET).
 */
const agentFor = (allowPrivate: boolean) =>
  allowPrivate ? (openAgent ??= new Agent({ pipelining: 0 })) : (pinnedAgent ??= new Agent({ pipelining: 0, connect: { lookup: checkedLookup as never } }));

/** Refuses a URL that is not http(s), or names a private address outright, unless private addresses are allowed (tests). */
function checkUrl(url: URL, allowPrivate: boolean): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused(MESSAGES.httpOnly(url.protocol));
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A name is checked where it is resolved, when connecting (checkedLookup); an address here.
  if (isIP(host) && isPrivateAddress(host)) throw new FetchRefused(MESSAGES.privateAddress(host));
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
export async function fetchFeed(address: string, since: { etag?: string; lastModified?: string } = {}, allowPrivate = webSettings().allowPrivateUrls): Promise<FetchedFeed> {
  const headers: Record<string, string> = { accept: FEED_TYPES.join(',') };
  if (since.etag) headers['if-none-match'] = since.etag;
  if (since.lastModified) headers['if-modified-since'] = since.lastModified;
  const { url, response } = await request(address, headers, allowPrivate);
  const validators = {
    ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}),
    ...(response.headers.get('last-modified') ? { lastModified: response.headers.get('last-modified')! } : {}),
  };
  if (response.status === 304) {
    await response.body?.cancel();
    return { url, ...since, ...validators };
  }
  checkType(response, FEED_TYPES, 'not a feed');
  return { url, xml: decodePage(await readLimited(response), response.headers.get('content-type')), ...validators };
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
export async function fetchPage(address: string, allowPrivate = webSettings().allowPrivateUrls, timeoutMs: number = FETCH_LIMITS.timeoutMs): Promise<FetchedPage> {
  const { url, response } = await request(address, { accept: HTML_TYPES.join(',') }, allowPrivate, timeoutMs);
  checkType(response, HTML_TYPES, 'not an HTML page');
  return { url, html: decodePage(await readLimited(response, timeoutMs), response.headers.get('content-type')) };
}

/** Fetches a file's bytes (an uploaded article), under the same limits and checks as a page, of any type. */
export async function fetchFile(address: string, allowPrivate = webSettings().allowPrivateUrls): Promise<{ url: string; bytes: Buffer; contentType: string | null }> {
  const { url, response } = await request(address, {}, allowPrivate);
  return { url, bytes: await readLimited(response), contentType: response.headers.get('content-type') };
}

/** An uploaded page's text in the character set it declares (see decodePage). */
export function decodeHtml(bytes: Buffer, contentType: string | null): string {
  return decodePage(bytes, contentType);
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** The character set a page or feed is written in: its byte-order mark, else its Content-Type, else its XML declaration or <meta>, else UTF-8. */
function charsetOf(bytes: Buffer, contentType: string | null): string {
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  if (bom) return bom[1];
  const declared = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1];
  if (declared) return declared;
  const head = bytes.subarray(0, 2048).toString('latin1');
  return /^\s*<\?xml[^>]+encoding\s*=\s*["']([^"']+)/i.exec(head)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([^"'>;\s/]+)/i.exec(head)?.[1] ?? 'utf-8';
}

/**
 * A page's text in the character set it declares ("Café" stays "Café" in an ISO-8859-1 page);
 * bytes that are not valid in it refuse the page rather than become "�" in a verbatim quote.
 */
function decodePage(bytes: Buffer, contentType: string | null): string {
  const charset = charsetOf(bytes, contentType);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new FetchRefused(MESSAGES.unknownCharset(charset));
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new FetchRefused(MESSAGES.badEncoding(decoder.encoding));
  }
}

/** The one line for a request that ran out of time (connecting, waiting or reading). */
const tooSlow = (timeoutMs: number) => new FetchRefused(MESSAGES.tooSlow(timeoutMs / 1000));

/** One GET with the limits and checks, following redirects by hand; a 2xx or 304 response comes back. */
async function request(address: string, headers: Record<string, string>, allowPrivate: boolean, timeoutMs: number = FETCH_LIMITS.timeoutMs): Promise<{ url: string; response: Response }> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchRefused(MESSAGES.notAUrl(address));
  }
  // One deadline for the whole fetch: every redirect and reading the body too.
  const signal = AbortSignal.timeout(timeoutMs);
  const dispatcher = agentFor(allowPrivate);
  for (let redirects = 0; ; redirects++) {
    checkUrl(url, allowPrivate);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, dispatcher, headers: { 'user-agent': USER_AGENT, ...headers } });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw tooSlow(timeoutMs);
      const cause = (error as Error).cause;
      if (cause instanceof PrivateAddress) throw new FetchRefused(MESSAGES.privateAddress(cause.host));
      if ((cause as NodeJS.ErrnoException | undefined)?.code === 'ENOTFOUND') throw new FetchRefused(MESSAGES.unresolvable(url.hostname));
      throw new FetchRefused(MESSAGES.cannotConnect(((cause as Error | undefined) ?? (error as Error)).message));
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

async function readLimited(response: Response, timeoutMs: number = FETCH_LIMITS.timeoutMs): Promise<Buffer> {
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
  return Buffer.concat(chunks);
}
