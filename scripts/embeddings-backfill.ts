import { configFromProcessEnv } from '../src/config/env';
import { runBackfill } from '../src/modules/similarity/embeddings-backfill';

/** `npm run embeddings:backfill`: embeds runs stored before similar-run search was enabled. */
runBackfill(configFromProcessEnv(), (line) => process.stdout.write(`${line}\n`))
  .then((r) => {
    process.stdout.write(`done: ${r.embedded} embedded, ${r.failed} failed, ${r.remaining} still waiting (retried by the app's worker)\n`);
  })
  .catch((err: unknown) => {
    process.stderr.write(`embeddings backfill failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
