import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorAndBot } from '../emulator/harness.js';
import { snowflake, type RecordedCall } from '../emulator/discordEmulator.js';
import { seedVerbatim } from '../helpers/seeds.js';
import { expectWithinLimits, quoteOf } from '../helpers/discordPayload.js';

const STRING = 3;
const BOOLEAN = 5;
const EPHEMERAL = 64;

const verbatim = seedVerbatim();
const bodyByUrl = new Map(verbatim.corpus.documents.map((d) => [d.url, d.body]));


function buttonsOf(data: any): { label: string; custom_id: string; disabled?: boolean }[] {
  return (data.components ?? []).flatMap((row: any) => row.components);
}

function expectVerbatim(embeds: any[]) {
  for (const e of embeds.filter((e) => e.url)) expect(bodyByUrl.get(e.url)).toContain(quoteOf(e.description));
}

describe('/ask buttons and autocomplete', () => {
  let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  beforeAll(async () => {
    env = await startEmulatorAndBot();
  }, 90_000);
  afterAll(async () => env?.stop());

  async function ask(question: string, userId: string, hide = false) {
    const interaction = env.emulator.interact({
      name: 'ask',
      userId,
      options: [{ name: 'question', type: STRING, value: question }, ...(hide ? [{ name: 'hide', type: BOOLEAN, value: true }] : [])],
    });
    const [callback] = await env.emulator.replyTo(interaction);
    return callback!.body.data;
  }

  const click = async (customId: string, userId: string, message: any, done?: (calls: RecordedCall[]) => boolean) =>
    env.emulator.replyTo(env.emulator.click({ customId, userId, message }), done);

  it('pages through further quotes in place, for the asker only', async () => {
    const asker = snowflake();
    const first = await ask('Palmyra ISIS army', asker);
    const buttons = buttonsOf(first);
    expect(buttons.map((b) => b.label)).toEqual(['◀ Back', 'More ▶', 'Show sources']);
    expect(buttons[0]!.disabled).toBe(true);
    expect(buttons[1]!.disabled).toBe(false);
    expect(first.content).toMatch(/\(page 1 of \d\)/);
    expect(first.embeds.filter((e: any) => e.url)).toHaveLength(3);

    const more = buttons[1]!.custom_id;
    const [other] = await click(more, snowflake(), first);
    expect(other!.body.type).toBe(4);
    expect(other!.body.data.flags).toBe(EPHEMERAL);
    expect(other!.body.data.content).toMatch(/Only the person who asked/);

    const [paged] = await click(more, asker, first);
    expect(paged!.body.type).toBe(7);
    const page2 = paged!.body.data;
    expect(page2.content).toMatch(/\(page 2 of \d\)/);
    expect(page2.allowed_mentions).toEqual({ parse: [] });
    expectWithinLimits(page2);
    expectVerbatim(page2.embeds);
    const firstUrls = first.embeds.map((e: any) => `${e.url}#${e.footer?.text}`);
    for (const e of page2.embeds) expect(firstUrls).not.toContain(`${e.url}#${e.footer?.text}`);
    expect(page2.embeds[0].footer.text).toMatch(/^#4 /);
    expect(buttonsOf(page2)[0]!.disabled).toBe(false);
  });

  it('lists the quoted articles for anyone who clicks "Show sources", privately', async () => {
    const first = await ask('who retook Palmyra', snowflake());
    const sources = buttonsOf(first).find((b) => b.label === 'Show sources')!;
    const [reply] = await click(sources.custom_id, snowflake(), first);
    expect(reply!.body.data.flags).toBe(EPHEMERAL);
    const description: string = reply!.body.data.embeds[0].description;
    for (const e of first.embeds.filter((e: any) => e.url)) expect(description).toContain(`](${e.url})`);
  });

  it('reposts a hidden answer publicly with "Post to channel", without buttons', async () => {
    const asker = snowflake();
    const hidden = await ask('what jet was downed', asker, true);
    expect(hidden.flags).toBe(EPHEMERAL);
    const post = buttonsOf(hidden).find((b) => b.label === 'Post to channel')!;
    expect(post).toBeDefined();
    const [posted] = await click(post.custom_id, asker, hidden);
    expect(posted!.body.type).toBe(4);
    expect(posted!.body.data.flags ?? 0).toBe(0);
    expect(posted!.body.data.components ?? []).toEqual([]);
    expect(posted!.body.data.allowed_mentions).toEqual({ parse: [] });
    expectVerbatim(posted!.body.data.embeds);
  });

  it('merges the same report from several outlets into one quote, counted', async () => {
    const sunday = await ask('who recaptured Palmyra on Sunday', snowflake());
    const corroborated = sunday.embeds.find((e: any) => /reported by \d outlets/.test(e.footer?.text ?? ''));
    expect(corroborated).toBeDefined();
    expect(corroborated.fields[0].name).toBe('Also reported by');
    expect(corroborated.fields[0].value).toMatch(/\]\(https?:\/\//);
  });

  it('suggests questions from titles and names as the reader types', async () => {
    const interaction = env.emulator.interact({
      name: 'ask',
      type: 'autocomplete',
      options: [{ name: 'question', type: STRING, value: 'who retook palm', focused: true }],
    });
    const [reply] = await env.emulator.replyTo(interaction);
    expect(reply!.body.type).toBe(8);
    const choices = reply!.body.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: 'who retook Palmyra', value: 'who retook Palmyra' });
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('filters by publication date, and refuses a malformed date', async () => {
    const interaction = env.emulator.interact({
      name: 'ask',
      options: [
        { name: 'question', type: STRING, value: 'Palmyra' },
        { name: 'from', type: STRING, value: '2016-12-12' },
      ],
    });
    const [reply] = await env.emulator.replyTo(interaction);
    const urls = reply!.body.data.embeds.filter((e: any) => e.url).map((e: any) => e.url);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(verbatim.corpus.documents.find((d) => d.url === url)!.published >= '2016-12-12').toBe(true);
    const bad = env.emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'Palmyra' }, { name: 'to', type: STRING, value: 'next week' }] });
    const [refusal] = await env.emulator.replyTo(bad);
    expect(refusal!.body.data.flags).toBe(EPHEMERAL);
    expect(refusal!.body.data.content).toMatch(/to must be a date/);
  });
  it('made only requests Discord knows and failed no interaction', async () => {
    // Runs after the others in this block.
    expect(env.emulator.unknownRoutes).toEqual([]);
    expect(env.bot.logs.filter((l) => l.msg === 'interaction failed')).toEqual([]);
  });
});

