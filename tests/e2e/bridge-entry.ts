// Bundled by the harness into the page's init script: the same `buildWorkbenchApi` the preload uses,
// but each call travels over Playwright's binding to the real handler table in the test's process.
import { buildWorkbenchApi } from '../../src/preload/api';

declare global {
  interface Window {
    __workbenchInvoke(channel: string, args: unknown[]): Promise<unknown>;
  }
}

const invoke = window.__workbenchInvoke;
Object.defineProperty(window, 'workbench', {
  value: buildWorkbenchApi((channel, ...args) => invoke(channel, args)),
  enumerable: true,
});
