/**
 * A small Discord API emulator for end-to-end tests: REST over http and the gateway over ws,
 * on 127.0.0.1. The real discord.js client connects to it (DISCORD_API_URL), receives READY and
 * GUILD_CREATE, and answers the interactions the test injects; every REST call it makes is
 * recorded for assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export const P = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  ManageGuild: 1n << 5n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
} as const;

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  /** JSON body (or payload_json of a multipart body). */
  body: any;
  /** Names of files attached in a multipart body, with their sizes. */
  files: { name: string; size: number; data: Buffer }[];
  at: number;
  /** The status of an injected failure answered instead. */
  failed?: number;
}

let lastSnowflake = BigInt(Date.now() - 1_420_070_400_000) << 22n;
export const snowflake = () => String(++lastSnowflake);

export interface EmulatorOptions {
  token: string;
  /** Gateway shards the bot will connect with; each serves one guild (default 1). */
  shards?: number;
  /** With one shard: how many guilds it serves (default 1). */
  guilds?: number;
}

/** One identified gateway connection. */
interface Session {
  socket: WebSocket;
  shard: [number, number];
  sessionId: string;
  sequence: number;
}

/** A REST failure to return instead of the normal answer, for fault tests. */
export interface InjectedFailure {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface EmulatedOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: EmulatedOption[];
  /** An uploaded file (type 11): its value is the attachment's id, resolved to this. */
  attachment?: { filename: string; url: string; size: number; content_type?: string };
}

export interface InteractOptions {
  name: string;
  /** Which of the emulator's guilds the interaction comes from (default the first). */
  guild?: number;
  /** Command options; a subcommand (type 1) carries its own. */
  options?: EmulatedOption[];
  channelId?: string;
  userId?: string;
  /** Role ids of the invoking member (the guild's @everyone role is implied). */
  roles?: string[];
  type?: 'command' | 'autocomplete';
}

/**
 * A guild id that a gateway of `shardCount` shards puts on `shard`: Discord routes a guild to
 * shard (guild_id >> 22) % shard_count.
 */
export function guildIdOnShard(shard: number, shardCount: number, serial: number): string {
  const timestamp = BigInt(Date.now() - 1_420_070_400_000) + BigInt(serial * shardCount);
  const onShard = timestamp - (timestamp % BigInt(shardCount)) + BigInt(shard);
  return String(onShard << 22n);
}

/** The ids and permission layout of one guild the emulator serves. */
export function createGuild(botId: string, guildId: string) {
  const applicationId = botId;
  const ids = {
    guildId,
    botId,
    applicationId,
    ownerId: snowflake(),
    moderatorRole: snowflake(),
    adminRole: snowflake(),
    botRole: snowflake(),
    general: snowflake(),
    readOnly: snowflake(),
    botBlind: snowflake(),
    noEmbeds: snowflake(),
    noFiles: snowflake(),
    voice: snowflake(),
  };
  const everyone = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.UseApplicationCommands;
  const roles = [
    { id: guildId, name: '@everyone', permissions: String(everyone), position: 0 },
    { id: ids.moderatorRole, name: 'Moderator', permissions: String(everyone | P.ManageMessages), position: 1 },
    { id: ids.adminRole, name: 'Admin', permissions: String(everyone | P.ManageGuild | P.ManageMessages), position: 1 },
    { id: ids.botRole, name: 'Verbatim', permissions: String(everyone | P.AttachFiles), position: 2, managed: true },
  ].map((r) => ({ color: 0, hoist: false, icon: null, unicode_emoji: null, managed: false, mentionable: false, flags: 0, ...r }));
  const text = (id: string, name: string, position: number, overwrites: { id: string; type: 0 | 1; allow?: bigint; deny?: bigint }[] = []) => ({
    id,
    type: 0,
    guild_id: guildId,
    name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: overwrites.map((o) => ({ id: o.id, type: o.type, allow: String(o.allow ?? 0n), deny: String(o.deny ?? 0n) })),
  });
  const channels = [
    text(ids.general, 'general', 0),
    // Members read it; only moderators may write.
    text(ids.readOnly, 'announcements', 1, [
      { id: guildId, type: 0, deny: P.SendMessages },
      { id: ids.moderatorRole, type: 0, allow: P.SendMessages },
    ]),
    // The bot cannot see it.
    text(ids.botBlind, 'staff', 2, [{ id: ids.botRole, type: 0, deny: P.ViewChannel }]),
    // The bot can see and write but not embed.
    text(ids.noEmbeds, 'plain', 3, [{ id: ids.botRole, type: 0, deny: P.EmbedLinks }]),
    // The bot can embed but not attach files.
    text(ids.noFiles, 'no-files', 4, [{ id: ids.botRole, type: 0, deny: P.AttachFiles }]),
    { id: ids.voice, type: 2, guild_id: guildId, name: 'Voice', position: 4, parent_id: null, bitrate: 64000, user_limit: 0, permission_overwrites: [] },
  ];
  return { ids, roles, channels, everyone };
}

