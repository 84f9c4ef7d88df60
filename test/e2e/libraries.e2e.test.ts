import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { strFromU8, unzipSync } from 'fflate';
import { startEmulatorAndBot } from '../emulator/harness.js';
import { DiscordEmulator, type EmulatedOption, type RecordedCall } from '../emulator/discordEmulator.js';
import { TEST_TOKEN } from '../emulator/harness.js';

const STRING = 3;
const BOOLEAN = 5;
const SUBCOMMAND = 1;
const CHANNEL = 7;
const ATTACHMENT = 11;

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

describe('a library per server: three servers, each sees only its own articles and feeds', () => {
  let server: Server;
  let base = '';
  let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  const link = (i: number) => `${base}${TOPICS[i]!.path}`;

  beforeAll(async () => {
    server = createServer((req, res) => {
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
    const emulator = await new DiscordEmulator({ token: TEST_TOKEN, guilds: 3 }).start();
    env = await startEmulatorAndBot({ ALLOW_PRIVATE_URLS: '1', FEED_POLL_MINUTES: '0.02', ASK_COOLDOWN_SECONDS: '0', TIMELINE_COOLDOWN_SECONDS: '0' }, emulator);

    // Each server's admin adds its article its own way: a page, an uploaded file, a feed.
    const admin = (guild: number, name: string, options: EmulatedOption[]) =>
      env.emulator.replyTo(env.emulator.interact({ name, guild, roles: [env.emulator.guilds[guild]!.ids.adminRole], options }), (c) => c.some((x) => x.method === 'PATCH'));
    const done = (calls: RecordedCall[]) => calls.find((c) => c.method === 'PATCH')!.body.content as string;
    expect(done(await admin(0, 'add', [{ name: 'url', type: STRING, value: link(0) }]))).toMatch(/^✅ Added “Gullpoint lighthouse shines again”/);
    const upload: EmulatedOption = { name: 'file', type: ATTACHMENT, value: '1', attachment: { filename: 'glacier.md', url: `${base}/files/glacier.md`, size: 400 } };
    expect(done(await admin(1, 'add', [{ name: 'url', type: STRING, value: 'https://observer.example/tarnbreen' }, upload]))).toMatch(/^✅ Added “Tarnbreen glacier retreats again”, Valley Observer, 2024-06-11/);
    expect(done(await admin(1, 'library', [{ name: 'settings', type: SUBCOMMAND, options: [{ name: 'search-base', type: BOOLEAN, value: false }] }]))).toMatch(/shared articles too: no/);
    const general2 = env.emulator.guilds[2]!.ids.general;
    expect(done(await admin(2, 'library', [{ name: 'settings', type: SUBCOMMAND, options: [{ name: 'announce-channel', type: CHANNEL, value: general2 }] }]))).toMatch(/<#\d+>/);
    expect(done(await admin(2, 'feed', [{ name: 'add', type: SUBCOMMAND, options: [{ name: 'url', type: STRING, value: `${base}/marathon.xml` }] }]))).toMatch(/^Following/);
    await env.bot.waitForLog((l) => l.msg === 'feeds polled' && l.added === 1, 30_000);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Every word of a reply (content, embeds, choices), as one string. */
  const everything = (calls: RecordedCall[]) => JSON.stringify(calls.map((c) => c.body));
  const others = (mine: number) => TOPICS.filter((_, i) => i !== mine).map((t) => t.word);

  it('answers each question only in the server that added its article', async () => {
    const { emulator } = env;
    for (let guild = 0; guild < 3; guild++) {
      for (let topic = 0; topic < 3; topic++) {
        const calls = await emulator.replyTo(emulator.interact({ name: 'ask', guild, options: [{ name: 'question', type: STRING, value: TOPICS[topic]!.question }] }));
        const text = everything(calls);
        for (const word of others(guild)) expect(text, `server ${guild} asked about ${TOPICS[topic]!.word}`).not.toContain(word);
        if (topic === guild) expect(calls[0]!.body.data.embeds?.[0]?.url, `${guild}: ${text.slice(0, 600)}`).toBe(guild === 1 ? 'https://observer.example/tarnbreen' : link(guild));
      }
    }
  });

  it('suggests, lists sources and builds timelines from the server\'s own library', async () => {
    const { emulator } = env;
    for (let guild = 0; guild < 3; guild++) {
      const own = TOPICS[guild]!.word;
      const suggestions = await emulator.replyTo(emulator.interact({ name: 'ask', guild, type: 'autocomplete', options: [{ name: 'question', type: STRING, value: own.slice(0, 4), focused: true }] }));
      expect(everything(suggestions)).toContain(own);
      for (const word of others(guild)) {
        const typed = await emulator.replyTo(emulator.interact({ name: 'ask', guild, type: 'autocomplete', options: [{ name: 'question', type: STRING, value: word.slice(0, 4), focused: true }] }));
        expect(everything(typed)).not.toContain(word);
      }
      const sources = await emulator.replyTo(emulator.interact({ name: 'sources', guild }));
      expect(everything(sources)).toContain(own);
      for (const word of others(guild)) expect(everything(sources)).not.toContain(word);
      const timeline = await emulator.replyTo(
        emulator.interact({ name: 'timeline', guild, roles: [emulator.guilds[guild]!.ids.moderatorRole], options: [{ name: 'all', type: BOOLEAN, value: true }] }),
        (c) => c.some((x) => x.method === 'PATCH'),
      );
      for (const word of others(guild)) expect(everything(timeline)).not.toContain(word);
    }
  });

  it('keeps the shared articles out of a server that turned them off, and in the others', async () => {
    const { emulator } = env;
    const seedQuestion = 'who retook Palmyra';
    const [withBase] = await emulator.replyTo(emulator.interact({ name: 'ask', guild: 0, options: [{ name: 'question', type: STRING, value: seedQuestion }] }));
    expect(withBase!.body.data.embeds?.length ?? 0).toBeGreaterThan(0);
    const [without] = await emulator.replyTo(emulator.interact({ name: 'ask', guild: 1, options: [{ name: 'question', type: STRING, value: seedQuestion }] }));
    expect(everything([without!])).not.toMatch(/Palmyra/);
  });

  it('announces a server\'s new feed article only in the channel that server chose', async () => {
    const { emulator } = env;
    const general2 = emulator.guilds[2]!.ids.general;
    const announcement = await emulator.waitFor(() => emulator.calls.find((c) => c.method === 'POST' && c.path === `/channels/${general2}/messages`), 15_000, 'the announcement');
    expect(announcement.body.content).toBe(`📰 Riverbend marathon draws record field — Test Herald\n${link(2)}`);
    const elsewhere = emulator.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/') && c.path !== `/channels/${general2}/messages`);
    expect(elsewhere).toEqual([]);
  });

  it('lists, exports and removes only the server\'s own articles and feeds', async () => {
    const { emulator } = env;
    const admin = (guild: number, name: string, options: EmulatedOption[]) =>
      emulator.replyTo(emulator.interact({ name, guild, roles: [emulator.guilds[guild]!.ids.adminRole], options }), (c) => c.some((x) => x.method === 'PATCH'));
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
    const [refused] = await emulator.replyTo(emulator.interact({ name: 'library', guild: 0, roles: [emulator.guilds[0]!.ids.moderatorRole], options: [{ name: 'list', type: SUBCOMMAND, options: [] }] }));
    expect(refused!.body.data.content).toMatch(/^❌ Only members with Manage Server, or the role/);
    // Removing server 0's article: its question finds nothing of it any more.
    const suggestion = await emulator.replyTo(
      emulator.interact({ name: 'library', guild: 0, roles: [emulator.guilds[0]!.ids.adminRole], type: 'autocomplete', options: [{ name: 'remove', type: SUBCOMMAND, options: [{ name: 'article', type: STRING, value: 'light', focused: true }] }] }),
    );
    const choice = suggestion[0]!.body.data.choices[0];
    expect(choice.name).toContain('Gullpoint');
    expect(final(await admin(0, 'library', [{ name: 'remove', type: SUBCOMMAND, options: [{ name: 'article', type: STRING, value: choice.value }] }])).body.content).toMatch(/^✅ Removed/);
    const [after] = await emulator.replyTo(emulator.interact({ name: 'ask', guild: 0, options: [{ name: 'question', type: STRING, value: TOPICS[0].question }] }));
    expect(everything([after!])).not.toContain('Gullpoint');
  });
});
