import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { corpusDir } from './corpusDir.js';
import { describeIndexEvent, openCorpusOrExit } from './openOrExit.js';
import { CorpusError, loadCorpus } from './core/corpus.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './core/ask.js';
import type { Verbatim } from './core/verbatim.js';
import { loadCommands } from './loadCommands.js';
import { addCommand, type CommandLineExtras, type ContextFor } from './commandLine.js';
import type { TimelineOutcome } from './timelineRequest.js';
import { renderTimelinePng } from './picture/timelinePng.js';
import { MESSAGES } from './messages.js';

const program = new Command()
  .name('verbatim')
  .description('Verbatim from the command line: quotes with their sources, as text or JSON.')
  .option('--corpus <dir>', 'folder of Markdown articles (default: $CORPUS_DIR, else the bundled seeds)')
  .showHelpAfterError()
  .addHelpText('after', '\nExit codes: 0 answered (or no good match), 1 a refused question or option (in --batch: any line refused), 2 the corpus folder has problems.');

const open = (): Promise<Verbatim> =>
  openCorpusOrExit(corpusDir(program.opts<{ corpus?: string }>().corpus), (event) => {
    const line = describeIndexEvent(event);
    if (line) console.error(line);
  });

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number.');
  return Number(value);
}

// Every command in commands/ is a command here too, with the same options, rules and wording;
// only what a terminal alone can do is added (--limit, --batch, --png, check, feed poll).
const commands = await loadCommands();
const contextFor: ContextFor = async (command) => {
  const dir = corpusDir(program.opts<{ corpus?: string }>().corpus);
  if (command.needsIndex === false) {
    return {
      corpusDir: dir,
      get verbatim(): never {
        throw new Error(`${command.data.name} does not use the index`);
      },
    };
  }
  return { verbatim: await open(), corpusDir: dir };
};
const extras: Record<string, CommandLineExtras> = {
  ask: { batch: true, options: [new Option('--limit <n>', `Most quotes to return, a whole number from 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`).argParser(positiveInteger)] },
  timeline: {
    options: [new Option('--png <file>', 'Also write the timeline picture to this PNG file')],
    after: (outcome, flags) => {
      if (typeof flags.png === 'string') writeFileSync(flags.png, renderTimelinePng((outcome as Extract<TimelineOutcome, { ok: true }>).timeline));
    },
  },
};
for (const command of commands.values()) if (command.data.name !== 'reload' && !command.discordOnly) addCommand(program, command, contextFor, extras[command.data.name]);

program
  .command('check')
  .description('Validate the corpus folder: every problem, with file and field; exit 2 if there is any')
  .action(() => {
    const dir = corpusDir(program.opts<{ corpus?: string }>().corpus);
    try {
      const { documents } = loadCorpus(dir);
      const outlets = new Set(documents.map((d) => d.outlet)).size;
      console.log(`OK: ${MESSAGES.articlesFromOutlets(documents.length, outlets)} in ${dir}.`);
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      console.error(error.message);
      process.exitCode = 2;
    }
  });

function serverId(value: string): string {
  if (!/^\d{17,20}$/.test(value)) throw new InvalidArgumentError('must be a Discord server id (17 to 20 digits).');
  return value;
}

