/**
 * Discord markdown: corpus text and user text must render as the characters they are. A
 * backslash before punctuation shows the punctuation itself, so escaping changes what Discord
 * parses, never what a reader sees.
 */
const ALWAYS = /[\\*_`~|<>@[\]#:]/g;
/** Block markers only mean something at the start of a line: lists and quotes. */
const LINE_START = /^([ \t]*)([-+]|\d+(?=\.\s))/gm;

export function escapeMarkdown(text: string): string {
  return text.replace(ALWAYS, '\\$&').replace(LINE_START, '$1\\$2');
}

export function bold(text: string): string {
  return `**${text}**`;
}

/** A masked link whose text is escaped and whose URL cannot close the link early. */
export function maskedLink(text: string, url: string): string {
  const safeUrl = url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(text)}](${safeUrl})`;
}
