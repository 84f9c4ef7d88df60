/**
 * Stress run of the bot against the Discord emulator (127.0.0.1), for the figures of
 * hardening work: a burst of /ask from distinct users (memory, what button expiry costs,
 * whether an unrelated /timeline still gets through), and the first /timeline on a large corpus.
 *
 *   npx tsx bench/stress.ts [--asks 20000] [--ttl 5] [--timeline-passages 19000] [--entry dist/src/main.js] [--cwd .]
 *
 * `--entry`/`--cwd` run another checkout of Verbatim (a .ts entry runs with tsx), to compare.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DiscordEmulator, snowflake } from '../test/emulator/discordEmulator.js';
import { TEST_TOKEN } from '../test/emulator/harness.js';
import { benchCorpus } from './corpora.js';

const { values: args } = parseArgs({
  options: {
    asks: { type: 'string', default: '20000' },
    ttl: { type: 'string', default: '5' },
    'timeline-passages': { type: 'string', default: '19000' },
    entry: { type: 'string', default: 'dist/src/main.js' },
    cwd: { type: 'string', default: '.' },
  },
});
const cwd = resolve(args.cwd!);
const QUESTIONS = ['who retook Palmyra', 'what jet was downed', 'how many IS fighters were deployed to Palmyra', 'when did the attack on Palmyra start', 'which temple was destroyed'];

async function startBot(emulator: DiscordEmulator, env: Record<string, string>) {
  const entry = args.entry!;
  const command = entry.endsWith('.ts') ? [resolve(cwd, 'node_modules/.bin/tsx'), entry] : [process.execPath, entry];
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    env: { ...process.env, DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: emulator.apiUrl, DISCORD_GUILD_ID: emulator.guild.ids.guildId, METRICS_PORT: '0', ASK_COOLDOWN_SECONDS: '0', TIMELINE_COOLDOWN_SECONDS: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: Record<string, any>[] = [];
  let buffer = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {}
    }
  });
  const waitLog = async (predicate: (l: Record<string, any>) => boolean, ms = 600_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = logs.find(predicate);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('bot: no such log line');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await waitLog((l) => l.msg === 'ready');
  const port = (await waitLog((l) => l.msg === 'metrics listening')).port as number;
  const metric = async (name: string) => Number(new RegExp(`^verbatim_${name} (\\S+)$`, 'm').exec(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())?.[1]);
  return { child, logs, metric, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

async function timelineRoundTrip(emulator: DiscordEmulator) {
  const at = Date.now();
  const interaction = emulator.interact({ name: 'timeline', roles: [emulator.guild.ids.moderatorRole] });
  const calls = await emulator.replyTo(interaction, (c) => c.length > 0, 600_000);
  const first = calls[0]!.at - at;
  // Done: no new call for this interaction for 2 s.
  let count = -1;
  while (count !== emulator.callsFor(interaction).length) {
    count = emulator.callsFor(interaction).length;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const all = emulator.callsFor(interaction);
  return { firstResponseMs: first, firstResponseType: calls[0]!.body?.type, messages: all.filter((c) => c.method !== 'GET').length, doneMs: all.at(-1)!.at - at };
}

async function burst() {
  const emulator = await new DiscordEmulator({ token: TEST_TOKEN }).start();
  const bot = await startBot(emulator, { ASK_BUTTONS_TTL_SECONDS: args.ttl! });
  const asks = Number(args.asks);
  const heapAtStart = await bot.metric('nodejs_heap_size_used_bytes');
  const started = Date.now();
  const samples: { asked: number; heapMiB: number; rssMiB: number }[] = [];
  const asked: { id: string; token: string }[] = [];
  for (let sent = 0; sent < asks; ) {
    const batch = Array.from({ length: Math.min(250, asks - sent) }, (_, i) =>
      emulator.interact({ name: 'ask', userId: snowflake(), options: [{ name: 'question', type: 3, value: QUESTIONS[(sent + i) % QUESTIONS.length]! }] }),
    );
    sent += batch.length;
    asked.push(...batch);
    await emulator.waitFor(() => batch.every((b) => emulator.callsFor(b).length > 0), 600_000, 'batch');
    if (sent % 5000 === 0 || sent === asks) samples.push({ asked: sent, heapMiB: mib(await bot.metric('nodejs_heap_size_used_bytes')), rssMiB: mib(await bot.metric('process_resident_memory_bytes')) });
  }
  const askSeconds = (Date.now() - started) / 1000;
  const callsBefore = emulator.calls.length;
  await new Promise((r) => setTimeout(r, (Number(args.ttl) + 3) * 1000));
  const timeline = await timelineRoundTrip(emulator);
  const afterExpiry = emulator.calls.slice(callsBefore);
  const result = {
    asks,
    askSeconds,
    heapMiBAtStart: mib(heapAtStart),
    samples,
    // Edits of the asks' own messages after they were answered: what button expiry costs.
    expiryEdits: asked.reduce((n, a) => n + emulator.callsFor(a).filter((c) => c.method === 'PATCH').length, 0),
    callsAfterBurst: afterExpiry.length,
    rateLimitedLogLines: bot.logs.filter((l) => l.msg === 'rate limited').length,
    timelineAfterBurst: timeline,
    heapMiBAfterExpiry: mib(await bot.metric('nodejs_heap_size_used_bytes')),
  };
  await bot.stop();
  await emulator.stop();
  return result;
}

async function largeTimeline() {
  const corpus = benchCorpus(resolve('bench/.corpora'), Number(args['timeline-passages']));
  const emulator = await new DiscordEmulator({ token: TEST_TOKEN }).start();
  const bot = await startBot(emulator, { CORPUS_DIR: corpus.dir, VERBATIM_CACHE_DIR: resolve('bench/.cache/stress') });
  // The first /timeline after start, at once (the new bot begins reading dates at start; the old does not).
  const timeline = await timelineRoundTrip(emulator);
  const askDuring = Date.now();
  const ask = emulator.interact({ name: 'ask', options: [{ name: 'question', type: 3, value: 'who won the election' }] });
  await emulator.replyTo(ask, (c) => c.length > 0, 600_000);
  const result = { passages: bot.logs.find((l) => l.msg === 'ready')?.passages, timeline, askAfterMs: Date.now() - askDuring };
  await bot.stop();
  await emulator.stop();
  return result;
}

/** /ask and its Discord rendering on one unpunctuated paragraph (in this process, this checkout's code). */
async function longParagraphs() {
  const { buildInMemory } = await import('../src/core/verbatim.js');
  const { askReply } = await import('../src/discord/replies.js');
  const { corpusFolder, article, validFields } = await import('../test/helpers/corpusFixture.js');
  const rows = [];
  for (const chars of [10_000, 40_000, 100_000]) {
    const words: string[] = [];
    for (let n = 0, length = 0; length < chars; n++) {
      const word = ['river', 'harbour', 'keeper', 'lamp', 'island', 'boat', 'tide', `w${n}`][n % 8]!;
      words.push(word);
      length += word.length + 1;
    }
    const folder = corpusFolder({ 'long.md': article(validFields(1), words.join(' ')) });
    const verbatim = buildInMemory(folder.dir);
    const started = performance.now();
    const result = verbatim.ask('keeper lamp island tide', { limit: 10 });
    askReply(result, { hide: false, page: 0 });
    rows.push({ chars, askAndRenderMs: Math.round(performance.now() - started), longestQuote: Math.max(...result.answers.map((a) => a.quote.length)) });
    folder.remove();
  }
  return rows;
}

console.log(JSON.stringify({ entry: args.entry, cwd, burst: await burst(), largeTimeline: await largeTimeline(), longParagraphs: await longParagraphs() }, null, 2));
process.exit(0);
