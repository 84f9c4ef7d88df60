import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorAndBot, TEST_TOKEN } from '../emulator/harness.js';
import { DiscordEmulator, type EmulatedOption, type RecordedCall } from '../emulator/discordEmulator.js';
import { strFromU8, unzipSync } from 'fflate';
import { quoteOf } from '../helpers/discordPayload.js';

const STRING = 3;
const SUBCOMMAND = 1;
const BOOLEAN = 5;
const ATTACHMENT = 11;
const CHANNEL = 7;
const EPHEMERAL = 64;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/web/${name}`, import.meta.url), 'utf8');

/** An article page of invented news, long enough to be an article, with its date in the page. */
function page(title: string, date: string, paragraphs: string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><meta property="og:site_name" content="Test Herald">
<meta property="article:published_time" content="${date}T08:00:00Z"></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

const filler = 'Residents gathered through the afternoon to watch the work, and the council said it would publish a full account of the costs later in the month.';

/** One article per server, each on a subject with words no other article has. */
const TOPICS = [
  {
    word: 'Gullpoint',
    path: '/news/lighthouse',
    question: 'how many lamps were restored in the Gullpoint lighthouse',
    html: page('Gullpoint lighthouse shines again', '2024-05-02', [`Volunteers restored 63 brass lamps in the Gullpoint lighthouse over the winter, the harbour trust said.`, filler, filler]),
  },
  {
    word: 'Tarnbreen',
    path: '/files/glacier.md',
    question: 'how many metres did the Tarnbreen glacier retreat',
    markdown: `---\ntitle: Tarnbreen glacier retreats again\noutlet: Valley Observer\npublished: "2024-06-11"\n---\nSurveyors measured that the Tarnbreen glacier retreated 48 metres during the last melt season.\r\n\r\n${filler}\r\n\r\n${filler}\r\n`,
  },
  {
    word: 'Riverbend',
    path: '/news/marathon',
    question: 'how many runners took part in the Riverbend marathon',
    html: page('Riverbend marathon draws record field', '2024-09-22', [`The Riverbend marathon drew 12,500 runners on Sunday, its organisers said.`, filler, filler]),
  },
] as const;

/** An answer comes at once (type 4) or, while the server's library loads, after a defer (an edit). */
const answered = (calls: RecordedCall[]) => calls.some((c) => c.method === 'PATCH' || c.body?.type === 4);
const answerOf = (calls: RecordedCall[]) => calls.find((c) => c.method === 'PATCH')?.body ?? calls.find((c) => c.body?.type === 4)?.body.data;

describe('articles from the web in Discord: /add, /feed and polling, a library per server', () => {
  let server: Server;
  let base = '';
  let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  const temp: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/news/2024/harbour-bridge-reopens') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(fixture('jsonld.html'));
      }
      if (req.url === '/orchard') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(fixture('opengraph-nodate.html'));
      }
      if (req.url === '/rss.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Weekly</title><item><title>Orchard</title><link>${base}/orchard</link><pubDate>Sat, 12 Oct 2024 08:00:00 GMT</pubDate></item></channel></rss>`);
      }
      const topic = TOPICS.find((t) => t.path === req.url);
      if (topic && 'html' in topic) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(topic.html);
      }
      if (topic && 'markdown' in topic) {
        res.writeHead(200, { 'content-type': 'text/markdown' });
        return res.end(topic.markdown);
      }
      if (req.url === '/marathon.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Sports desk</title><item><title>Marathon</title><link>${base}/news/marathon</link></item></channel></rss>`);
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<p>Not found</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const data = mkdtempSync(join(tmpdir(), 'verbatim-web-data-'));
    temp.push(data);
    // The home server (the first) and three more, whose libraries must never meet.
    const emulator = await new DiscordEmulator({ token: TEST_TOKEN, guilds: 4 }).start();
    env = await startEmulatorAndBot({ FEEDS_FILE: join(data, 'feeds.json'), ALLOW_PRIVATE_URLS: '1', FEED_POLL_MINUTES: '0.02', ASK_COOLDOWN_SECONDS: '0', TIMELINE_COOLDOWN_SECONDS: '0' }, emulator);
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
    const answer = await emulator.replyTo(emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'how many steel cables did engineers replace on the bridge' }] }), answered);
    const embed = answerOf(answer).embeds[0];
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
    const answer = await emulator.replyTo(emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'how many tonnes of apples did the cooperative count' }] }), answered);
    expect(quoteOf(answerOf(answer).embeds[0].description)).toContain('41,000 tonnes');
    const list = await emulator.replyTo(admin(emulator, 'feed', [{ name: 'list', type: SUBCOMMAND, options: [] }]), (c) => c.some((x) => x.method === 'PATCH'));
    expect(finalReply(list).content).toBe(`${base}/rss.xml (Valley Weekly)`);
  });

  describe('a library per server: three servers, each sees only its own articles and feeds', () => {
    // Topic i is added in the emulator's server i + 1; the home server (0) has its own articles from the tests above.
    const server = (i: number) => i + 1;
    const link = (i: number) => `${base}${TOPICS[i]!.path}`;

    beforeAll(async () => {
      // Each server's admin adds its article its own way: a page, an uploaded file, a feed.
      const admin = (guild: number, name: string, options: EmulatedOption[]) =>
        env.emulator.replyTo(env.emulator.interact({ name, guild: server(guild), roles: [env.emulator.guilds[server(guild)]!.ids.adminRole], options }), (c) => c.some((x) => x.method === 'PATCH'));
      const done = (calls: RecordedCall[]) => calls.find((c) => c.method === 'PATCH')!.body.content as string;
      expect(done(await admin(0, 'add', [{ name: 'url', type: STRING, value: link(0) }]))).toMatch(/^✅ Added “Gullpoint lighthouse shines again”/);
      const upload: EmulatedOption = { name: 'file', type: ATTACHMENT, value: '1', attachment: { filename: 'glacier.md', url: `${base}/files/glacier.md`, size: 400 } };
      expect(done(await admin(1, 'add', [{ name: 'url', type: STRING, value: 'https://observer.example/tarnbreen' }, upload]))).toMatch(/^✅ Added “Tarnbreen glacier retreats again”, Valley Observer, 2024-06-11/);
      expect(done(await admin(1, 'library', [{ name: 'settings', type: SUBCOMMAND, options: [{ name: 'search-base', type: BOOLEAN, value: false }] }]))).toMatch(/shared articles too: no/);
      const general2 = env.emulator.guilds[server(2)]!.ids.general;
      expect(done(await admin(2, 'library', [{ name: 'settings', type: SUBCOMMAND, options: [{ name: 'announce-channel', type: CHANNEL, value: general2 }] }]))).toMatch(/<#\d+>/);
      expect(done(await admin(2, 'feed', [{ name: 'add', type: SUBCOMMAND, options: [{ name: 'url', type: STRING, value: `${base}/marathon.xml` }] }]))).toMatch(/^Following/);
      await env.bot.waitForLog((l) => l.msg === 'feeds polled' && l.guild === env.emulator.guilds[server(2)]!.ids.guildId && l.added === 1, 30_000);
    }, 60_000);

    /** Every word of a reply (content, embeds, choices), as one string. */
    const everything = (calls: RecordedCall[]) => JSON.stringify(calls.map((c) => c.body));
    const others = (mine: number) => TOPICS.filter((_, i) => i !== mine).map((t) => t.word);

    it('answers each question only in the server that added its article', async () => {
      const { emulator } = env;
      for (let guild = 0; guild < 3; guild++) {
        for (let topic = 0; topic < 3; topic++) {
          const calls = await emulator.replyTo(emulator.interact({ name: 'ask', guild: server(guild), options: [{ name: 'question', type: STRING, value: TOPICS[topic]!.question }] }), answered);
          const text = everything(calls);
          for (const word of others(guild)) expect(text, `server ${guild} asked about ${TOPICS[topic]!.word}`).not.toContain(word);
          if (topic === guild) expect(answerOf(calls).embeds?.[0]?.url, `${guild}: ${text.slice(0, 600)}`).toBe(guild === 1 ? 'https://observer.example/tarnbreen' : link(guild));
        }
      }
    });

    it('suggests, lists sources and builds timelines from the server\'s own library', async () => {
      const { emulator } = env;
      for (let guild = 0; guild < 3; guild++) {
        const own = TOPICS[guild]!.word;
        const suggestions = await emulator.replyTo(emulator.interact({ name: 'ask', guild: server(guild), type: 'autocomplete', options: [{ name: 'question', type: STRING, value: own.slice(0, 4), focused: true }] }));
        expect(everything(suggestions)).toContain(own);
        for (const word of others(guild)) {
          const typed = await emulator.replyTo(emulator.interact({ name: 'ask', guild: server(guild), type: 'autocomplete', options: [{ name: 'question', type: STRING, value: word.slice(0, 4), focused: true }] }));
          expect(everything(typed)).not.toContain(word);
        }
        const sources = await emulator.replyTo(emulator.interact({ name: 'sources', guild: server(guild) }), answered);
        expect(everything(sources)).toContain(own);
        for (const word of others(guild)) expect(everything(sources)).not.toContain(word);
        const timeline = await emulator.replyTo(
          emulator.interact({ name: 'timeline', guild: server(guild), roles: [emulator.guilds[server(guild)]!.ids.moderatorRole], options: [{ name: 'all', type: BOOLEAN, value: true }] }),
          (c) => c.some((x) => x.method === 'PATCH'),
        );
        for (const word of others(guild)) expect(everything(timeline)).not.toContain(word);
      }
    });

    it('keeps the shared articles out of a server that turned them off, and in the others', async () => {
      const { emulator } = env;
      const seedQuestion = 'who retook Palmyra';
      const withBase = await emulator.replyTo(emulator.interact({ name: 'ask', guild: server(0), options: [{ name: 'question', type: STRING, value: seedQuestion }] }), answered);
      expect(answerOf(withBase).embeds?.length ?? 0).toBeGreaterThan(0);
      const without = await emulator.replyTo(emulator.interact({ name: 'ask', guild: server(1), options: [{ name: 'question', type: STRING, value: seedQuestion }] }), answered);
      expect(answerOf(without).content).toMatch(/^No good match/);
      expect(everything(without)).not.toMatch(/Palmyra/);
    });

    it('announces a server\'s new feed article only in the channel that server chose', async () => {
      const { emulator } = env;
      const general2 = emulator.guilds[server(2)]!.ids.general;
      const announcement = await emulator.waitFor(() => emulator.calls.find((c) => c.method === 'POST' && c.path === `/channels/${general2}/messages`), 15_000, 'the announcement');
      expect(announcement.body.content).toBe(`📰 Riverbend marathon draws record field — Test Herald\n${link(2)}`);
      const theirChannels = new Set([0, 1].flatMap((i) => emulator.guilds[server(i)]!.channels.map((c) => `/channels/${c.id}/messages`)));
      const elsewhere = emulator.calls.filter((c) => c.method === 'POST' && (theirChannels.has(c.path) || /Riverbend/.test(JSON.stringify(c.body ?? '')) && c.path !== `/channels/${general2}/messages` && c.path.startsWith('/channels/')));
      expect(elsewhere).toEqual([]);
    });

    it('lists, exports and removes only the server\'s own articles and feeds', async () => {
      const { emulator } = env;
      const admin = (guild: number, name: string, options: EmulatedOption[]) =>
        emulator.replyTo(emulator.interact({ name, guild: server(guild), roles: [emulator.guilds[server(guild)]!.ids.adminRole], options }), (c) => c.some((x) => x.method === 'PATCH'));
      const final = (calls: RecordedCall[]) => calls.find((c) => c.method === 'PATCH')!;
      for (let guild = 0; guild < 3; guild++) {
        const list = final(await admin(guild, 'library', [{ name: 'list', type: SUBCOMMAND, options: [] }]));
        expect(list.body.content).toMatch(/^This server's library: 1 article of 2000/);
        expect(list.body.content).toContain(TOPICS[guild]!.word);
        const feeds = final(await admin(guild, 'feed', [{ name: 'list', type: SUBCOMMAND, options: [] }]));
        expect(feeds.body.content).toBe(guild === 2 ? `${base}/marathon.xml (Sports desk)` : 'No feed is followed.');
        const exported = final(await admin(guild, 'library', [{ name: 'export', type: SUBCOMMAND, options: [] }]));
        expect(exported.files.map((f) => f.name)).toEqual(['library.zip']);
        const archive = Object.values(unzipSync(exported.files[0]!.data)).map((bytes) => strFromU8(bytes)).join('\n');
        expect(archive).toContain(TOPICS[guild]!.word);
        for (const word of others(guild)) expect(archive).not.toContain(word);
      }
      // A member without Manage Server or the manager role cannot change the library.
      const [refused] = await emulator.replyTo(emulator.interact({ name: 'library', guild: server(0), roles: [emulator.guilds[server(0)]!.ids.moderatorRole], options: [{ name: 'list', type: SUBCOMMAND, options: [] }] }));
      expect(refused!.body.data.content).toMatch(/^❌ Only members with Manage Server, or the role/);
      // Removing server 0's article: its question finds nothing of it any more.
      const suggestion = await emulator.replyTo(
        emulator.interact({ name: 'library', guild: server(0), roles: [emulator.guilds[server(0)]!.ids.adminRole], type: 'autocomplete', options: [{ name: 'remove', type: SUBCOMMAND, options: [{ name: 'article', type: STRING, value: 'light', focused: true }] }] }),
      );
      const choice = suggestion[0]!.body.data.choices[0];
      expect(choice.name).toContain('Gullpoint');
      expect(final(await admin(0, 'library', [{ name: 'remove', type: SUBCOMMAND, options: [{ name: 'article', type: STRING, value: choice.value }] }])).body.content).toMatch(/^✅ Removed/);
      const after = await emulator.replyTo(emulator.interact({ name: 'ask', guild: server(0), options: [{ name: 'question', type: STRING, value: TOPICS[0].question }] }), answered);
      expect(everything(after)).not.toContain('Gullpoint');
    });

    it('marks a server\'s library removed when the bot leaves it, and keeps it when the bot comes back', async () => {
      const { emulator, bot } = env;
      const left = emulator.guilds[server(2)]!.ids.guildId;
      emulator.dispatch('GUILD_DELETE', { id: left });
      await bot.waitForLog((l) => l.msg === 'left a server; its library is kept for now' && l.guild === left);
      const { LibraryStore } = await import('../../src/store/libraryStore.js');
      const store = await LibraryStore.open({ sqlitePath: bot.sqliteFile! }, { articles: 1, bytes: 1, feeds: 1, keepDays: 30 });
      try {
        // Kept for now; deleted once LIBRARY_KEEP_DAYS have passed.
        expect(await store.purgeRemoved(new Date(Date.now() + 29 * 86_400_000))).toEqual([]);
        expect(await store.purgeRemoved(new Date(Date.now() + 31 * 86_400_000))).toEqual([left]);
      } finally {
        await store.close();
      }
    });
  });
});
