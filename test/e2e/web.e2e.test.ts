import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorAndBot } from '../emulator/harness.js';
import type { DiscordEmulator, EmulatedOption, RecordedCall } from '../emulator/discordEmulator.js';
import { BUNDLED_CORPUS } from '../../src/corpusDir.js';
import { quoteOf } from '../helpers/discordPayload.js';

const STRING = 3;
const SUBCOMMAND = 1;
const CHANNEL = 7;
const EPHEMERAL = 64;
const page = (name: string) => readFileSync(new URL(`../fixtures/web/${name}`, import.meta.url), 'utf8');

describe('articles from the web in Discord: /add, /feed and polling', () => {
  let server: Server;
  let base = '';
  let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  const temp: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/news/2024/harbour-bridge-reopens') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(page('jsonld.html'));
      }
      if (req.url === '/orchard') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(page('opengraph-nodate.html'));
      }
      if (req.url === '/rss.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Weekly</title><item><title>Orchard</title><link>${base}/orchard</link><pubDate>Sat, 12 Oct 2024 08:00:00 GMT</pubDate></item></channel></rss>`);
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<p>Not found</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const corpus = mkdtempSync(join(tmpdir(), 'verbatim-web-corpus-'));
    const data = mkdtempSync(join(tmpdir(), 'verbatim-web-data-'));
    temp.push(corpus, data);
    cpSync(BUNDLED_CORPUS, corpus, { recursive: true });
    env = await startEmulatorAndBot((emulator) => ({
      FEED_ANNOUNCE_CHANNEL_ID: emulator.guild.ids.general,
      CORPUS_DIR: corpus,
      VERBATIM_CACHE_DIR: join(data, 'cache'),
      FEEDS_FILE: join(data, 'feeds.json'),
      ALLOW_PRIVATE_URLS: '1',
      FEED_POLL_MINUTES: '0.02',
      ASK_COOLDOWN_SECONDS: '0',
    }));
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  const admin = (emulator: DiscordEmulator, name: string, options: EmulatedOption[]) =>
    emulator.interact({ name, roles: [emulator.guild.ids.adminRole], options });
  const finalReply = (calls: RecordedCall[]) => calls.find((c) => c.method === 'PATCH')?.body;

  it('/add fetches the page, answers privately, and /ask then quotes it with its link', async () => {
    const { emulator } = env;
    const calls = await emulator.replyTo(admin(emulator, 'add', [{ name: 'url', type: STRING, value: `${base}/news/2024/harbour-bridge-reopens` }]), (c) => c.some((x) => x.method === 'PATCH'));
    expect(calls[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(finalReply(calls).content).toBe(`✅ Added “Harbour bridge reopens after repairs”, The Coastal Courier, 2024-03-05: ${base}/news/2024/harbour-bridge-reopens`);
    const [answer] = await emulator.replyTo(emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'how many steel cables did engineers replace on the bridge' }] }));
    const embed = answer!.body.data.embeds[0];
    expect(embed.url).toBe(`${base}/news/2024/harbour-bridge-reopens`);
    expect(quoteOf(embed.description)).toContain('Engineers replaced 240 steel cables');
  });

  it('/add refuses a member without Manage Server, and says why a page is refused', async () => {
    const { emulator } = env;
    const [refused] = await emulator.replyTo(emulator.interact({ name: 'add', roles: [emulator.guild.ids.moderatorRole], options: [{ name: 'url', type: STRING, value: `${base}/orchard` }] }));
    expect(refused!.body.data.content).toMatch(/Only members with Manage Server/);
    const calls = await emulator.replyTo(admin(emulator, 'add', [{ name: 'url', type: STRING, value: `${base}/orchard` }]), (c) => c.some((x) => x.method === 'PATCH'));
    expect(finalReply(calls).content).toMatch(/^❌ Not added: .*states no publication date/);
  });

  it('/feed add follows a feed; the bot polls it, adds the new article and announces it in the channel', async () => {
    const { emulator, bot } = env;
    const settings = await emulator.replyTo(admin(emulator, 'library', [{ name: 'settings', type: SUBCOMMAND, options: [{ name: 'announce-channel', type: CHANNEL, value: emulator.guild.ids.general }] }]), (c) =>
      c.some((x) => x.method === 'PATCH'),
    );
    expect(finalReply(settings).content).toMatch(new RegExp(`^Announcements of new feed articles: <#${emulator.guild.ids.general}>`));
    const calls = await emulator.replyTo(admin(emulator, 'feed', [{ name: 'add', type: SUBCOMMAND, options: [{ name: 'url', type: STRING, value: `${base}/rss.xml` }] }]), (c) => c.some((x) => x.method === 'PATCH'));
    expect(finalReply(calls).content).toMatch(/^Following .*rss\.xml \(Valley Weekly\)/);
    await bot.waitForLog((l) => l.msg === 'feeds polled' && l.added === 1, 30_000);
    const announcement = await emulator.waitFor(
      () => emulator.calls.find((c) => c.method === 'POST' && c.path === `/channels/${emulator.guild.ids.general}/messages` && /Orchard growers/.test(c.body?.content ?? '')),
      15_000,
      'the announcement',
    );
    // The page claims valley.example's address from another host: its link is where it was fetched, its outlet says so.
    expect(announcement.body.content).toBe(`📰 Orchard growers count a record apple harvest — Valley Weekly (127.0.0.1)\n${base}/orchard`);
    const [answer] = await emulator.replyTo(emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'how many tonnes of apples did the cooperative count' }] }));
    expect(quoteOf(answer!.body.data.embeds[0].description)).toContain('41,000 tonnes');
    const list = await emulator.replyTo(admin(emulator, 'feed', [{ name: 'list', type: SUBCOMMAND, options: [] }]), (c) => c.some((x) => x.method === 'PATCH'));
    expect(finalReply(list).content).toBe(`${base}/rss.xml (Valley Weekly)`);
  });
});
