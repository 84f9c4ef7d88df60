import type { ContextMenuCommandBuilder } from '@discordjs/builders';
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { CommandContext, CommandDefinition } from '../commandDefinition.js';
import type { AskSessions } from './askSessions.js';
import type { ServerScope } from './serverScope.js';

/** The bot's context: the corpus, the servers' libraries, and the answers whose buttons still work. */
export interface DiscordContext extends CommandContext {
  sessions?: AskSessions;
  servers?: ServerScope;
}

/** A command as the bot runs it: the face-neutral definition plus its Discord handlers. */
export interface DiscordCommand<Result = unknown, Options = any> extends CommandDefinition<Result, Options> {
  /** Answers the interaction (through src/discord/respond.ts). */
  execute(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void>;
  /** Suggestions for an option marked autocomplete; must answer within 3 s and cannot defer. */
  autocomplete?(interaction: AutocompleteInteraction, context: DiscordContext): Promise<void>;
  /** A message context-menu command ("Find sources") that runs this command on the message's text. */
  contextMenu?: Pick<ContextMenuCommandBuilder, 'name' | 'toJSON'>;
  messageContext?(interaction: MessageContextMenuCommandInteraction, context: DiscordContext): Promise<void>;
  /** A click on one of the command's buttons (see buttonIds.ts). */
  button?(interaction: ButtonInteraction, context: DiscordContext): Promise<void>;
}
