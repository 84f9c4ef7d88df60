import 'dotenv/config';
import { Command } from 'commander';
import { corpusDir } from './corpusDir.js';
import { loadCommands } from './loadCommands.js';
import type { DiscordCommand } from './discord/discordCommand.js';
import { describeIndexEvent, openCorpusOrExit } from './openOrExit.js';
import { CorpusHolder } from './corpusHolder.js';
import { contextOf } from './commandDefinition.js';
import type { IndexEvent } from './core/verbatim.js';
import { runConsole } from './console/console.js';
import { botConfig, ConfigError, hasToken, runSettings, storeSettings } from './config.js';
import { createLogger } from './logger.js';
import { fileURLToPath } from 'node:url';
import { MESSAGES } from './messages.js';

const program = new Command()
  .name('verbatim')
  .description('Answers questions about a folder of news articles with verbatim quotes. Without DISCORD_TOKEN it opens the offline console.')
  .option('--corpus <dir>', 'folder of Markdown articles (default: $CORPUS_DIR, else the bundled seeds)')
  .option('--console', 'open the offline console even when DISCORD_TOKEN is set')
  .parse();


const flags = program.opts<{ corpus?: string; console?: boolean }>();
const dir = corpusDir(flags.corpus);

if (hasToken() && !flags.console) {
  let config;
  try {
    config = botConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const { shard } = runSettings();
  const logger = createLogger(config.LOG_LEVEL).child(shard === undefined ? {} : { shard });
  const logIndex = (event: IndexEvent) => {
    if (event.kind === 'discarded') logger.warn(event, 'index cache discarded');
    else if (event.kind === 'not-saved') logger.warn(event, 'index kept in memory only: the cache folder cannot take it');
    else logger.info(event, `index ${event.kind}`);
  };
  const open = () => openCorpusOrExit(dir, logIndex);
  if (config.SHARD_COUNT !== undefined && shard === undefined) {
    // The manager only makes sure the index is built and persisted, then lets it go; the shards load it.
    await open();
    // discord.js is loaded only here and below: the console never needs it.
    const { runShards } = await import('./discord/shards.js');
    await runShards(fileURLToPath(import.meta.url), { ...config, SHARD_COUNT: config.SHARD_COUNT }, logger);
  } else {
    const holder = new CorpusHolder(await open(), dir, logIndex);
    const commands = await loadCommands<DiscordCommand>();
    const [{ runBot }, { describeLoginFailure }, { LibraryStore }] = await Promise.all([import('./discord/bot.js'), import('./discord/loginFailure.js'), import('./store/libraryStore.js')]);
    const stored = storeSettings();
    let store;
    try {
      store = await LibraryStore.open(stored, stored.quotas);
    } catch (error) {
      console.error(MESSAGES.storeUnavailable(stored.databaseUrl ? 'DATABASE_URL' : stored.sqlitePath, (error as Error).message));
      process.exit(1);
    }
    try {
      await runBot(config, commands, holder, dir, logger, { store, librariesMemoryBytes: stored.librariesMemoryBytes });
    } catch (error) {
      console.error(describeLoginFailure(error));
      process.exit(1);
    }
  }
} else {
  const onIndex = (event: IndexEvent) => {
    const line = describeIndexEvent(event);
    if (line) console.error(line);
  };
  const holder = new CorpusHolder(await openCorpusOrExit(dir, onIndex), dir, onIndex);
  const verbatim = holder.verbatim;
  const commands = new Map([...(await loadCommands())].filter(([, command]) => !command.discordOnly));
  console.error(
    `Verbatim offline console: ${MESSAGES.articlesFromOutlets(verbatim.corpus.documents.length, verbatim.outlets.length)} in ${verbatim.corpus.dir}. ` +
      'Type /help. To run it as a Discord bot, set DISCORD_TOKEN and DISCORD_CLIENT_ID in .env (see README).',
  );
  await runConsole(commands, contextOf(holder), { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
}
