/**
 * The set-up most end-to-end files share: one demo TIP service for the file, and one workbench at a
 * time against it, closed after each test. Call inside a `describe`.
 *
 *   const session = demoSession();
 *   const wb = await session.open({ pickSavePath: async () => path });
 *   session.mock.requestCount;
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startMockTip, type MockTip } from '../../tools/mock-tip';
import { closeBrowser, demoService, openWorkbench, type Workbench, type WorkbenchOptions } from './harness';

export interface DemoSession {
  /** The demo service (started in beforeAll). */
  readonly mock: MockTip;
  /** Opens the workbench against the demo service, with extra main-process options. */
  open(core?: WorkbenchOptions['core']): Promise<Workbench>;
}

export function demoSession(): DemoSession {
  let mock: MockTip | null = null;
  let workbench: Workbench | null = null;
  beforeAll(async () => {
    mock = await startMockTip();
  });
  afterEach(async () => {
    await workbench?.close();
    workbench = null;
  });
  afterAll(async () => {
    await closeBrowser();
    await mock?.stop();
  });
  const started = (): MockTip => {
    if (mock === null) throw new Error('the demo service starts in beforeAll: use it inside a test');
    return mock;
  };
  return {
    get mock() {
      return started();
    },
    async open(core = {}) {
      workbench = await openWorkbench({ core: { ...demoService(started()), ...core } });
      return workbench;
    },
  };
}
