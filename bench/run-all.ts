/** `npm run bench`: runs every benchmark in this folder, one after another, each in its own process. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const benches = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && f !== 'run-all.ts' && !f.startsWith('_'));
let failed = 0;
for (const file of benches) {
  console.log(`\n━━ bench/${file} ━━`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
