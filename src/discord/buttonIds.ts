/**
 * A button's custom id names the command whose message carries it, what the button does, the
 * answer session and a page: `ask:page:<session>:<page>`. Ids come back from Discord as users'
 * input, so decoding checks every part and a forged id decodes to undefined.
 */
const BUTTON_ACTIONS = ['page', 'sources', 'post'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export interface ButtonId {
  command: string;
  action: ButtonAction;
  sessionId: string;
  page: number;
}

const PATTERN = /^([a-z-]{1,32}):([a-z]{1,16}):([0-9a-f]{1,64}):(\d{1,3})$/;

export function encodeButtonId({ command, action, sessionId, page }: ButtonId): string {
  return `${command}:${action}:${sessionId}:${page}`;
}

export function decodeButtonId(customId: string): ButtonId | undefined {
  const match = PATTERN.exec(customId);
  if (!match || !(BUTTON_ACTIONS as readonly string[]).includes(match[2]!)) return undefined;
  return { command: match[1]!, action: match[2] as ButtonAction, sessionId: match[3]!, page: Number(match[4]) };
}
