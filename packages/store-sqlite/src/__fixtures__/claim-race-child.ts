// One process of the multi-process test: opens the store on the file given as argv[2], waits for
// the parent's "go" so every process starts together, then claims every id of argv[3] and counts.
import { createSqliteStore } from '../create-sqlite-store';

const [path, idsText] = process.argv.slice(2);
const store = await createSqliteStore({ path: path! });
const ids = JSON.parse(idsText!) as string[];
process.send?.({ ready: true });
process.once('message', async () => {
  const won: string[] = [];
  const counts: number[] = [];
  for (const id of ids) {
    if (await store.claimEventId(id)) won.push(id);
    counts.push(await store.incrementDailyCount('main', '2026-11-21'));
    await store.setValueIfAbsent('main', id, process.pid);
  }
  await store.close();
  process.send?.({ won, counts }, () => process.exit(0));
});
