import { watch } from 'node:fs';
import type { Client } from 'discord.js';
import type { CommandContext } from '../commandDefinition.js';
import type { ReloadOutcome } from '../corpusHolder.js';
import type { Logger } from '../logger.js';

/** Corpus changes settle for this long before a watched folder is reloaded (editors save in bursts). */
const WATCH_DEBOUNCE_MS = 1000;

/**
 * Every way the corpus is reloaded, logged alike: /reload (whose reply the admin reads), a
 * sibling shard's reload (sharded, every shard serves the same corpus), and WATCH_CORPUS.
 */
export function wireReloads(client: Client, context: CommandContext, options: { corpusDir: string; watchCorpus: boolean }, logger: Logger, onReloaded: () => void): void {
  const report = (trigger: string) => (outcome: ReloadOutcome) => {
    if (outcome.ok) {
      onReloaded();
      logger.info({ trigger, ...outcome }, 'corpus reloaded');
    } else {
      logger.warn({ trigger, problems: outcome.problems }, 'corpus reload refused; still serving the previous corpus');
    }
  };
  const failed = (error: unknown) => logger.error({ err: error }, 'corpus reload failed');
  const reload = context.reload!;
  context.reload = async (files) => {
    const outcome = await reload(files);
    report('command')(outcome);
    if (outcome.ok && client.shard) {
      const from = client.shard.ids[0];
      await client.shard
        .broadcastEval((c, { from }) => void (c.shard?.ids[0] !== from && c.emit('verbatimReload' as never)), { context: { from } })
        .catch((error: unknown) => logger.warn({ err: error }, 'could not tell the other shards to reload'));
    }
    return outcome;
  };
  client.on('verbatimReload' as never, () => void reload().then(report('shard'), failed));

  if (options.watchCorpus) {
    let timer: NodeJS.Timeout | undefined;
    watch(options.corpusDir, (_event, name) => {
      // Dotfiles (the writers' lock, editors' swap files) are never articles.
      if (name?.startsWith('.')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload().then(report('watch'), failed), WATCH_DEBOUNCE_MS);
    }).unref();
    logger.info({ dir: options.corpusDir }, 'watching the corpus folder');
  }
}
