import { SlashCommandBuilder } from '@discordjs/builders';
import { ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { optionReader, type ServerLibrary } from '../src/commandDefinition.js';
import { formatArticle } from '../src/core/frontMatter.js';
import type { LibrarySettings, Quotas, Usage } from '../src/store/libraryStore.js';
import { deferOnce, respond } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { checkPosting } from '../src/discord/permissions.js';
import { escapeMarkdown } from '../src/discord/markdown.js';
import { LIMITS } from '../src/discord/limits.js';
import { clipped, MESSAGES } from '../src/messages.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';

export const data = new SlashCommandBuilder()
  .setName('library')
  .setDescription("This server's own articles: list, remove, export, and its settings")
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) => sub.setName('list').setDescription("What this server's library holds, newest first"))
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription("Remove an article from this server's library")
      .addStringOption((option) => option.setName('article').setDescription('The article (type part of its title)').setRequired(true).setAutocomplete(true).setMaxLength(200)),
  )
  .addSubcommand((sub) => sub.setName('export').setDescription("This server's articles as Markdown files in one archive"))
  .addSubcommand((sub) =>
    sub
      .setName('settings')
      .setDescription('Show or change announcements, whether shared articles are searched, and who may change the library')
      .addChannelOption((option) =>
        option.setName('announce-channel').setDescription('Announce new feed articles in this channel').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addBooleanOption((option) => option.setName('search-base').setDescription("Search the bot's shared articles too (default yes)"))
      .addRoleOption((option) => option.setName('manager-role').setDescription('Members with this role may change the library, as Manage Server may'))
      .addStringOption((option) =>
        option
          .setName('clear')
          .setDescription('Stop announcing, or take the manager role off')
          .addChoices({ name: 'announce-channel', value: 'announce-channel' }, { name: 'manager-role', value: 'manager-role' }),
      ),
  );

const readLibraryOptions = optionReader({
  subcommand: z.enum(['list', 'remove', 'export', 'settings']).default('list'),
  article: z.string().optional(),
  'announce-channel': z.string().optional(),
  'search-base': z.boolean().optional(),
  'manager-role': z.string().optional(),
  clear: z.enum(['announce-channel', 'manager-role']).optional(),
});

/** The newest articles /library list shows; export gives them all. */
const LISTED = 15;

type ArticleLine = { path: string; title: string; outlet: string; published: string };

export type LibraryOutcome =
  | { kind: 'list'; usage: Usage; quotas: Quotas; articles: ArticleLine[]; more: number }
  | { kind: 'removed'; path: string }
  | { kind: 'export'; files: { name: string; text: string }[] }
  | { kind: 'settings'; settings: LibrarySettings }
  | { kind: 'refused'; message: string };

async function runIn(library: ServerLibrary, options: ReturnType<typeof readLibraryOptions>): Promise<LibraryOutcome> {
  const { store, serverId } = library;
  switch (options.subcommand) {
    case 'list': {
      const documents = await store.articleList(serverId);
      const newest = [...documents].sort((a, b) => b.published.localeCompare(a.published) || a.path.localeCompare(b.path));
      return {
        kind: 'list',
        usage: await store.usage(serverId),
        quotas: store.quotas,
        articles: newest.slice(0, LISTED).map(({ path, title, outlet, published }) => ({ path, title, outlet, published })),
        more: Math.max(0, documents.length - LISTED),
      };
    }
    case 'remove': {
      const path = options.article ?? '';
      if (!(await store.removeArticle(serverId, path))) return { kind: 'refused', message: MESSAGES.notInLibrary(clipped(path, 100)) };
      await library.changed();
      return { kind: 'removed', path };
    }
    case 'export': {
      const documents = await store.documents(serverId);
      return { kind: 'export', files: documents.map((d) => ({ name: d.path, text: formatArticle({ title: d.title, outlet: d.outlet, url: d.url, published: d.published, author: d.author }, d.body) })) };
    }
    case 'settings': {
      const change: Partial<LibrarySettings> = {
        ...(options['announce-channel'] !== undefined ? { announceChannelId: options['announce-channel'] } : {}),
        ...(options['search-base'] !== undefined ? { searchBase: options['search-base'] } : {}),
        ...(options['manager-role'] !== undefined ? { managerRoleId: options['manager-role'] } : {}),
        ...(options.clear === 'announce-channel' ? { announceChannelId: null } : {}),
        ...(options.clear === 'manager-role' ? { managerRoleId: null } : {}),
      };
      if (Object.keys(change).length === 0) return { kind: 'settings', settings: await store.settings(serverId) };
      const settings = await store.updateSettings(serverId, change);
      if (change.searchBase !== undefined) await library.changed();
      return { kind: 'settings', settings };
    }
  }
}

function libraryText(outcome: LibraryOutcome): string {
  switch (outcome.kind) {
    case 'list': {
      const { usage, quotas } = outcome;
      if (usage.articles === 0) return MESSAGES.libraryEmpty;
      const head = MESSAGES.libraryHolds(usage.articles, quotas.articles, (usage.bytes / 1e6).toFixed(1), Math.round(quotas.bytes / 1e6), usage.feeds, quotas.feeds);
      // Titles and outlets come from the articles: shown as text, markdown escaped.
      const lines = outcome.articles.map((a) => `• ${escapeMarkdown(clipped(a.title, 100))} — ${escapeMarkdown(clipped(a.outlet, 60))}, ${a.published} (\`${a.path.replace(/`/g, "'")}\`)`);
      return [head, ...lines, ...(outcome.more > 0 ? [MESSAGES.libraryMore(outcome.more)] : [])].join('\n');
    }
    case 'removed':
      return `✅ ${MESSAGES.libraryRemoved(escapeMarkdown(outcome.path))}`;
    case 'export':
      return MESSAGES.libraryExported(outcome.files.length);
    case 'settings':
      return MESSAGES.librarySettings(outcome.settings);
    case 'refused':
      return MESSAGES.refused(outcome.message);
  }
}