export type Guild = ReturnType<typeof createGuild>;

/** The token in an interaction's callback (`/interactions/<id>/<token>/…`) or webhook (`/webhooks/<app>/<token>/…`) path. */
const INTERACTION_TOKEN = /^\/(?:interactions|webhooks)\/\d+\/([^/]+)/;

export class DiscordEmulator {
  readonly calls: RecordedCall[] = [];
  /** Calls by interaction token (callbacks, edits and follow-ups all carry it): waiting stays linear. */
  private readonly callsByToken = new Map<string, RecordedCall[]>();
  /** Requests the emulator had no route for: a test should see none. */
  readonly unknownRoutes: string[] = [];
  readonly gatewayEvents: { op: number; t?: string | null; shard?: number }[] = [];
  readonly guilds: Guild[];
  readonly botUser: { id: string; username: string; discriminator: string; global_name: string | null; avatar: null; bot: true };
  /** Identifies and resumes seen, by shard. */
  readonly identifies: number[] = [];
  readonly resumes: number[] = [];
  private readonly failures: InjectedFailure[] = [];
  private readonly slow: { method: string; path: RegExp; ms: number }[] = [];
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private sessions = new Map<number, Session>();
  private waiters: (() => void)[] = [];
  port = 0;

  constructor(private readonly options: EmulatorOptions) {
    const botId = snowflake();
    const shards = options.shards ?? 1;
    this.guilds =
      shards === 1
        ? Array.from({ length: options.guilds ?? 1 }, () => createGuild(botId, snowflake()))
        : Array.from({ length: shards }, (_, shard) => createGuild(botId, guildIdOnShard(shard, shards, 1)));
    this.botUser = { id: botId, username: 'Verbatim', discriminator: '0', global_name: null, avatar: null, bot: true };
  }

  /** The first guild (the only one with one shard). */
  get guild(): Guild {
    return this.guilds[0]!;
  }