/** Opens the libraries' database (config from the environment), runs `work`, closes it; a refusal is one line and exit 1. */
async function withStore(work: (store: import('./store/libraryStore.js').LibraryStore) => Promise<void>): Promise<void> {
  const { storeSettings, ConfigError } = await import('./config.js');
  const { LibraryStore, LibraryRefused } = await import('./store/libraryStore.js');
  let store;
  try {
    const settings = storeSettings();
    store = await LibraryStore.open(settings, settings.quotas);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  try {
    await work(store);
  } catch (error) {
    if (!(error instanceof LibraryRefused || error instanceof CorpusError)) throw error;
    console.error(error.message);
    process.exitCode = error instanceof CorpusError ? 2 : 1;
  } finally {
    await store.close();
  }
}

const library = program
  .command('library')
  .description("A server's library in the database (SQLite in data/, or DATABASE_URL): import today's folder and feeds, export as Markdown");

library
  .command('import')
  .description("Import a corpus folder (default: --corpus) and a feeds list into a server's library; nothing already there is lost or doubled")
  .requiredOption('--server <id>', 'the Discord server (guild) id', serverId)
  .option('--feeds <file>', 'a feeds list as data/feeds.json holds it (the feeds, their validators, the items they listed)')
  .option('--json', 'Print {"articles","feeds","skipped":[{"what","reason"}]}')
  .action((flags: { server: string; feeds?: string; json?: boolean }) =>
    withStore(async (store) => {
      const { importFeeds, importFolder } = await import('./store/importExport.js');
      const articles = await importFolder(store, flags.server, corpusDir(program.opts<{ corpus?: string }>().corpus));
      const feeds = flags.feeds ? await importFeeds(store, flags.server, flags.feeds) : { feeds: 0, skipped: [] };
      const report = { articles: articles.articles, feeds: feeds.feeds, skipped: [...articles.skipped, ...feeds.skipped] };
      if (flags.json) console.log(JSON.stringify(report));
      else console.log([`Imported ${report.articles} articles and ${report.feeds} feeds into the library of server ${flags.server}.`, ...report.skipped.map((s) => `  - ${s.what}: ${s.reason}`)].join('\n'));
    }),
  );

library
  .command('export')
  .description("Write a server's library as Markdown articles into a new or empty folder")
  .requiredOption('--server <id>', 'the Discord server (guild) id', serverId)
  .requiredOption('--to <dir>', 'the folder to write')
  .action((flags: { server: string; to: string }) =>
    withStore(async (store) => {
      const { exportLibrary } = await import('./store/importExport.js');
      console.log(`Wrote ${await exportLibrary(store, flags.server, flags.to)} articles to ${flags.to}.`);
    }),
  );

library
  .command('list')
  .description('The servers with a library, each with its articles, bytes and feeds')
  .option('--json', 'Print [{"server","articles","bytes","feeds"}]')
  .action((flags: { json?: boolean }) =>
    withStore(async (store) => {
      const rows = [];
      for (const server of await store.libraryIds()) rows.push({ server, ...(await store.usage(server)) });
      if (flags.json) console.log(JSON.stringify(rows));
      else console.log(rows.length === 0 ? 'No server has a library yet.' : rows.map((r) => `${r.server}  ${r.articles} articles, ${r.bytes} bytes, ${r.feeds} feeds`).join('\n'));
    }),
  );

const feed = program.commands.find((c) => c.name() === 'feed')!;

feed
  .command('poll')
  .description('Read every feed once and add the pages of new items to the corpus folder')
  .option('--json', 'Print one report per feed: {"feed","added":[…],"skipped":[{"url","reason"}],"error"?,"notModified"?}')
  .action(async (flags: { json?: boolean }) => {
    // Loaded only for this command: the others never poll.
    const { pollFeeds, FeedRefused } = await import('./web/feeds.js');
    let reports;
    try {
      reports = await pollFeeds(corpusDir(program.opts<{ corpus?: string }>().corpus));
    } catch (error) {
      if (!(error instanceof FeedRefused)) throw error;
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    if (flags.json) {
      console.log(JSON.stringify(reports));
      return;
    }
    for (const report of reports) {
      const head = report.error ? `${report.feed}: ${report.error}` : `${report.feed}: ${report.notModified ? 'unchanged' : `${report.added.length} added, ${report.skipped.length} skipped`}`;
      console.log([head, ...report.added.map((a) => `  + ${a.path}  “${a.title}”, ${a.outlet}, ${a.published}`), ...report.skipped.map((s) => `  - ${s.reason}`)].join('\n'));
    }
  });

await program.parseAsync();