export const command: DiscordCommand<LibraryOutcome, ReturnType<typeof readLibraryOptions>> = {
  data,
  changesLibrary: true,
  discordOnly: true,
  needsIndex: false,
  readOptions: readLibraryOptions,
  async run(context, options) {
    if (!context.library) return { kind: 'refused', message: MESSAGES.serverOnly.replace(/^❌ /, '') };
    return runIn(context.library, options);
  },
  text: libraryText,
  refusal: (outcome) => (outcome.kind === 'refused' ? outcome.message : undefined),
  async execute(interaction, context) {
    await deferOnce(interaction, true);
    const options = readLibraryOptions(readOptions(interaction));
    if (options.subcommand === 'settings') {
      const changing = options['announce-channel'] !== undefined || options['search-base'] !== undefined || options['manager-role'] !== undefined || options.clear !== undefined;
      // The manager role is for the articles; who manages is for Manage Server alone.
      if (changing && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
        await respond(interaction, { content: MESSAGES.manageServerOnly, ephemeral: true });
        return;
      }
      const channel = options['announce-channel'];
      if (channel !== undefined) {
        const check = await checkPosting(interaction, channel);
        if (!check.ok) {
          await respond(interaction, { content: check.message, ephemeral: true });
          return;
        }
      }
    }
    const outcome = await command.run(context, options);
    if (outcome.kind === 'export') {
      const { zipArticles } = await import('../src/store/zipArticles.js');
      const archive = await zipArticles(outcome.files);
      if (archive.length > interaction.attachmentSizeLimit) {
        await respond(interaction, { content: MESSAGES.refused(MESSAGES.exportTooLarge(Math.floor(interaction.attachmentSizeLimit / 1024 / 1024))), ephemeral: true });
        return;
      }
      await respond(interaction, { content: libraryText(outcome), files: [{ name: 'library.zip', data: archive }], ephemeral: true });
      return;
    }
    await respond(interaction, { content: libraryText(outcome), ephemeral: true });
  },
  async autocomplete(interaction, context) {
    const library = context.library;
    if (!library) return interaction.respond([]);
    const typed = interaction.options.getFocused().toLowerCase();
    const documents = await library.store.articleList(library.serverId);
    const matching = documents.filter((d) => d.title.toLowerCase().includes(typed) || d.path.toLowerCase().includes(typed)).slice(0, LIMITS.autocompleteChoices);
    await interaction.respond(matching.filter((d) => d.path.length <= LIMITS.choiceValue).map((d) => ({ name: clipped(`${d.title} (${d.path})`, LIMITS.choiceName - 1), value: d.path })));
  },
};