describe('/ask buttons expire cleanly', () => {
  let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  beforeAll(async () => {
    env = await startEmulatorAndBot({ ASK_BUTTONS_TTL_SECONDS: '1' });
  }, 90_000);
  afterAll(async () => env?.stop());

  it('spends no REST call when buttons expire; a click on an expired one takes them off and says so privately', async () => {
    const asker = snowflake();
    const interaction = env.emulator.interact({ name: 'ask', userId: asker, options: [{ name: 'question', type: STRING, value: 'Palmyra ISIS army' }] });
    const calls = await env.emulator.replyTo(interaction);
    // Past the 1 s lifetime: the answer's message is never edited (one edit per answer clogged
    // Discord's shared rate budget after a burst of asks).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(env.emulator.callsFor(interaction).map((c) => c.method)).toEqual(['POST']);
    const message = calls[0]!.body.data;
    const more = buttonsOf(message).find((b) => b.label === 'More ▶')!;
    const after = await env.emulator.replyTo(env.emulator.click({ customId: more.custom_id, userId: asker, message }), (c) => c.length >= 2);
    expect(after[0]!.body).toMatchObject({ type: 7, data: { components: [] } });
    expect(after[1]!.body.content).toMatch(/expired/);
    expect(after[1]!.body.flags).toBe(EPHEMERAL);
  });
});
