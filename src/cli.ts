import 'dotenv/config';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import { corpusDir } from './corpusDir.js';
import { describeIndexEvent, openCorpusOrExit } from './openOrExit.js';
import { CorpusError, isCalendarDate, loadCorpus } from './core/corpus.js';
import type { AskOptions, AskResult } from './core/ask.js';
import type { Verbatim } from './core/verbatim.js';
import { dateBoundOptions, PLAIN } from './commandDefinition.js';
import { renderAskText, renderSourcesText, renderTimelineText } from './console/formatText.js';
import { DEFAULT_KEY_DATES, DEFAULT_REPORTS_PER_DATE, MAX_KEY_DATES, MAX_REPORTS_PER_DATE } from './core/timeline.js';
import { askJson, sourcesJson, timelineJson } from './json.js';
import { writeFileSync } from 'node:fs';
import { timelineFor } from './timelineRequest.js';
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

function isoDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('must be a date written YYYY-MM-DD.');
  return value;
}

interface AskFlags {
  limit?: number;
  json?: boolean;
  batch?: boolean;
  source?: string;
  from?: string;
  to?: string;
}

program
  .command('ask')
  .description('answer a question (or, with --batch, one question per line of standard input)')
  .argument('[question...]', 'the question')
  .option('--limit <n>', 'most quotes to return, a whole number from 1 to 10 (default 3)', positiveInteger)
  .option('--source <outlet>', 'quote only this outlet')
  .option('--from <date>', 'only articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)')
  .option('--to <date>', 'only articles published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)')
  .option('--json', 'print JSON (see README)')
  .option('--batch', 'read questions from standard input, one per line; with --json, one JSON object per line')
  .action(async (words: string[], flags: AskFlags) => {
    // The same date rules and wording as /ask in Discord and the console.
    const dates = dateBoundOptions({ from: flags.from, to: flags.to });
    if (!dates.ok) {
      console.error(dates.message);
      process.exitCode = 1;
      return;
    }
    const verbatim = await open();
    const options: AskOptions = {
      ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      ...(flags.source !== undefined ? { outlet: flags.source } : {}),
      ...dates.bounds,
    };
    const print = (result: AskResult) => {
      if (flags.json) console.log(JSON.stringify(askJson(result)));
      else console.log(renderAskText(result, PLAIN) + (flags.batch ? '\n' : ''));
    };
    if (flags.batch) {
      let refused = 0;
      for await (const line of createInterface({ input: process.stdin })) {
        if (line.trim() === '') continue;
        const result = verbatim.ask(line, options);
        if (result.status === 'invalid') refused++;
        print(result);
      }
      if (refused > 0) process.exitCode = 1;
      return;
    }
    const result = verbatim.ask(words.join(' '), options);
    if (result.status === 'invalid') {
      console.error(result.message);
      process.exitCode = 1;
      return;
    }
    print(result);
  });

program
  .command('sources')
  .description('list the outlets and their articles')
  .option('--json', 'print JSON (see README)')
  .action(async (flags: { json?: boolean }) => {
    const outlets = (await open()).sources();
    console.log(flags.json ? JSON.stringify(sourcesJson(outlets)) : renderSourcesText(outlets));
  });

program
  .command('timeline')
  .description('the key dates of the corpus (or, with --all, every dated event), each in its articles\' own sentences')
  .option('--topic <text>', 'only events about this topic')
  .option('--from <date>', 'only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)')
  .option('--to <date>', 'only events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)')
  .option('--dates <n>', `how many key dates to show, 1 to ${MAX_KEY_DATES} (default ${DEFAULT_KEY_DATES})`, positiveInteger)
  .option('--per-date <k>', `how many quotes for each key date, 1 to ${MAX_REPORTS_PER_DATE} (default ${DEFAULT_REPORTS_PER_DATE})`, positiveInteger)
  .option('--all', 'every dated event, not only the key dates')
  .option('--json', 'print JSON (see README)')
  .option('--png <file>', 'also write the timeline picture to this PNG file')
  .action(async (flags: { topic?: string; from?: string; to?: string; dates?: number; perDate?: number; all?: boolean; json?: boolean; png?: string }) => {
    const { topic, from, to, dates, perDate, all } = flags;
    const outcome = timelineFor(await open(), { topic, from, to, dates, perDate, all });
    if (!outcome.ok) {
      console.error(outcome.message);
      process.exitCode = 1;
      return;
    }
    if (flags.png) writeFileSync(flags.png, renderTimelinePng(outcome.timeline));
    console.log(flags.json ? JSON.stringify(timelineJson(outcome.timeline)) : renderTimelineText(outcome.timeline, MESSAGES.allInCli));
  });

