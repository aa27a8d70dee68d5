// A second process for the two-writer tests (processes.test.ts forks the compiled file): records drills or
// events into an evidence folder as fast as it can, all updates started at once. Run directly only; mocha loading
// this file with the tests does nothing.
//   node writer.js <folder> drills <tag> <count>   records <count> drills of its own
//   node writer.js <folder> events <tag> <count>   records <count> clear requests of the shared drill
import { recordClearRequested } from '../../../src/evidence/recorder';
import { EvidenceStore } from '../../../src/evidence/store';
import { ALICE, PAIR_DRILL, record, T0 } from './fixtures';

async function main(): Promise<void> {
  const [folder, mode, tag, countText] = process.argv.slice(2) as [string, string, string, string];
  const count = Number(countText);
  const store = new EvidenceStore({ primary: folder, onDamaged: (file, reason) => console.error(`damaged ${file}: ${reason}`) });
  const updates: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const at = T0 + i * 1000;
    if (mode === 'drills') {
      const drillId = `drill-${tag}${String(i).padStart(20 - tag.length, '0')}`;
      updates.push(store.update({ profileName: 'prod-hz', kind: 'pair', drillId }, (current) => current ?? record({ drillId }, at)));
    } else {
      updates.push(
        store.update({ profileName: 'prod-hz', kind: 'pair', drillId: PAIR_DRILL }, (current) =>
          recordClearRequested(current ?? record({}, T0), { requestId: `REQ-${tag}-${i}`, by: { ...ALICE, osUser: tag } }, at),
        ),
      );
    }
  }
  await Promise.all(updates);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
