import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallLog, LOG_FILE, withCallLog } from '../../src/main/call-log';
import type { HandlerTable } from '../../src/main/ipc/register';
import { fail, ok } from '../../src/shared/ipc/result';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipwb-log-'));
  dirs.push(dir);
  return dir;
}

describe('the operations log', () => {
  it('records each call by name, outcome and duration — never its argument or answer', async () => {
    const dir = tempDir();
    const log = createCallLog(dir);
    const table = withCallLog(
      {
        'credentials.setToken': async () => ok({}),
        'tip.lookup': async () => fail('OFFLINE', 'Offline mode is on.'),
      } as unknown as HandlerTable,
      log,
    );
    await table['credentials.setToken']({ token: 'tok-secret-123' }, { senderId: 1 });
    await table['tip.lookup']({ type: 'domain', value: 'looked-up.example.com' }, { senderId: 1 });
    await log.flush();
    const text = readFileSync(join(dir, LOG_FILE), 'utf8');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { op: string; outcome: string; ms: number });
    expect(lines.map(({ op, outcome }) => [op, outcome])).toEqual([
      ['credentials.setToken', 'ok'],
      ['tip.lookup', 'OFFLINE'],
    ]);
    expect(lines.every((line) => typeof line.ms === 'number')).toBe(true);
    expect(text).not.toContain('tok-secret-123');
    expect(text).not.toContain('looked-up.example.com');
  });

  it('moves a log past 2 MiB aside and starts a new one', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, LOG_FILE), 'x'.repeat(2 * 1024 * 1024 + 1));
    const log = createCallLog(dir);
    log.record({ op: 'app.info', outcome: 'ok', ms: 1 });
    await log.flush();
    expect(existsSync(join(dir, `${LOG_FILE}.1`))).toBe(true);
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).toMatch(/^\{"at":.*"op":"app.info"/);
  });
});
