import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorAndBot } from '../emulator/harness.js';
import { snowflake, type DiscordEmulator } from '../emulator/discordEmulator.js';
import { BUNDLED_CORPUS } from '../../src/corpusDir.js';
import { article, validFields } from '../helpers/corpusFixture.js';
import { quoteOf } from '../helpers/discordPayload.js';

const STRING = 3;
const EPHEMERAL = 64;

async function reply(emulator: DiscordEmulator, interaction: { id: string; token: string }, done = (n: number) => n > 0) {
  return emulator.replyTo(interaction, (calls) => done(calls.length), 60_000);
}

const ask = (emulator: DiscordEmulator, question: string) =>
  emulator.interact({ name: 'ask', userId: snowflake(), options: [{ name: 'question', type: STRING, value: question }] });

describe('corpus reload without downtime', () => {
  let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  let corpus: string;
  let cache: string;

  beforeAll(async () => {
    corpus = mkdtempSync(join(tmpdir(), 'verbatim-reload-'));
    cache = mkdtempSync(join(tmpdir(), 'verbatim-reload-cache-'));
    cpSync(BUNDLED_CORPUS, corpus, { recursive: true });
    env = await startEmulatorAndBot({ CORPUS_DIR: corpus, VERBATIM_CACHE_DIR: cache, WATCH_CORPUS: '1', ASK_COOLDOWN_SECONDS: '0' });
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
    rmSync(corpus, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  const admin = () => env.emulator.interact({ name: 'reload', roles: [env.emulator.guild.ids.adminRole] });

  it('refuses /reload to a member without Manage Server, whatever Discord lets them see', async () => {
    const calls = await reply(env.emulator, env.emulator.interact({ name: 'reload', roles: [env.emulator.guild.ids.moderatorRole] }));
    expect(calls[0]!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(calls[0]!.body.data.content).toMatch(/Only members with Manage Server in the bot's home server/);
    expect(env.bot.logs.some((l) => l.msg === 'corpus reloaded')).toBe(false);
  });

  it('refuses a corpus with errors, shows the admin every problem, and keeps serving the old corpus', async () => {
    const { emulator } = env;
    const first = join(corpus, '000_0c311ef2ebfc9d81.md');
    const original = readFileSync(first, 'utf8');
    writeFileSync(first, original.replace(/^url: .*$/m, 'url: not-a-url').replace(/^published: .*$/m, "published: 'soon'"));
    writeFileSync(join(corpus, 'notes.txt'), 'scratch');
    const calls = await reply(emulator, admin(), (n) => n >= 2);
    expect(calls[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const answer = calls.find((c) => c.method === 'PATCH')!.body;
    expect(answer.content).toMatch(/3 problems; still serving the previous version/);
    const listed: string = answer.embeds[0].description;
    expect(listed).toMatch(/000\\_0c311ef2ebfc9d81\.md\*\* — url/);
    expect(listed).toMatch(/— published/);
    expect(listed).toMatch(/notes\.txt\*\* — file/);
    const still = await reply(emulator, ask(emulator, 'who retook Palmyra'));
    expect(still[0]!.body.data.embeds.length).toBeGreaterThan(0);
    writeFileSync(first, original);
    rmSync(join(corpus, 'notes.txt'));
  });

  it('swaps in a fixed corpus with a new article, and answers from it', async () => {
    const { emulator } = env;
    writeFileSync(join(corpus, 'zz-lighthouse.md'), article({ ...validFields(7), title: 'Keepers', outlet: 'Harbour Gazette', url: 'https://harbour.example/keepers' }, 'The lighthouse keeper rowed to the island at dawn with the new lamp.\n'));
    const calls = await reply(emulator, admin(), (n) => n >= 2);
    expect(calls.find((c) => c.method === 'PATCH')!.body.content).toMatch(/Reloaded: 6 articles, \d+ passages/);
    const answer = await reply(emulator, ask(emulator, 'who rowed to the island with the lamp'));
    const embed = answer[0]!.body.data.embeds[0];
    expect(embed.url).toBe('https://harbour.example/keepers');
    expect(quoteOf(embed.description)).toBe('The lighthouse keeper rowed to the island at dawn with the new lamp.');
  });

  it('reloads by itself when WATCH_CORPUS=1 and a file changes', async () => {
    const { emulator, bot } = env;
    const reloads = () => bot.logs.filter((l) => l.msg === 'corpus reloaded' && l.trigger === 'watch').length;
    const before = reloads();
    writeFileSync(join(corpus, 'zz-bakery.md'), article({ ...validFields(8), title: 'Bakers', outlet: 'Harbour Gazette', url: 'https://harbour.example/bakers' }, 'The bakers of the old harbour knead sourdough before sunrise.\n'));
    await bot.waitForLog(() => reloads() > before, 30_000);
    const answer = await reply(emulator, ask(emulator, 'who kneads sourdough before sunrise'));
    expect(answer[0]!.body.data.embeds[0].url).toBe('https://harbour.example/bakers');
  });
});

describe('operations: logs and metrics', () => {
  let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  let metricsPort = 0;

  beforeAll(async () => {
    env = await startEmulatorAndBot({ METRICS_PORT: '0', LOG_QUESTIONS: '1', ASK_COOLDOWN_SECONDS: '0' });
    metricsPort = (await env.bot.waitForLog((l) => l.msg === 'metrics listening')).port;
  }, 120_000);
  afterAll(async () => env?.stop());

  it('serves /healthz (200 when connected) and Prometheus metrics on 127.0.0.1', async () => {
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    await reply(env.emulator, ask(env.emulator, 'who retook Palmyra'));
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/verbatim_interactions_total\{command="ask",kind="command",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/verbatim_interaction_seconds_bucket/);
    expect(text).toMatch(/verbatim_index_passages \d+/);
    expect(text).toMatch(/verbatim_gateway_reconnects_total 0/);
    const logLine = env.bot.logs.find((l) => l.msg === 'metrics listening')!;
    expect(logLine.host).toBe('127.0.0.1');
  });

  it('keeps metric labels bounded: forged button ids all count as one "unknown" command', async () => {
    const clicks = Array.from({ length: 30 }, (_, i) =>
      env.emulator.click({ customId: i % 2 ? `forged${i}:page:ab:1` : `ask:page:${'f'.repeat(12)}${i}:x`, userId: snowflake(), message: { content: 'x', components: [] } }),
    );
    for (const click of clicks) await env.emulator.replyTo(click);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const commands = new Set([...text.matchAll(/verbatim_interactions_total\{command="([^"]+)"/g)].map((m) => m[1]));
    expect([...commands].sort()).toEqual(['ask', 'unknown']);
  });

  it('reports 503 while the gateway is down', async () => {
    env.emulator.hold();
    let during: Response;
    try {
      env.emulator.closeGateway(4000);
      await new Promise((r) => setTimeout(r, 500));
      during = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    } finally {
      env.emulator.release();
    }
    expect(during.status).toBe(503);
    await env.emulator.waitFor(() => env.emulator.connected() && env.emulator.resumes.length > 0, 20_000);
    const after = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(after.status).toBe(200);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/verbatim_gateway_reconnects_total [1-9]/);
  });

  it('puts the question in the log line only with LOG_QUESTIONS=1, and never the token', async () => {
    const interaction = ask(env.emulator, 'what jet was downed');
    const line = await env.bot.waitForLog((l) => l.interaction === interaction.id && l.msg === 'interaction');
    expect(line).toMatchObject({ command: 'ask', outcome: 'ok', question: 'what jet was downed' });
    expect(typeof line.ms).toBe('number');
  });
});
