// What a page adds around its article that is not the article: the site's name after the headline, calls to sign up.
import { getDomain } from 'tldts';

/** What joins a headline to the site's name in a page title: "Headline | Site", "Headline - Site". */
const TITLE_SEPARATORS = [' | ', ' – ', ' — ', ' - ', ' :: ', ' · '];
/** A "| …" tail this short is the site or its section: a pipe is almost never part of a headline. */
const MAX_PIPE_TAIL_WORDS = 5;

const squeezed = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The names a site goes by: the name it gives itself, its host, and its domain without the suffix ("bbc" of bbc.co.uk). */
function siteNames(outlet: string | undefined, pageUrl: string): string[] {
  const names = outlet ? [outlet] : [];
  try {
    const host = new URL(pageUrl).hostname.replace(/^www\./, '');
    const domain = getDomain(host, { allowPrivateDomains: true }) ?? host;
    names.push(host, domain, domain.split('.')[0]!);
  } catch {
    // No host to compare with: only the outlet's name.
  }
  return names.map(squeezed).filter((n) => n.length >= 2);
}

/**
 * A page title without the site's name after it ("Bridge reopens | The Courier" → "Bridge
 * reopens"): the tail is dropped when it names the site (its own name, host or domain), or when
 * it follows a pipe and is a few words long. A title that would be left empty stays whole.
 */
export function withoutSiteName(title: string, outlet: string | undefined, pageUrl: string): string {
  const names = siteNames(outlet, pageUrl);
  let current = title;
  for (;;) {
    const found = TITLE_SEPARATORS.map((s) => ({ s, at: current.lastIndexOf(s) })).filter((f) => f.at > 0).sort((a, b) => b.at - a.at)[0];
    if (!found) return current;
    const head = current.slice(0, found.at).trim();
    const tail = squeezed(current.slice(found.at + found.s.length));
    const namesSite = tail !== '' && names.some((n) => tail === n || tail.includes(n) || n.includes(tail));
    const shortPipeTail = found.s === ' | ' && current.slice(found.at + 3).trim().split(/\s+/).length <= MAX_PIPE_TAIL_WORDS;
    if (head === '' || !(namesSite || shortPipeTail)) return current;
    current = head;
  }
}

/** A call to act rather than news: it starts by asking the reader to sign up, subscribe, follow or download. */
const CALL_TO_ACT = /^(?:sign up|sign-up|subscribe|get (?:our|the|all|breaking|daily|weekly)|join (?:our|the|us)|follow us|register|download (?:our|the)|enter your email|never miss|don't miss|don’t miss|want (?:more|the latest|to get))\b/i;
/** …about a mailing list, an inbox or an app: what sign-up lines offer. */
const OFFER = /\b(?:newsletters?|inbox|e-?mails?|subscri\w*|sign(?:ing)? up|alerts?|updates|app|podcast|notifications?)\b/i;
/** A sign-up line is a short paragraph; longer ones are article text that mentions a newsletter. */
const MAX_SIGN_UP_CHARS = 200;

/** Is this paragraph a newsletter or sign-up line ("Sign up for our daily newsletter"), not the article's text? */
export function isSignUpLine(paragraph: string): boolean {
  if (paragraph.length > MAX_SIGN_UP_CHARS) return false;
  const text = paragraph.trim();
  if (CALL_TO_ACT.test(text) && OFFER.test(text)) return true;
  // "Our newsletter … sign up": an offer anywhere in the line, unless it is reported speech.
  const offersNewsletter = /\bnewsletters?\b/i.test(text) && /\b(?:sign up|subscribe|inbox)\b/i.test(text);
  return offersNewsletter && !/[“"]/.test(text) && !/\b(?:said|says|told|according)\b/i.test(text);
}
