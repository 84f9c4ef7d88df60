import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';

/**
 * Commands a reader can use anywhere: installed in a server or by a user (then in DMs with the
 * bot, group DMs and servers without it, on the base library; Discord makes the reply private
 * where the user may not post an app's messages).
 */
export const EVERYWHERE = {
  integrations: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
} as const;