  shardOf(guildId: string): number {
    const count = this.options.shards ?? 1;
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  /** Answers the next matching REST request only after `ms` (then as usual): work stays in flight. */
  slowNext(slow: { method: string; path: RegExp; ms: number }): void {
    this.slow.push(slow);
  }

  /** Answers the next matching REST requests with these failures, in order. */
  failNext(...failures: InjectedFailure[]): void {
    this.failures.push(...failures);
  }

  /** Closes a shard's gateway connection with a close code (4000: unknown error, resumable). */
  closeGateway(code = 4000, shard = 0): void {
    this.sessions.get(shard)?.socket.close(code, 'emulator closed the connection');
  }

  /** Asks a shard to reconnect (op 7) or says its session is invalid (op 9). */
  sendOp(op: 7 | 9, shard = 0, d: unknown = op === 9 ? false : null): void {
    const session = this.sessions.get(shard);
    if (session) this.send(session.socket, { op, d }, shard);
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => this.handleSocket(socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`emulator: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** Is a shard connected with a live session (identified or resumed)? */
  connected(shard = 0): boolean {
    return this.sessions.get(shard)?.socket.readyState === 1;
  }

  /** The interaction's REST calls once `done` holds for them (by default: once there is any). */
  replyTo(interaction: { id: string; token: string }, done: (calls: RecordedCall[]) => boolean = (calls) => calls.length > 0, timeoutMs = 15_000): Promise<RecordedCall[]> {
    return this.waitFor(() => {
      const calls = this.callsFor(interaction);
      return done(calls) ? calls : undefined;
    }, timeoutMs, `reply to interaction ${interaction.id}`);
  }

  /** REST calls made for one interaction: its callback and its webhook edits and follow-ups. */
  callsFor(interaction: { id: string; token: string }): RecordedCall[] {
    return [...(this.callsByToken.get(interaction.token) ?? [])];
  }

  /**
   * Dispatches an INTERACTION_CREATE from a member of `guild` in `channelId`: the fields every
   * interaction carries (discord.js 14 needs `channel` as an object, `entitlements` and
   * `authorizing_integration_owners`), plus the kind-specific ones.
   */
  private dispatchInteraction(guild: Guild, channelId: string, userId: string, roles: string[], fields: Record<string, unknown>): { id: string; token: string } {
    const { ids } = guild;
    const id = snowflake();
    const token = `itoken-${randomBytes(12).toString('hex')}`;
    const channel = guild.channels.find((c) => c.id === channelId)!;
    const permissions = String(this.permissionsOf(roles, channelId, guild));
    const payload = {
      id,
      application_id: ids.applicationId,
      token,
      version: 1,
      guild_id: ids.guildId,
      channel_id: channelId,
      channel: { id: channel.id, type: channel.type, guild_id: ids.guildId, name: channel.name, permissions },
      member: {
        user: { id: userId, username: `reader${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
        roles,
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        permissions,
      },
      app_permissions: String(this.permissionsOf([ids.botRole], channelId, guild)),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': ids.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...fields,
    };
    this.dispatch('INTERACTION_CREATE', payload, this.shardOf(ids.guildId));
    return { id, token };
  }

  /** Injects a slash command or an autocomplete request; returns its id and token. */
  interact(options: InteractOptions): { id: string; token: string } {
    const guild = this.guilds[options.guild ?? 0]!;
    const { ids } = guild;
    const roles = options.roles ?? [];
    const resolvedChannels: Record<string, unknown> = {};
    const resolvedAttachments: Record<string, unknown> = {};
    const resolve = (list: EmulatedOption[]) => {
      for (const option of list) {
        if (option.type === 7) {
          const target = guild.channels.find((c) => c.id === option.value);
          if (target) resolvedChannels[target.id] = { id: target.id, name: target.name, type: target.type, permissions: String(this.permissionsOf(roles, target.id, guild)), parent_id: null };
        }
        if (option.type === 11 && option.attachment) resolvedAttachments[String(option.value)] = { id: String(option.value), proxy_url: option.attachment.url, ...option.attachment };
        resolve(option.options ?? []);
      }
    };
    resolve(options.options ?? []);
    const resolved = {
      ...(Object.keys(resolvedChannels).length > 0 ? { channels: resolvedChannels } : {}),
      ...(Object.keys(resolvedAttachments).length > 0 ? { attachments: resolvedAttachments } : {}),
    };
    return this.dispatchInteraction(guild, options.channelId ?? ids.general, options.userId ?? snowflake(), roles, {
      type: options.type === 'autocomplete' ? 4 : 2,
      data: {
        id: snowflake(),
        name: options.name,
        type: 1,
        guild_id: ids.guildId,
        options: (options.options ?? []).map(function strip(o): EmulatedOption {
          const { attachment: _attachment, ...rest } = o;
          return { ...rest, ...(o.options ? { options: o.options.map(strip) } : {}) };
        }),
        ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      },
    });
  }

  /**
   * Injects a message context-menu command ("Find sources") on a message of `author` in a channel
   * of `guild`; `installedInGuild: false` is a user's install used in a server without the bot.
   */
  messageMenu(options: { name: string; content: string; guild?: number; userId?: string; installedInGuild?: boolean }): { id: string; token: string } {
    const guild = this.guilds[options.guild ?? 0]!;
    const userId = options.userId ?? snowflake();
    const target = { ...this.message(guild.ids.general, { content: options.content }), author: { id: snowflake(), username: 'someone', discriminator: '0', global_name: null, avatar: null } };
    return this.dispatchInteraction(guild, guild.ids.general, userId, [], {
      type: 2,
      data: { id: snowflake(), name: options.name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } },
      ...(options.installedInGuild === false ? { authorizing_integration_owners: { '1': userId } } : {}),
    });
  }

