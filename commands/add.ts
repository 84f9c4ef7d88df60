import { SlashCommandBuilder } from '@discordjs/builders';
import { InteractionContextType } from 'discord-api-types/v10';
import { z } from 'zod';
import { optionReader } from '../src/commandDefinition.js';
import { isCalendarDate } from '../src/core/corpus.js';
import { deferOnce, respond } from '../src/discord/respond.js';
import { readOptions } from '../src/discord/options.js';
import { escapeMarkdown } from '../src/discord/markdown.js';
import { MESSAGES } from '../src/messages.js';
import type { DiscordCommand } from '../src/discord/discordCommand.js';
import type { AddedArticle } from '../src/web/addArticle.js';

export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription("Add a news article from its web page or a file (in Discord: to this server's library)")
  .setContexts(InteractionContextType.Guild)
  .addStringOption((option) => option.setName('url').setDescription('The article page (http or https); with a file, the link the file is from').setRequired(true).setMaxLength(2000))
  .addAttachmentOption((option) => option.setName('file').setDescription('The article as a .md, .txt or .html file (its link is url)'))
  .addStringOption((option) => option.setName('published').setDescription('Publication date YYYY-MM-DD, when the page states none').setMaxLength(10))
  .addStringOption((option) => option.setName('outlet').setDescription("Outlet name (default: the page's site name)").setMaxLength(100));

const readAddOptions = optionReader({ url: z.string().default(''), file: z.string().optional(), published: z.string().optional(), outlet: z.string().optional() });

export type AddOutcome = { ok: true; added: AddedArticle } | { ok: false; message: string };

export const command: DiscordCommand<AddOutcome, ReturnType<typeof readAddOptions>> = {
  data,
  changesLibrary: true,
  needsIndex: false,
  readOptions: readAddOptions,
  async run(context, { url, file, published, outlet }) {
    if (published !== undefined && !isCalendarDate(published)) return { ok: false, message: MESSAGES.notADate('published') };
    const given = { ...(published ? { published } : {}), ...(outlet ? { outlet } : {}) };
    // Loaded only when used: nothing else fetches from the web.
    const { addArticle, AddRefused } = await import('../src/web/addArticle.js');
    try {
      const { library } = context;
      if (library) {
        // In a server, into that server's library.
        const writes = await import('../src/store/libraryWrites.js');
        const added = file ? await writes.addUploadToLibrary(library, file, { url, ...given }) : await writes.addPageToLibrary(library, url, given);
        await library.changed();
        return { ok: true, added };
      }
      const added = await addArticle(context.corpusDir, url, given);
      await context.reload?.([added.path]);
      return { ok: true, added };
    } catch (error) {
      if (error instanceof AddRefused) return { ok: false, message: error.message };
      throw error;
    }
  },
  text: (outcome) => (outcome.ok ? MESSAGES.articleAdded(outcome.added) : MESSAGES.notAdded(outcome.message)),
  json: (outcome) => {
    if (!outcome.ok) return { error: outcome.message };
    const { path, title, outlet, url, published } = outcome.added;
    return { path, title, outlet, url, published };
  },
  refusal: (outcome) => (outcome.ok ? undefined : MESSAGES.notAdded(outcome.message)),
  async execute(interaction, context) {
    await deferOnce(interaction, true);
    const outcome = await command.run(context, readAddOptions(readOptions(interaction)));
    // The page's title and site name are shown as text: markdown in them is escaped.
    const content = outcome.ok
      ? `✅ ${MESSAGES.articleAdded({ ...outcome.added, title: escapeMarkdown(outcome.added.title), outlet: escapeMarkdown(outcome.added.outlet) })}`
      : MESSAGES.refused(MESSAGES.notAdded(escapeMarkdown(outcome.message)));
    await respond(interaction, { content, ephemeral: true });
  },
};
