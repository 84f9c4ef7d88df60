import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isCalendarDate } from '../core/corpus.js';
import { isSignUpLine, withoutSiteName } from './pageChrome.js';

/** Below this much article text a page is not taken as an article (a index page, a paywall stub). */
export const MIN_ARTICLE_CHARS = 300;

export interface ExtractedArticle {
  title?: string;
  outlet?: string;
  /** Canonical URL when the page states one. */
  url?: string;
  /** YYYY-MM-DD when the page states a publication date. */
  published?: string;
  author?: string;
  /** The article's paragraphs, each exactly as the page shows its text (whitespace collapsed). */
  paragraphs: string[];
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report)$/;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

type Json = Record<string, unknown>;

/** NewsArticle-like objects of the page's JSON-LD (top level, arrays and @graph). */
function jsonLdArticles(document: Document): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const object = value as Json;
    const types = ([] as unknown[]).concat(object['@type'] ?? []);
    if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(object);
    if (object['@graph']) visit(object['@graph']);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A page's broken JSON-LD is skipped; the other sources of metadata remain.
    }
  }
  return found;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? collapse(value) : undefined);
const nameOf = (value: unknown): string | undefined => {
  if (Array.isArray(value)) return nameOf(value[0]);
  return text(value) ?? (value && typeof value === 'object' ? text((value as Json).name) : undefined);
};

/** The calendar day of an ISO date-time as the page wrote it ("2024-03-05T23:30:00-05:00" → 2024-03-05). */
function dayOf(value: string | undefined): string | undefined {
  const day = value?.trim().slice(0, 10);
  return day && isCalendarDate(day) ? day : undefined;
}

/**
 * Reads an article page: metadata from JSON-LD (NewsArticle/Article), then OpenGraph and
 * <meta>/<time>/<link rel=canonical>; the body's paragraphs from Mozilla Readability's pick of
 * the article, each the text of one <p> as the page shows it — captions, share widgets, comments
 * and "related" lists are outside the paragraphs it keeps, and the headline is not repeated.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const meta = (selector: string) => text(document.querySelector(selector)?.getAttribute('content'));
  const ld = jsonLdArticles(document as unknown as Document)[0] ?? {};
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  const resolve = (href: string | undefined) => {
    try {
      return href ? new URL(href, pageUrl).href : undefined;
    } catch {
      return undefined;
    }
  };
  const outlet = nameOf(ld.publisher) ?? meta('meta[property="og:site_name"]');
  // JSON-LD's headline is the headline alone; the others often end with the site's name.
  const pageTitle = meta('meta[property="og:title"]') ?? text(document.querySelector('title')?.textContent);
  const title = text(ld.headline) ?? (pageTitle === undefined ? undefined : withoutSiteName(pageTitle, outlet, pageUrl));
  const article = new Readability(document as unknown as Document, { charThreshold: 0 }).parse();
  const paragraphs: string[] = [];
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    for (const p of content.querySelectorAll('p')) {
      if (p.closest('figure, figcaption, aside, nav, footer')) continue;
      const line = collapse(p.textContent ?? '');
      // Newsletter and sign-up lines inside the article are the site's, not the article's.
      if (line !== '' && line !== title && line !== pageTitle && !isSignUpLine(line)) paragraphs.push(line);
    }
  }
  const byline = (line: string, author: string | undefined) => author !== undefined && line.length < author.length + 20 && /^by\s/i.test(line) && line.includes(author);
  const found: Omit<ExtractedArticle, 'paragraphs'> = {
    title,
    outlet,
    url: resolve(text(ld.url)) ?? resolve(canonical) ?? resolve(meta('meta[property="og:url"]')),
    published: dayOf(text(ld.datePublished)) ?? dayOf(meta('meta[property="article:published_time"]')) ?? dayOf(document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined),
    author: nameOf(ld.author) ?? meta('meta[name="author"]'),
  };
  const defined = Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) as Omit<ExtractedArticle, 'paragraphs'>;
  // A byline Readability kept as a paragraph ("By Mara Lind") is metadata, not article text.
  return { ...defined, paragraphs: paragraphs.filter((line) => !byline(line, found.author)) };
}
