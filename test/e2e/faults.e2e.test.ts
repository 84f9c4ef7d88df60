import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorAndBot } from '../emulator/harness.js';
import { snowflake, type DiscordEmulator, type RecordedCall } from '../emulator/discordEmulator.js';

const STRING = 3;
const CHANNEL = 7;
const EPHEMERAL = 64;
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

let env: Awaited<ReturnType<typeof startEmulatorAndBot>>;
beforeAll(async () => {
  env = await startEmulatorAndBot({ ASK_COOLDOWN_SECONDS: '0', TIMELINE_COOLDOWN_SECONDS: '0' });
}, 120_000);
afterAll(async () => env?.stop());

async function askAndWait(emulator: DiscordEmulator, settle: (calls: RecordedCall[]) => boolean = (c) => c.some((x) => !x.failed)) {
  const interaction = emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'who retook Palmyra' }] });
  const calls = await emulator.replyTo(interaction, settle);
  return { interaction, calls };
}

const answered = (calls: RecordedCall[]) => calls.some((c) => !c.failed && c.body?.data?.embeds?.length > 0);

describe('gateway faults', () => {
  it('resumes after the connection is closed with a resumable code, 10 times in a row, and answers after each', async () => {
    const { emulator } = env;
    for (let i = 1; i <= 10; i++) {
      const before = emulator.resumes.length;
      emulator.closeGateway(4000);
      await emulator.waitFor(() => emulator.resumes.length > before && emulator.connected(), 20_000, `resume ${i}`);
      const { calls } = await askAndWait(emulator);
      expect(answered(calls)).toBe(true);
    }
  }, 180_000);

  it('reconnects and resumes on op 7 Reconnect, 10 times in a row, and answers after each', async () => {
    const { emulator } = env;
    for (let i = 1; i <= 10; i++) {
      const before = emulator.resumes.length;
      emulator.sendOp(7);
      await emulator.waitFor(() => emulator.resumes.length > before && emulator.connected(), 20_000, `reconnect ${i}`);
      const { calls } = await askAndWait(emulator);
      expect(answered(calls)).toBe(true);
    }
  }, 180_000);

  it('identifies again after an invalid session (op 9) and still answers', async () => {
    const { emulator } = env;
    const before = emulator.identifies.length;
    emulator.sendOp(9);
    await emulator.waitFor(() => emulator.identifies.length > before && emulator.connected(), 30_000, 'identify again');
    const { calls } = await askAndWait(emulator);
    expect(answered(calls)).toBe(true);
  }, 60_000);
});

