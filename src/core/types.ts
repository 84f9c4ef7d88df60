/** An article of the corpus, as loaded and validated from one Markdown file. */
export interface Document {
  /** File name without extension: stable across runs, unique within a folder. */
  id: string;
  title: string;
  outlet: string;
  url: string;
  /** ISO calendar date, YYYY-MM-DD. */
  published: string;
  author?: string;
  /** Path relative to the corpus folder. */
  path: string;
  /** The article text after the front matter; every offset in Verbatim points into it. */
  body: string;
}

/** The public face of a document in results: everything but the body. */
export type DocumentRef = Omit<Document, 'body'>;

export function documentRef(document: Document): DocumentRef {
  const { body: _body, ...ref } = document;
  return ref;
}

/** A verbatim piece of an article: `quote` is always `body.slice(start, end)` of its document. */
export interface VerbatimQuote {
  quote: string;
  start: number;
  end: number;
  document: DocumentRef;
}

/** A character range [start, end) in a document body. */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {}

/** A few consecutive sentences of one paragraph: the unit that is indexed and quoted. */
export interface Passage extends Span {
  /** Index into the corpus's passage list; also the search index id. */
  id: number;
  document: Document;
  /** Position of the paragraph in its document (0-based): two passages of one paragraph share it. */
  paragraph: number;
  readonly sentences: Sentence[];
}