program
  .command('check')
  .description('validate the corpus folder: every problem, with file and field; exit 2 if there is any')
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

program
  .command('add')
  .description('fetch a news page, extract its article and add it to the corpus folder as Markdown (exit 1 if refused)')
  .argument('<url>', 'the article page (http or https)')
  .option('--published <YYYY-MM-DD>', 'publication date, when the page states none (or to override it)', isoDate)
  .option('--outlet <name>', 'outlet name (default: the page\'s site name, else its host)')
  .option('--json', 'print {"path","title","outlet","url","published"}')
  .action(async (url: string, flags: { published?: string; outlet?: string; json?: boolean }) => {
    const dir = corpusDir(program.opts<{ corpus?: string }>().corpus);
    // Loaded only for this command: the other commands never fetch.
    const { addArticle, AddRefused } = await import('./web/addArticle.js');
    try {
      const added = await addArticle(dir, url, { ...(flags.published ? { published: flags.published } : {}), ...(flags.outlet ? { outlet: flags.outlet } : {}) });
      const { path, title, outlet, url: canonical, published } = added;
      console.log(flags.json ? JSON.stringify({ path, title, outlet, url: canonical, published }) : `Added ${path}: “${title}”, ${outlet}, ${published} (${added.paragraphs} paragraphs).`);
    } catch (error) {
      if (!(error instanceof AddRefused)) throw error;
      console.error(`Not added: ${error.message}`);
      process.exitCode = 1;
    }
  });

const feed = program.command('feed').description('follow RSS, Atom and RDF feeds: the pages of their new items are added to the corpus (list in FEEDS_FILE, default data/feeds.json)');

/** Runs a feed subcommand; a refusal is one line on stderr and exit 1. */
async function feedAction(run: (feeds: typeof import('./web/feeds.js')) => Promise<void> | void): Promise<void> {
  const feeds = await import('./web/feeds.js');
  try {
    await run(feeds);
  } catch (error) {
    if (!(error instanceof feeds.FeedRefused)) throw error;
    console.error(`Refused: ${error.message}`);
    process.exitCode = 1;
  }
}

feed
  .command('add')
  .description('follow a feed (it is read once to check it is one)')
  .argument('<url>', 'the feed')
  .action((url: string) =>
    feedAction(async ({ followFeed }) => {
      const followed = await followFeed(url);
      console.log(`Following ${followed.url}${followed.title ? ` (${followed.title})` : ''}. New items are added by "feed poll".`);
    }),
  );

feed
  .command('list')
  .description('the feeds followed')
  .option('--json', 'print [{"url","title"}]')
  .action((flags: { json?: boolean }) =>
    feedAction(({ listFeeds }) => {
      const feeds = listFeeds().map(({ url, title }) => ({ url, ...(title ? { title } : {}) }));
      if (flags.json) console.log(JSON.stringify(feeds));
      else console.log(feeds.length === 0 ? 'No feed is followed.' : feeds.map((f) => `${f.url}${f.title ? `  ${f.title}` : ''}`).join('\n'));
    }),
  );

feed
  .command('remove')
  .description('stop following a feed (its articles stay in the corpus)')
  .argument('<url>', 'the feed')
  .action((url: string) =>
    feedAction(({ unfollowFeed }) => {
      unfollowFeed(url);
      console.log(`No longer following ${url}.`);
    }),
  );

feed
  .command('poll')
  .description('read every feed once and add the pages of new items to the corpus folder')
  .option('--json', 'print one report per feed: {"feed","added":[…],"skipped":[{"url","reason"}],"error"?,"notModified"?}')
  .action((flags: { json?: boolean }) =>
    feedAction(async ({ pollFeeds }) => {
      const reports = await pollFeeds(corpusDir(program.opts<{ corpus?: string }>().corpus));
      if (flags.json) {
        console.log(JSON.stringify(reports));
        return;
      }
      for (const report of reports) {
        const head = report.error ? `${report.feed}: ${report.error}` : `${report.feed}: ${report.notModified ? 'unchanged' : `${report.added.length} added, ${report.skipped.length} skipped`}`;
        console.log([head, ...report.added.map((a) => `  + ${a.path}  “${a.title}”, ${a.outlet}, ${a.published}`), ...report.skipped.map((s) => `  - ${s.reason}`)].join('\n'));
      }
    }),
  );

await program.parseAsync();
