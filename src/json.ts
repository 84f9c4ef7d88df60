import type { AskResult } from './core/ask.js';

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
      document: { id: a.document.id, title: a.document.title, outlet: a.document.outlet, url: a.document.url, published: a.document.published, path: a.document.path },
    })),
  };
}