  /**
   * Injects a slash command in a DM with the bot, from a user who installed the app (a user
   * install: no server, no member); answered on the first shard.
   */
  interactInDm(options: { name: string; options?: EmulatedOption[]; userId?: string; type?: 'command' | 'autocomplete' }): { id: string; token: string } {
    const id = snowflake();
    const token = `itoken-${randomBytes(12).toString('hex')}`;
    const userId = options.userId ?? snowflake();
    const channelId = snowflake();
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.guild.ids.applicationId,
      token,
      version: 1,
      type: options.type === 'autocomplete' ? 4 : 2,
      channel_id: channelId,
      channel: { id: channelId, type: 1, recipients: [] },
      user: { id: userId, username: `reader${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
      app_permissions: String(P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles),
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '1': userId },
      context: 1,
      attachment_size_limit: 10_485_760,
      data: { id: snowflake(), name: options.name, type: 1, options: options.options ?? [] },
    });
    return { id, token };
  }

  /**
   * Injects a click on a button of a message the bot sent (MESSAGE_COMPONENT); `message` is the
   * body the bot sent, as recorded.
   */
  click(options: { customId: string; userId: string; message: { content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number }; channelId?: string }): { id: string; token: string } {
    const { guild } = this;
    const channelId = options.channelId ?? guild.ids.general;
    const message = { ...this.message(channelId, options.message), id: snowflake(), webhook_id: guild.ids.applicationId };
    return this.dispatchInteraction(guild, channelId, options.userId, [], { type: 3, message, data: { custom_id: options.customId, component_type: 2 } });
  }

  /** Permissions of a member with `roles` in a channel, computed as Discord does. */
  permissionsOf(roles: string[], channelId: string, guild: Guild = this.guild): bigint {
    const roleList = guild.roles.filter((r) => r.id === guild.ids.guildId || roles.includes(r.id));
    let perms = roleList.reduce((acc, r) => acc | BigInt(r.permissions), 0n);
    const channel = guild.channels.find((c) => c.id === channelId);
    for (const o of channel?.permission_overwrites ?? []) {
      if (o.id === guild.ids.guildId) perms = (perms & ~BigInt(o.deny)) | BigInt(o.allow);
    }
    let allow = 0n;
    let deny = 0n;
    for (const o of channel?.permission_overwrites ?? []) {
      if (o.id !== guild.ids.guildId && roles.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    return (perms & ~deny) | allow;
  }

  /** Sends a gateway dispatch to a shard's session. */
  dispatch(t: string, d: unknown, shard = 0): void {
    const session = this.sessions.get(shard);
    if (!session) throw new Error(`emulator: no gateway session on shard ${shard}`);
    this.send(session.socket, { op: 0, t, s: ++session.sequence, d }, shard);
  }

  private send(socket: WebSocket, payload: { op: number; t?: string | null; s?: number | null; d: unknown }, shard?: number): void {
    this.gatewayEvents.push({ op: payload.op, t: payload.t ?? null, ...(shard !== undefined ? { shard } : {}) });
    if (socket.readyState === 1) socket.send(JSON.stringify({ t: null, s: null, ...payload }));
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private held: WebSocket[] | undefined;

  /** New gateway connections get no Hello until `release()`: the bot stays disconnected meanwhile. */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = undefined;
    for (const socket of waiting) this.send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private handleSocket(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.wake();
    });
    if (this.held) this.held.push(socket);
    else this.send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { op: number; d: any };
      this.gatewayEvents.push({ op: message.op });
      if (message.op === 1) this.send(socket, { op: 11, d: null });
      else if (message.op === 2) this.identify(socket, message.d);
      else if (message.op === 6) this.resume(socket, message.d);
      this.wake();
    });
  }

  private identify(socket: WebSocket, d: { token: string; shard?: [number, number] }): void {
    if (d.token !== this.options.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const shard: [number, number] = d.shard ?? [0, 1];
    const session: Session = { socket, shard, sessionId: randomBytes(16).toString('hex'), sequence: 0 };
    this.sessions.set(shard[0], session);
    this.identifies.push(shard[0]);
    const guilds = this.guilds.filter((g) => this.shardOf(g.ids.guildId) === shard[0]);
    this.send(
      socket,
      {
        op: 0,
        t: 'READY',
        s: ++session.sequence,
        d: {
          v: 10,
          user: this.botUser,
          guilds: guilds.map((g) => ({ id: g.ids.guildId, unavailable: true })),
          session_id: session.sessionId,
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          shard,
          application: { id: this.botUser.id, flags: 0 },
          private_channels: [],
          presences: [],
          relationships: [],
          user_settings: {},
          geo_ordered_rtc_regions: [],
        },
      },
      shard[0],
    );
    for (const guild of guilds) this.send(socket, { op: 0, t: 'GUILD_CREATE', s: ++session.sequence, d: this.guildCreate(guild) }, shard[0]);
  }

  private resume(socket: WebSocket, d: { token: string; session_id: string; seq: number }): void {
    const session = [...this.sessions.values()].find((s) => s.sessionId === d.session_id);
    if (d.token !== this.options.token || !session) {
      this.send(socket, { op: 9, d: false });
      return;
    }
    session.socket = socket;
    this.resumes.push(session.shard[0]);
    this.send(socket, { op: 0, t: 'RESUMED', s: ++session.sequence, d: {} }, session.shard[0]);
  }

  private guildCreate(guild: Guild) {
    const { ids, roles, channels } = guild;
    const joined = new Date(0).toISOString();
    return {
      id: ids.guildId,
      name: 'Verbatim Test Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: ids.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      widget_enabled: false,
      application_id: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      features: [],
      roles,
      emojis: [],
      stickers: [],
      soundboard_sounds: [],
      joined_at: joined,
      large: false,
      unavailable: false,
      member_count: 3,
      voice_states: [],
      members: [{ user: this.botUser, roles: [ids.botRole], joined_at: joined, deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false }],
      channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      hub_type: null,
      incidents_data: null,
    };
  }

  private message(channelId: string, body: any, flags = 0) {
    return {
      id: snowflake(),
      channel_id: channelId,
      guild_id: this.guilds.find((g) => g.channels.some((c) => c.id === channelId))?.ids.guildId,
      author: this.botUser,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      attachments: [],
      components: body?.components ?? [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      type: 0,
      flags: body?.flags ?? flags,
      webhook_id: undefined as string | undefined,
    };
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const { body, files } = parseBody(req.headers['content-type'] ?? '', raw);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const call: RecordedCall = { method: req.method ?? 'GET', path, query: url.searchParams, body, files, at: Date.now() };
    this.calls.push(call);
    const token = INTERACTION_TOKEN.exec(path)?.[1];
    if (token !== undefined) {
      const list = this.callsByToken.get(token);
      if (list) list.push(call);
      else this.callsByToken.set(token, [call]);
    }
    const reply = (status: number, json?: unknown) => {
      // A 204 carries no content type: discord.js parses any body typed JSON.
      res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
      res.end(json === undefined ? undefined : JSON.stringify(json));
      this.wake();
    };
    const slow = this.slow.findIndex((s) => s.method === call.method && s.path.test(path));
    if (slow !== -1) {
      const [s] = this.slow.splice(slow, 1);
      await new Promise((resolve) => setTimeout(resolve, s!.ms));
    }
    const failure = this.failures.findIndex((f) => f.method === call.method && f.path.test(path));
    if (failure !== -1) {
      const [f] = this.failures.splice(failure, 1);
      res.writeHead(f!.status, { 'content-type': 'application/json', ...(f!.headers ?? {}) });
      res.end(JSON.stringify(f!.body ?? { message: 'injected failure', code: 0 }));
      call.failed = f!.status;
      this.wake();
      return;
    }
    const interactionRoute = /^\/interactions\/\d+\/[^/]+\/callback$/.test(path);
    const isWebhook = path.startsWith('/webhooks/');
    if (!interactionRoute && !isWebhook && req.headers.authorization !== `Bot ${this.options.token}`) {
      reply(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    const { ids } = this.guild;
    const shards = this.options.shards ?? 1;
    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && path === '/gateway/bot') {
      reply(200, { url: `ws://127.0.0.1:${this.port}`, shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
    } else if (req.method === 'GET' && path === '/users/@me') {
      reply(200, this.botUser);
    } else if (req.method === 'POST' && interactionRoute) {
      reply(204);
    } else if ((m = path.match(/^\/webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/))) {
      if (req.method === 'DELETE') reply(204);
      else reply(200, { ...this.message(ids.general, body), id: m[1] === '@original' ? snowflake() : m[1], webhook_id: ids.applicationId });
    } else if (req.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      reply(200, { ...this.message(ids.general, body), webhook_id: ids.applicationId });
    } else if (req.method === 'POST' && (m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      reply(200, this.message(m[1]!, body));
    } else if (req.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      reply(200, (body as any[]).map((c) => ({ ...c, id: snowflake(), application_id: ids.applicationId, version: snowflake() })));
    } else if (req.method === 'GET' && (m = path.match(/^\/guilds\/\d+\/members\/(\d+)$/)) && m[1] === this.botUser.id) {
      reply(200, { user: this.botUser, roles: [ids.botRole], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 });
    } else {
      this.unknownRoutes.push(`${req.method} ${path}`);
      reply(404, { message: `Unknown route ${req.method} ${path}`, code: 0 });
    }
  }
}

function parseBody(contentType: string, raw: Buffer): { body: any; files: RecordedCall['files'] } {
  if (raw.length === 0) return { body: undefined, files: [] };
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) {
    return { body: contentType.includes('json') ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8'), files: [] };
  }
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const files: RecordedCall['files'] = [];
  let body: any;
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    const filename = /filename="([^"]+)"/.exec(headers)?.[1];
    if (name === 'payload_json') body = JSON.parse(data.toString('utf8'));
    else if (filename) files.push({ name: filename, size: data.length, data: Buffer.from(data) });
    at = next;
  }
  return { body, files };
}
