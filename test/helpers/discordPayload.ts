import { expect } from 'vitest';

/** What a reader sees of Discord markdown we produce: escapes resolved, bold markers gone. */
export function unmarkdown(text: string): string {
  return text.replace(/(?<!\\)\*\*/g, '').replace(/\\(.)/g, '$1');
}

/** The quote inside a rendered “…” description, without the ellipsis a cut adds. */
export function quoteOf(description: string): string {
  const match = /^“([\s\S]*)”$/.exec(description);
  if (!match) throw new Error(`not a quote: ${description.slice(0, 80)}`);
  return unmarkdown(match[1]!).replace(/…$/, '');
}

/** Asserts Discord's message limits on a message body (interaction data or channel message). */
export function expectWithinLimits(body: { content?: string; embeds?: any[] }): void {
  expect((body.content ?? '').length).toBeLessThanOrEqual(2000);
  const embeds = body.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(256);
    expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(2048);
    expect((e.author?.name ?? '').length).toBeLessThanOrEqual(256);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    total += (e.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
}

/** Every one of `chars` in `text` is preceded by a backslash, so none opens markdown or a mention. */
export function expectAllEscaped(text: string, chars: string): void {
  for (let i = 0; i < text.length; i++) {
    if (chars.includes(text[i]!)) expect(text[i - 1], `${text[i]} at ${i} in ${text}`).toBe('\\');
  }
}
