import { count } from './core/wording.js';
import { REFUSALS } from './core/refusals.js';

/** Text a user or a page gave, cut to a length a one-line message can carry (a 100 kB URL is not echoed whole). */
export function clipped(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Every fixed sentence Verbatim says to a user, in one place, so the console, the CLI and Discord
 * say the same thing. Quotes are the articles' words; these are the only others.
 */
export const MESSAGES = {
  // Answers
  noMatch: 'No good match in the articles for that question. Try other words, or /sources to see what they cover.',
  emptyTimeline: 'No dated event in the articles matches.',
  questionLabel: 'Question:',
  sourcesTitle: 'Sources',
  timelineTitle: 'Timeline',
  timelineShortened: (shown: number, total: number, file: string) => `The first ${shown} of ${total} dated events; every event, with its sources, is in ${file}.`,
  pictureSubtitle: (events: number, outlets: number) => `${count(events, 'dated event')}, quoted from ${count(outlets, 'outlet')}`,
  pictureMore: (hidden: number) => `…and ${count(hidden, 'more event')} in the text timeline`,
  keyDatesTitle: (dates: number) => `Timeline: ${count(dates, 'key date')}`,
  keyDatesOf: (dates: number, allDates: number, events: number, file: string) =>
    `${count(dates, 'key date')} of the ${count(allDates, 'date')} the articles state; every dated event (${events}), with its sources, is in ${file}.`,
  // How each face writes an option in a hint (the summary's last line).
  optionInConsole: (name: string, value: string) => `${name}: ${value}`,
  optionInCli: (name: string, value: string) => (value === 'true' ? `--${name}` : `--${name} ${value}`),
  keyDatesFooter: (dates: number, allDates: number, events: number, ask: string) =>
    `${count(dates, 'key date')} of the ${count(allDates, 'date')} the articles state (${count(events, 'dated event')}); ${ask} shows every one.`,
  sourcesDiffer: 'Sources differ',
  alsoReportedBy: 'Also reported by',
  reportedBy: (outlets: number) => `(reported by ${outlets} outlets)`,
  articlesFromOutlets: (articles: number, outlets: number) => `${count(articles, 'article')} from ${count(outlets, 'outlet')}`,
  moreArticles: (n: number) => `…and ${count(n, 'more article')}`,
  problems: 'Corpus problems',
  moreProblems: (n: number) => `…and ${count(n, 'more problem')}`,

  // Buttons
  back: '◀ Back',
  more: 'More ▶',
  showSources: 'Show sources',
  postToChannel: 'Post to channel',
  page: (page: number, pages: number) => `(page ${page} of ${pages})`,
  onlyAsker: 'Only the person who asked can do that with this answer.',
  expired: 'This answer has expired; ask again with /ask.',

  // Refused questions and options (the core's own refusals, then the faces')
  ...REFUSALS,
  notADate: (side: string) => `${side} must be a date written YYYY-MM-DD, YYYY-MM or YYYY.`,
  fromAfterTo: 'from must be on or before to.',

  // Reload
  reloaded: (articles: number, passages: number, ms: number) => `Reloaded: ${count(articles, 'article')}, ${count(passages, 'passage')} (${ms} ms).`,
  previousCorpusKept: 'The previous corpus is still being served.',
  reloadRefused: (problems: number) => `The corpus has ${count(problems, 'problem')}; still serving the previous version. Fix these and reload:`,
  cannotReloadHere: 'this face cannot reload the corpus',
  adminOnly: '❌ Only members with Manage Server in the bot\'s home server can use this command: it changes the articles for every server.',

  // Articles from the web
  articleAdded: (a: { title: string; outlet: string; published: string; url: string }) => `Added “${a.title}”, ${a.outlet}, ${a.published}: ${a.url}`,
  notAdded: (reason: string) => `Not added: ${reason}`,
  noFeeds: 'No feed is followed.',
  feedNeedsUrl: (action: string) => `To ${action} a feed, give its url.`,
  feedFollowed: (url: string, title?: string) => `Following ${url}${title ? ` (${title})` : ''}; new articles are added at the next poll.`,
  feedRemoved: (url: string) => `No longer following ${url}; its articles stay in the corpus.`,
  // Refusals of a page or feed, after "<url>: "
  httpOnly: (protocol: string) => `${clipped(protocol, 40)} links are not fetched (http and https only)`,
  unresolvable: (host: string) => `${clipped(host)} could not be resolved`,
  privateAddress: (host: string) => `${clipped(host)} is a private, loopback or link-local address; only public pages are fetched`,
  wrongType: (what: string, type: string) => `${what} (${type || 'no content type'})`,
  tooSlow: (seconds: number) => `no answer within ${seconds} s`,
  notAUrl: (text: string) => `not a URL: ${clipped(text)}`,
  unknownCharset: (charset: string) => `declares the character set "${clipped(charset, 40)}", which cannot be read`,
  badEncoding: (charset: string) => `is not valid ${charset} text`,
  notExtractable: (reason: string) => `its article could not be read (${clipped(reason, 120)})`,
  cannotConnect: (reason: string) => `could not connect (${clipped(reason)})`,
  tooManyRedirects: (max: number) => `more than ${max} redirects`,
  serverAnswered: (status: number, text: string) => `the server answered ${status}${text ? ` ${text}` : ''}`,
  tooLarge: (megabytes: number) => `larger than ${megabytes} MB`,
  brokeWhileReading: (reason: string) => `the connection broke while reading (${clipped(reason)})`,
  alreadyInCorpus: 'already in the corpus',
  alreadyInLibrary: "already in this server's library",
  notUploadable: (name: string) => `${name}: only .md, .txt and .html files can be added`,
  notUtf8: 'is not valid UTF-8 text; save the file as UTF-8',
  /** The outlet of a page that claims another site's address: the name it gives, and the host it came from. */
  outletVia: (claimed: string, host: string) => `${claimed} (${host})`,
  corpusBusy: 'another writer kept the corpus folder busy for too long; try again',
  feedsBusy: (path: string) => `another writer kept ${path} busy for too long; try again`,
  notAnArticle: (chars: number, min: number) => `not an article (${chars} characters of article text, at least ${min} needed)`,
  noPublicationDate: 'the page states no publication date; give one with --published YYYY-MM-DD',
  bundledStays: 'the bundled seed articles stay as shipped; add to your own folder (--corpus DIR or CORPUS_DIR)',
  feedFileUnreadable: (path: string, reason: string) => `${path} cannot be read (${reason}); fix or remove it`,
  notAFeed: (reason: string) => `not an RSS, Atom or RDF feed (${reason})`,
  alreadyFollowed: 'already followed',
  notFollowed: 'not followed',
  newArticle: (a: { title: string; outlet: string; url: string }) => `📰 ${a.title} — ${a.outlet}\n${a.url}`,

  // Help
  helpTitle: 'Verbatim',
  helpAbout:
    'I answer questions about a library of news articles **only with quotes from them, word for word**, each with its outlet, title, date and link, so you can check every answer. ' +
    'I never write a claim of my own, summarise, give an opinion, or say whether something is true; when outlets give different figures I show them side by side. ' +
    "When the articles hold nothing on a question, I say so. In a server I read the bot's shared articles and that server's own; in a DM, the shared ones.",
  findSources: 'Find sources',
  helpFindSources: 'Right-click (or long-press) a message → Apps → **Find sources**: the quotes that report each of its checkable claims, privately.',

  // Find sources
  claimHeading: (n: number) => `Claim ${n}`,
  nothingOnClaim: 'The library has nothing on this.',
  noClaims: 'No sentence of that text states a checkable fact (a name, number or date); questions, greetings and opinions are not looked up.',
  noMessageText: '❌ That message has no text to look up.',
  messageSays: 'The message says',
  sourceSays: (outlet: string) => `${outlet} says`,
  sourcesForFooter: 'Quotes from the articles, word for word. Verbatim does not say whether the message is right.',

  // A server's library
  storeUnavailable: (where: string, reason: string) => `The database of the servers' libraries (${where}) cannot be opened: ${reason}`,
  libraryManagersOnly: "❌ Only members with Manage Server, or the role this server's library settings name, can change this server's library.",
  manageServerOnly: '❌ Only members with Manage Server can change these settings.',
  serverOnly: '❌ This command works in a server: each server has its own library.',
  libraryEmpty: "This server's library has no articles of its own yet. Add some with /add or /feed add.",
  libraryHolds: (articles: number, maxArticles: number, megabytes: string, maxMegabytes: number, feeds: number, maxFeeds: number) =>
    `This server's library: ${count(articles, 'article')} of ${maxArticles}, ${megabytes} MB of ${maxMegabytes} MB, ${count(feeds, 'feed')} of ${maxFeeds}.`,
  libraryMore: (more: number) => `…and ${count(more, 'more article')}; export the library for all of them.`,
  libraryRemoved: (path: string) => `Removed ${path} from this server's library.`,
  notInLibrary: (path: string) => `This server's library has no article ${path}; /library list shows their file names.`,
  exportTooLarge: (megabytes: number) => `The archive is over ${megabytes} MB, more than Discord takes in one message; the bot's operator can export it with the command line (library export).`,
  libraryExported: (articles: number) => `This server's library: ${count(articles, 'article')}, as Markdown files in one archive.`,
  librarySettings: (s: { announceChannelId: string | null; searchBase: boolean; managerRoleId: string | null }) =>
    [
      `Announcements of new feed articles: ${s.announceChannelId ? `<#${s.announceChannelId}>` : 'none'}`,
      `Search the bot's shared articles too: ${s.searchBase ? 'yes' : 'no'}`,
      `Role that may change the library (besides Manage Server): ${s.managerRoleId ? `<@&${s.managerRoleId}>` : 'none'}`,
    ].join('\n'),

  // Console
  notACommand: 'Commands start with /. Type /help for the list.',
  unknownCommand: (name: string) => `Unknown command /${name}. Type /help for the list.`,
  unknownOption: (command: string, option: string, known: string) => `/${command} has no option ${option}:. Its options: ${known || 'none'}.`,
  takesNoText: (command: string) => `/${command} takes no text.`,
  needsSubcommand: (command: string, subcommands: string[]) => `/${command} needs one of: ${subcommands.join(', ')}.`,
  wholeNumber: (option: string) => `${option} must be a whole number.`,
  wholeNumberRange: (option: string, max: number) => `${option} must be a whole number from 1 to ${max}.`,
  trueOrFalse: (option: string) => `${option} must be true or false.`,
  needsOption: (command: string, option: string, what: string) => `/${command} needs ${option}: ${what}`,
  consoleFailure: (reason: string) => `Something went wrong: ${reason}`,

  // Discord
  somethingWentWrong: (errorId: string) => `❌ Something went wrong. If it keeps happening, give this error id to the bot's admins: \`${errorId}\``,
  onCooldown: (command: string, until: number) => `⏳ You can use /${command} again <t:${Math.ceil(until / 1000)}:R>.`,
  timelinePosted: (channelId: string, url: string) => `Posted the timeline in <#${channelId}>: ${url}`,
  timelineOnlyInServer: '❌ Timelines can only be posted in a server channel.',
  pickTextChannel: '❌ Pick a text channel of this server.',
  invokerLacks: (permissions: string, channelId: string) => `❌ You need the ${permissions} in <#${channelId}>.`,
  botLacks: (permissions: string, channelId: string) => `❌ I need the ${permissions} in <#${channelId}>.`,
  refused: (message: string) => `❌ ${message}`,
} as const;
