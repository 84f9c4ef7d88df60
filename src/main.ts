import 'dotenv/config';
import { Command } from 'commander';
import { corpusDir } from './corpusDir.js';
import { loadCommands } from './commands.js';
import { openVerbatimOrExit } from './openOrExit.js';
import { runConsole } from './console/console.js';

const program = new Command()
  .name('verbatim')
  .description('Answers questions about a folder of news articles with verbatim quotes. Without DISCORD_TOKEN it opens the offline console.')
  .option('--corpus <dir>', 'folder of Markdown articles (default: $CORPUS_DIR, else the bundled seeds)')
  .parse();

const { corpus } = program.opts<{ corpus?: string }>();
const verbatim = openVerbatimOrExit(corpusDir(corpus));
const commands = await loadCommands();

const { documents } = verbatim.corpus;
console.error(
  `Verbatim offline console: ${documents.length} articles from ${verbatim.outlets.length} outlets in ${verbatim.corpus.dir}. ` +
    'Type /help. To run it as a Discord bot, set DISCORD_TOKEN and DISCORD_CLIENT_ID in .env (see README).',
);
await runConsole(commands, { verbatim }, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
