import type { SourcesFor } from './core/findSources.js';
import type { AskResult } from './core/ask.js';
import type { Timeline } from './core/timeline.js';
import type { Outlet } from './core/sources.js';
import type { DocumentRef, VerbatimQuote } from './core/types.js';

/**
 * The public JSON shape of an answer (documented in README.md). Only listed fields go out, so
 * internal additions to the core never change the interface by accident.
 */
export function askJson(result: AskResult) {
  return {
    question: result.question,
    ...(result.status === 'invalid' ? { error: result.message } : {}),
    answers: result.answers.map((a) => ({
      rank: a.rank,
      score: Math.round(a.score * 10_000) / 10_000,
      quote: a.quote,
      start: a.start,
      end: a.end,
      document: documentJson(a.document),
      alsoReportedBy: a.alsoReportedBy.map(quoteJson),
    })),
    differences: result.status === 'answered' ? result.differences.map((d) => ({ quotes: d.quotes.map(quoteJson) })) : [],
  };
}

/** The public JSON shape of sources-for (README.md): each claim with its offsets in the text and its quotes. */
export function sourcesForJson(result: SourcesFor) {
  return {
    text: result.text,
    claims: result.claims.map((c) => ({
      claim: c.claim,
      start: c.start,
      end: c.end,
      found: c.quotes.length > 0,
      quotes: c.quotes.map((q) => ({ ...quoteJson(q), score: Math.round(q.score * 10_000) / 10_000 })),
      messageDiffers: c.messageDiffers.map((d) => ({ kind: d.kind, message: d.message, source: { ...quoteJson(d.source), at: d.source.at } })),
      sourcesDiffer: c.sourcesDiffer.map((d) => ({ quotes: d.quotes.map(quoteJson) })),
    })),
  };
}

/** The public JSON shape of /sources (README.md): outlets, each with its articles and their passage counts. */
export function sourcesJson(outlets: readonly Outlet[]) {
  return {
    outlets: outlets.map(({ outlet, documents }) => ({
      outlet,
      documents: documents.map((d) => ({ ...documentJson(d), ...(d.author !== undefined ? { author: d.author } : {}), passages: d.passages })),
    })),
  };
}

function documentJson(d: DocumentRef) {
  return { id: d.id, title: d.title, outlet: d.outlet, url: d.url, published: d.published, path: d.path };
}

const quoteJson = (q: VerbatimQuote) => ({ quote: q.quote, start: q.start, end: q.end, document: documentJson(q.document) });

/**
 * The public JSON shape of a timeline (README.md): the first quote of an event represents it;
 * `dates` counts the dates shown, `chronology` the dates and events of the whole chronology.
 */
export function timelineJson(timeline: Timeline) {
  return {
    events: timeline.events.map((e) => ({ date: e.iso, precision: e.precision, outlets: e.outlets, quotes: e.quotes.map(quoteJson) })),
    dates: timeline.dates,
    chronology: { dates: timeline.chronology.dates, events: timeline.chronology.events },
    differences: timeline.differences.map((d) => ({ quotes: d.quotes.map(quoteJson) })),
    undated: timeline.undated,
  };
}
