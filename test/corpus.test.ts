import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError, loadCorpus } from '../src/core/corpus.js';
import { segment } from '../src/core/passages.js';
import { BUNDLED_CORPUS } from '../src/corpusDir.js';
import { article, corpusFolder, validFields } from './helpers/corpusFixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function problemsOf(files: Record<string, string | Uint8Array>) {
  const folder = corpusFolder(files);
  cleanups.push(folder.remove);
  try {
    loadCorpus(folder.dir);
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return (error as CorpusError).problems.map((p) => `${p.file}|${p.field}`);
  }
  throw new Error('the corpus loaded');
}

describe('loadCorpus', () => {
  it('loads the bundled seeds: five articles with their metadata', () => {
    const { documents } = loadCorpus(BUNDLED_CORPUS);
    expect(documents).toHaveLength(5);
    for (const d of documents) {
      expect(d.url).toMatch(/^https?:\/\//);
      expect(d.published).toMatch(/^2016-12-1[12]$/);
      expect(d.body.trim().length).toBeGreaterThan(1000);
      expect(d.body).not.toMatch(/Select Page|Leave a Comment|Leave a Reply|Media ID/);
    }
  });

  it('accepts an unquoted YAML date and keeps it as written', () => {
    const folder = corpusFolder({ 'a.md': '---\ntitle: T\noutlet: O\nurl: https://e.com/a\npublished: 2016-12-11\n---\nText of the article here.\n' });
    cleanups.push(folder.remove);
    expect(loadCorpus(folder.dir).documents[0]!.published).toBe('2016-12-11');
  });

  it('names the file and field of every missing or empty front-matter field at once', () => {
    const { title: _t, ...noTitle } = validFields(1);
    const problems = problemsOf({
      'no-title.md': article(noTitle),
      'empty-outlet.md': article({ ...validFields(2), outlet: '  ' }),
      'no-url.md': article({ ...validFields(3), url: undefined }),
    });
    expect(problems.sort()).toEqual(['empty-outlet.md|outlet', 'no-title.md|title', 'no-url.md|url']);
  });

  it('rejects an unparseable date, a date that does not exist and a non-http URL', () => {
    const problems = problemsOf({
      'a.md': article({ ...validFields(1), published: 'last Sunday' }),
      'b.md': article({ ...validFields(2), published: '2016-02-30' }),
      'c.md': article({ ...validFields(3), url: 'ftp://example.com/x' }),
      'd.md': article({ ...validFields(4), url: 'javascript:alert(1)' }),
    });
    expect(problems.sort()).toEqual(['a.md|published', 'b.md|published', 'c.md|url', 'd.md|url']);
  });

  it('rejects an empty body, a duplicate URL, invalid UTF-8 and non-Markdown files', () => {
    const problems = problemsOf({
      'empty.md': article(validFields(1), '   \n'),
      'first.md': article(validFields(2)),
      'second.md': article({ ...validFields(3), url: validFields(2).url }),
      'latin1.md': Buffer.concat([Buffer.from(article(validFields(4)).slice(0, 20)), Buffer.from([0xff, 0xfe, 0xe9])]),
      'notes.txt': 'not an article',
      'image.png': new Uint8Array([0x89, 0x50]),
    });
    expect(problems.sort()).toEqual(['empty.md|body', 'image.png|file', 'latin1.md|encoding', 'notes.txt|file', 'second.md|url']);
  });

  it('reports broken YAML and a missing front matter block', () => {
    const problems = problemsOf({
      'yaml.md': '---\ntitle: [unclosed\n---\nBody text.\n',
      'plain.md': 'Just text, no front matter.\n',
    });
    expect(problems.sort()).toEqual(['plain.md|front matter', 'yaml.md|front matter']);
  });

  it('says what to fix in its message, one line per problem', () => {
    const folder = corpusFolder({ 'x.md': article({ ...validFields(1), published: 'soon' }) });
    cleanups.push(folder.remove);
    expect(() => loadCorpus(folder.dir)).toThrow(/x\.md: published: "soon" is not a date; write it as YYYY-MM-DD/);
  });

  it('refuses an empty folder, a missing folder and a nested folder', () => {
    const folder = corpusFolder({});
    cleanups.push(folder.remove);
    expect(() => loadCorpus(folder.dir)).toThrow(/holds no Markdown articles/);
    expect(() => loadCorpus(join(folder.dir, 'missing'))).toThrow(/cannot be read \(ENOENT\)/);
    const nested = corpusFolder({ 'ok.md': article(validFields(1)) });
    cleanups.push(nested.remove);
    mkdirSync(join(nested.dir, 'sub'));
    expect(() => loadCorpus(nested.dir)).toThrow(/sub: file: is a folder/);
  });

  it('ignores dotfiles such as .gitkeep', () => {
    const folder = corpusFolder({ '.gitkeep': '', 'a.md': article(validFields(1)) });
    cleanups.push(folder.remove);
    expect(loadCorpus(folder.dir).documents.map((d) => d.id)).toEqual(['a']);
  });

  it('never evaluates front matter: a ---js block is refused naming the file, and no code runs', () => {
    const marker = '__verbatimFrontMatterRan';
    const payload = `---js\n{ title: (globalThis.${marker} = true, "T"), outlet: "O", url: "https://e.com/js", published: "2016-12-11" }\n---\nBody text of the article.\n`;
    const problems = problemsOf({
      'code.md': payload,
      'json.md': '---json\n{"title": "T"}\n---\nBody.\n',
      'tag.md': '---\ntitle: !!js/function "function () { return 1 }"\noutlet: O\nurl: https://e.com/t\npublished: 2016-12-11\n---\nBody text.\n',
    });
    expect(problems.sort()).toEqual(['code.md|front matter', 'json.md|front matter', 'tag.md|front matter']);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('refuses a date that is not a real calendar day, quoted or not', () => {
    const unquoted = (date: string, n: number) => `---\ntitle: T${n}\noutlet: O\nurl: https://e.com/${n}\npublished: ${date}\n---\nText of the article.\n`;
    const problems = problemsOf({
      'a.md': unquoted('2024-02-30', 1),
      'b.md': unquoted('2023-13-45', 2),
      'c.md': unquoted('"2024-02-30"', 3),
      'ok.md': unquoted('2024-02-29', 4),
    });
    expect(problems.sort()).toEqual(['a.md|published', 'b.md|published', 'c.md|published']);
  });

  it('splits a CRLF file exactly as the same file with LF, and no quote carries a carriage return', () => {
    const body = 'First paragraph says one thing here.\nIt goes on for a second sentence.\n\nSecond paragraph: forty families were evacuated on Monday.\n\nThird paragraph ends the article.\n';
    const lf = article(validFields(1), body);
    const folder = corpusFolder({ 'lf.md': lf, 'crlf.md': lf.replace(/\n/g, '\r\n').replace('https://example.com/1', 'https://example.com/2') });
    cleanups.push(folder.remove);
    const [crlf, plain] = loadCorpus(folder.dir).documents;
    const spans = (d: typeof crlf) => segment(d!, 0).map((p) => d!.body.slice(p.start, p.end));
    expect(spans(crlf)).toEqual(spans(plain));
    expect(spans(crlf).length).toBeGreaterThan(1);
    expect(crlf!.body).not.toContain('\r');
  });

  it('names a dangling symlink instead of crashing', () => {
    const folder = corpusFolder({ 'a.md': article(validFields(1)) });
    cleanups.push(folder.remove);
    symlinkSync(join(folder.dir, 'gone.md'), join(folder.dir, 'link.md'));
    expect(() => loadCorpus(folder.dir)).toThrow(CorpusError);
    expect(() => loadCorpus(folder.dir)).toThrow(/link\.md: file: cannot be read \(ENOENT\)/);
  });

  it('catches the same URL written differently as a duplicate', () => {
    const problems = problemsOf({
      'a.md': article({ ...validFields(1), url: 'HTTPS://Gazette.example/flood/' }),
      'b.md': article({ ...validFields(2), url: 'https://gazette.example/flood' }),
      'c.md': article({ ...validFields(3), url: 'https://gazette.example:443/flood#top' }),
    });
    expect(problems.sort()).toEqual(['b.md|url', 'c.md|url']);
  });
});
