// Each server sees its own library: the context a command runs with, who may change it, and what happens when the bot joins or leaves a server.
import { Events, PermissionFlagsBits, type Client, type Interaction } from 'discord.js';
import type { LibraryStore } from '../store/libraryStore.js';
import type { ServerLibraries } from '../store/serverLibraries.js';
import type { Logger } from '../logger.js';
import type { DiscordContext } from './discordCommand.js';

/** The servers' libraries: kept in the database, loaded for searching when first asked. */
export interface ServerScope {
  store: LibraryStore;
  libraries: ServerLibraries;
}

/**
 * The context of an interaction: in a server, that server's library (the base library, if the
 * server searches it, and its own articles), which add and feed change; elsewhere, the base.
 */
export async function contextForServer(context: DiscordContext, guildId: string | null, needsIndex = true): Promise<DiscordContext> {
  const scope = context.servers;
  if (!scope || guildId === null) return context;
  const library = { store: scope.store, serverId: guildId, changed: () => scope.libraries.changed(guildId) };
  // A command that only writes (add, feed, library) never waits for the library to load.
  if (!needsIndex) return { ...context, library };
  return { ...context, verbatim: await scope.libraries.verbatimFor(guildId), library };
}

/** May this member change the server's library: Manage Server, or the role the server's settings name. */
export async function isLibraryManager(scope: ServerScope | undefined, interaction: Interaction): Promise<boolean> {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!scope) return false;
  const { managerRoleId } = await scope.store.settings(interaction.guildId);
  const roles = interaction.member.roles;
  return managerRoleId !== null && (Array.isArray(roles) ? roles.includes(managerRoleId) : roles.cache.has(managerRoleId));
}

/** How often removed servers' libraries past their keeping time are deleted. */
const PURGE_EVERY_MS = 6 * 3600_000;

/**
 * Leaving a server marks its library removed (kept LIBRARY_KEEP_DAYS, in case the bot comes
 * back); joining again keeps it. One shard deletes what is past its time, at start and every 6 h.
 */
export function wireServerLifecycle(client: Client, scope: ServerScope, logger: Logger): void {
  client.on(Events.GuildDelete, (guild) => {
    scope.libraries.forget(guild.id);
    void scope.store.markRemoved(guild.id).then(
      () => logger.info({ guild: guild.id }, 'left a server; its library is kept for now'),
      (error: unknown) => logger.error({ err: error, guild: guild.id }, 'could not mark a left server'),
    );
  });
  client.on(Events.GuildCreate, (guild) => {
    void scope.store.restore(guild.id).catch((error: unknown) => logger.error({ err: error, guild: guild.id }, 'could not restore a server library'));
  });
  if ((client.shard?.ids[0] ?? 0) !== 0) return;
  const purge = () =>
    void scope.store.purgeRemoved().then(
      (gone) => gone.length > 0 && logger.info({ libraries: gone.length }, 'deleted the libraries of servers left long ago'),
      (error: unknown) => logger.error({ err: error }, 'purging left servers failed'),
    );
  purge();
  setInterval(purge, PURGE_EVERY_MS).unref();
}
