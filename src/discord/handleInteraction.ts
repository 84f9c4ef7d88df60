import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordAPIError, type Interaction } from 'discord.js';
import type { DiscordCommand, DiscordContext } from './discordCommand.js';
import type { Logger } from '../logger.js';
import type { Cooldowns } from './cooldowns.js';
import type { Metrics } from './metrics.js';
import { deferOnce, respond } from './respond.js';
import { MESSAGES } from '../messages.js';
import { decodeButtonId } from './buttonIds.js';
import { ApplicationIntegrationType, PermissionFlagsBits } from 'discord-api-types/v10';
import { contextForServer, isLibraryManager } from './serverScope.js';

/**
 * How long an interaction waits for its server's library to load (its articles analysed, the first
 * time it is asked) before it is acknowledged: Discord drops an interaction not answered in 3 s.
 */
const LIBRARY_WAIT_MS = 1500;

const waited = <T>(work: Promise<T>): Promise<T | undefined> =>
  Promise.race([work, sleep(LIBRARY_WAIT_MS, undefined, { ref: false })]);

/** The server whose library an interaction reads: one where the bot itself is installed. */
function libraryServerOf(interaction: Interaction): string | null {
  const guildId = interaction.guildId;
  if (guildId === null) return null;
  const owners = interaction.authorizingIntegrationOwners as Partial<Record<ApplicationIntegrationType, string>> | undefined;
  // Without the field (an older payload) the bot was installed in the server the old way.
  if (!owners) return guildId;
  return owners[ApplicationIntegrationType.GuildInstall] === guildId ? guildId : null;
}

/** Interactions Discord no longer accepts an answer for: log them, there is no one to tell. */
const UNANSWERABLE = new Set([10062 /* Unknown interaction (expired) */, 40060 /* already acknowledged */]);


export interface HandlerOptions {
  cooldowns?: Cooldowns;
  metrics?: Metrics;
  /** Put the question text in the interaction's log line (off by default: questions are users' words). */
  logQuestions?: boolean;
  /** The server whose members with Manage Server may use admin commands (DISCORD_GUILD_ID). */
  homeGuildId?: string;
}

/**
 * Runs one interaction to its end and never throws: a failing command becomes an ephemeral
 * error with an id, and the same id is in the log line. One structured log line per interaction.
 */
export async function handleInteraction(
  interaction: Interaction,
  commands: Map<string, DiscordCommand>,
  context: DiscordContext,
  logger: Logger,
  options: HandlerOptions = {},
): Promise<void> {
  if (!interaction.isChatInputCommand() && !interaction.isAutocomplete() && !interaction.isButton() && !interaction.isMessageContextMenuCommand()) return;
  const started = performance.now();
  // A button's custom id starts with the name of the command whose message carries it; a context
  // menu is its command's ("Find sources" is sources-for). Only known names become metric labels:
  // a forged id must not grow the label set.
  const claimed = interaction.isButton()
    ? (decodeButtonId(interaction.customId)?.command ?? 'unknown')
    : interaction.isMessageContextMenuCommand()
      ? ([...commands.values()].find((c) => c.contextMenu?.name === interaction.commandName)?.data.name ?? 'unknown')
      : interaction.commandName;
  const name = commands.has(claimed) ? claimed : 'unknown';
  const command = commands.get(name);
  const kind = interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : interaction.isMessageContextMenuCommand() ? 'message menu' : 'command';
  // A server's own library only where the bot is installed in that server; a user's install (in a
  // DM, or a server without the bot) reads the base library.
  const server = libraryServerOf(interaction);
  const question = options.logQuestions && interaction.isChatInputCommand() ? interaction.options.getString('question') : null;
  const entry = { command: claimed, kind, guild: interaction.guildId ?? 'dm', interaction: interaction.id, ...(question ? { question } : {}) };
  const finish = (outcome: string, extra: Record<string, unknown> = {}) => {
    const ms = Math.round(performance.now() - started);
    options.metrics?.observe({ command: name, kind, outcome, ms });
    const line = { ...entry, ms, outcome, ...extra };
    if (outcome === 'error') logger.error(line, 'interaction failed');
    else if (outcome === 'dropped') logger.warn(line, 'interaction dropped');
    else logger.info(line, 'interaction');
  };
  try {
    if (!command) throw new Error(`no handler for /${claimed}`);
    if (interaction.isAutocomplete()) {
      // What a server's members are offered comes from that server's library alone; while it
      // loads, nothing (the library goes on loading for the next keystroke).
      const scoped = await waited(contextForServer(context, server));
      await (scoped && command.autocomplete ? command.autocomplete(interaction, scoped) : interaction.respond([]));
    } else if (interaction.isButton()) {
      if (!command.button) throw new Error(`/${name} has no buttons`);
      await command.button(interaction, context);
    } else {
      // Only a server's own library is ever changed from Discord: without one (no server, or a server
      // the bot is not installed in) such a command is refused, never run on the operator's folder.
      if (command.changesLibrary && (server === null || !(await isLibraryManager(context.servers, interaction)))) {
        await respond(interaction, { content: server !== null ? MESSAGES.libraryManagersOnly : MESSAGES.serverOnly, ephemeral: true });
        finish('refused');
        return;
      }
      if (command.adminOnly && !(interaction.guildId === options.homeGuildId && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))) {
        await respond(interaction, { content: MESSAGES.adminOnly, ephemeral: true });
        finish('refused');
        return;
      }
      const until = options.cooldowns?.take(name, interaction.user.id);
      if (until !== undefined) {
        await respond(interaction, { content: MESSAGES.onCooldown(name, until), ephemeral: true });
        finish('cooldown');
        return;
      }
      const scoping = contextForServer(context, server, command.needsIndex !== false);
      let scoped = await waited(scoping);
      if (!scoped) {
        // Acknowledged for the command, as privately as its answer will be; it answers once the library is loaded.
        const hidden = interaction.isMessageContextMenuCommand() || interaction.options.getBoolean('hide') === true || interaction.options.get('channel') !== null;
        await deferOnce(interaction, hidden);
        scoped = await scoping;
      }
      if (interaction.isMessageContextMenuCommand()) {
        if (!command.messageContext) throw new Error(`/${name} has no message menu`);
        await command.messageContext(interaction, scoped);
      } else {
        await command.execute(interaction, scoped);
      }
    }
    finish('ok');
  } catch (error) {
    const errorId = randomBytes(4).toString('hex');
    const code = error instanceof DiscordAPIError ? error.code : undefined;
    const outcome = typeof code === 'number' && UNANSWERABLE.has(code) ? 'dropped' : 'error';
    finish(outcome, { errorId, code, err: error });
    if (outcome === 'dropped' || !interaction.isRepliable()) return;
    await respond(interaction, { content: MESSAGES.somethingWentWrong(errorId), ephemeral: true }).catch((replyError: unknown) =>
      logger.warn({ ...entry, errorId, err: replyError }, 'could not tell the user about the error'),
    );
  }
}
