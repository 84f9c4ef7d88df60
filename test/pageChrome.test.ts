import { describe, expect, it } from 'vitest';
import { isSignUpLine, withoutSiteName } from '../src/web/pageChrome.js';
import { extractArticle } from '../src/web/extractArticle.js';

describe('what a page adds around its article', () => {
  it("drops the site's name after a headline, and keeps a headline that has none", () => {
    expect(withoutSiteName('Bridge reopens after repairs | The Coastal Courier', 'The Coastal Courier', 'https://courier.example/a')).toBe('Bridge reopens after repairs');
    expect(withoutSiteName('Bridge reopens after repairs - BBC News', undefined, 'https://www.bbc.co.uk/news/1')).toBe('Bridge reopens after repairs');
    expect(withoutSiteName('Bridge reopens | Local | Courier', undefined, 'https://news.example/a')).toBe('Bridge reopens');
    // A dash inside a headline, or a tail that is not the site, stays.
    expect(withoutSiteName('Rain - and more rain - for the valley', 'Courier', 'https://courier.example/a')).toBe('Rain - and more rain - for the valley');
    expect(withoutSiteName('Ministers agree budget - talks to resume on Monday after a long night', 'Courier', 'https://courier.example/a')).toBe('Ministers agree budget - talks to resume on Monday after a long night');
    expect(withoutSiteName('| Courier', 'Courier', 'https://courier.example/a')).toBe('| Courier');
  });

  it('knows a newsletter or sign-up line from article text that mentions one', () => {
    for (const line of ['Sign up for our daily newsletter.', 'Get the latest headlines delivered to your inbox every morning.', 'Subscribe to our podcast', 'Our Morning Briefing newsletter: sign up here', "Don't miss a story: download our app."]) {
      expect(isSignUpLine(line), line).toBe(true);
    }
    for (const line of [
      'The council will subscribe to the regional transport scheme, the mayor said.',
      'Subscribers were told the newsletter would close, the company said.',
      '“Sign up for the newsletter,” the flyer urged residents, who ignored it.',
      'Register offices reopened on Monday after the strike ended in the city.',
    ]) {
      expect(isSignUpLine(line), line).toBe(false);
    }
  });

  it('reads a page without its sign-up lines, titled without the site name', () => {
    const body = 'The harbour bridge reopened to traffic on Tuesday morning after eleven weeks of repairs, the transport office said. '.repeat(3);
    const page = `<html><head><title>Harbour bridge reopens | Coastal Courier</title><meta property="og:site_name" content="Coastal Courier"></head>
      <body><article><h1>Harbour bridge reopens</h1><p>${body}</p><p>Sign up for our weekly newsletter.</p><p>${body}</p></article></body></html>`;
    const article = extractArticle(page, 'https://courier.example/bridge');
    expect(article.title).toBe('Harbour bridge reopens');
    expect(article.paragraphs).toEqual([body.trim(), body.trim()]);
  });
});