describe('REST faults', () => {
  it('retries a 429 on the interaction callback after retry_after and still replies', async () => {
    const { emulator, bot } = env;
    emulator.failNext({ method: 'POST', path: CALLBACK, status: 429, body: { message: 'You are being rate limited.', retry_after: 0.2, global: false }, headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' } });
    const { calls } = await askAndWait(emulator, answered);
    expect(calls.filter((c) => c.failed === 429)).toHaveLength(1);
    await bot.waitForLog((l) => l.msg === 'discord rest failure' && l.status === 429);
  });

  it('retries a 429 on a channel message and posts it', async () => {
    const { emulator } = env;
    const { ids } = emulator.guild;
    emulator.failNext({ method: 'POST', path: new RegExp(`^/channels/${ids.general}/messages$`), status: 429, body: { message: 'rate limited', retry_after: 0.2, global: false }, headers: { 'retry-after': '1' } });
    const before = emulator.calls.length;
    const interaction = emulator.interact({ name: 'timeline', roles: [ids.moderatorRole], options: [{ name: 'channel', type: CHANNEL, value: ids.general }] });
    await emulator.waitFor(() => emulator.callsFor(interaction).some((c) => c.method === 'PATCH'), 20_000, 'timeline posted');
    const posts = emulator.calls.slice(before).filter((c) => c.path === `/channels/${ids.general}/messages`);
    expect(posts[0]!.failed).toBe(429);
    expect(posts.filter((c) => !c.failed).length).toBeGreaterThan(0);
  });

  it('rides out a burst of 500 and 502 answers (discord.js retries), one log line per failure', async () => {
    const { emulator, bot } = env;
    const logged = bot.logs.filter((l) => l.msg === 'discord rest failure').length;
    emulator.failNext({ method: 'POST', path: CALLBACK, status: 500 }, { method: 'POST', path: CALLBACK, status: 502 });
    const { calls } = await askAndWait(emulator, answered);
    expect(calls.filter((c) => c.failed).map((c) => c.failed)).toEqual([500, 502]);
    await bot.waitForLog(() => bot.logs.filter((l) => l.msg === 'discord rest failure').length >= logged + 2);
    expect(bot.logs.filter((l) => l.msg === 'discord rest failure').slice(logged).map((l) => l.status)).toEqual([500, 502]);
  });

  it('gives the invoker an ephemeral error when the failures outlast the retries, and stays up', async () => {
    const { emulator } = env;
    const fail = { method: 'POST', path: CALLBACK, status: 500 };
    emulator.failNext(fail, fail, fail, fail);
    const { calls } = await askAndWait(emulator, (c) => c.some((x) => !x.failed));
    const delivered = calls.find((c) => !c.failed)!;
    expect(delivered.body.data.flags).toBe(EPHEMERAL);
    expect(delivered.body.data.content).toMatch(/Something went wrong/);
    const after = await askAndWait(emulator, answered);
    expect(answered(after.calls)).toBe(true);
  });

  it('logs and drops an expired (10062) or already acknowledged (40060) interaction, never fatal', async () => {
    const { emulator, bot } = env;
    for (const [status, code] of [
      [404, 10062],
      [400, 40060],
    ] as const) {
      emulator.failNext({ method: 'POST', path: CALLBACK, status, body: { message: 'injected', code } });
      const interaction = emulator.interact({ name: 'ask', options: [{ name: 'question', type: STRING, value: 'who retook Palmyra' }] });
      const line = await bot.waitForLog((l) => l.interaction === interaction.id && l.msg === 'interaction dropped');
      expect(line.code).toBe(code);
      await new Promise((r) => setTimeout(r, 200));
      // Nobody to tell: no second reply was attempted.
      expect(emulator.callsFor(interaction)).toHaveLength(1);
    }
    const after = await askAndWait(emulator, answered);
    expect(answered(after.calls)).toBe(true);
  });

  it('logged no interaction as failed except the one whose reply never got through', () => {
    const failed = env.bot.logs.filter((l) => l.msg === 'interaction failed');
    expect(failed).toHaveLength(1);
    expect(env.bot.child.exitCode).toBeNull();
  });
});

describe('cooldowns', () => {
  let cooled: Awaited<ReturnType<typeof startEmulatorAndBot>>;
  beforeAll(async () => {
    cooled = await startEmulatorAndBot({ ASK_COOLDOWN_SECONDS: '30' });
  }, 120_000);
  afterAll(async () => cooled?.stop());

  it('makes a user wait between /ask uses, with a relative timestamp, privately', async () => {
    const { emulator } = cooled;
    const user = snowflake();
    const ask = async () => {
      const interaction = emulator.interact({ name: 'ask', userId: user, options: [{ name: 'question', type: STRING, value: 'who retook Palmyra' }] });
      return (await emulator.replyTo(interaction))[0]!.body.data;
    };
    expect((await ask()).embeds.length).toBeGreaterThan(0);
    const second = await ask();
    expect(second.flags).toBe(EPHEMERAL);
    const at = Number(/<t:(\d+):R>/.exec(second.content)?.[1]);
    expect(at * 1000).toBeGreaterThan(Date.now() + 20_000);
    expect(second.content).toMatch(/You can use \/ask again/);
  });
});
