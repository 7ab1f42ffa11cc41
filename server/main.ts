/** Starts Dakal: open the database, migrate, seed a new one, serve the app and API. */
import { configFromEnv } from './config.js';
import { createContext } from './context.js';
import { createApp } from './app.js';
import { migrate, openDatabase } from './db.js';
import { seed } from './seed.js';
import { listen } from './listen.js';

const config = configFromEnv();
const db = openDatabase(config.dbPath);
const applied = migrate(db);
if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
// Seeded when it has no accounts, not merely when it had no tables: a first start that died after migrating
// would otherwise leave a database nobody can sign in to. The seed is one transaction, so it is all or nothing.
const fresh = (db.prepare('SELECT count(*) FROM users').pluck().get() as number) === 0;
const ctx = createContext(db, config);
if (fresh) {
  const t = performance.now();
  seed(config.seed, ctx);
  console.log(`seeded ${config.seed} data: ${ctx.sites.count()} sites in ${Math.round(performance.now() - t)} ms`);
}
const server = await listen(createApp(ctx), config.port);
console.log(`Dakal ${config.version} on http://localhost:${config.port} (database ${config.dbPath})`);
// The exposure rule's sums at every sensitive place, ahead of the first checks (in slices; requests answer meanwhile).
if (config.warmExposure) {
  const warming = performance.now();
  void ctx.siting.warmInBackground(ctx.policy.current().policy).then(() => console.log(`siting: exposure at sensitive places ready in ${Math.round(performance.now() - warming)} ms`));
  // The exposure grid's worker threads, booted and loaded with the antennas before the first map layer asks.
  void ctx.exposure.warm().then((ms) => console.log(`exposure grid: worker threads ready in ${ms} ms`), () => undefined);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    server.close();
    db.close();
    process.exit(0);
  });
}
