import { describe, expect, it, vi } from 'vitest';
import { OPERATIONS, channelOf } from '../../src/shared/ipc/contract';
import { ok } from '../../src/shared/ipc/result';
import {
  MAX_ARGUMENT_BYTES,
  createSenderPolicy,
  dispatch,
  registerHandlers,
  type HandlerTable,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../src/main/ipc/register';
import { defaultSettings } from '../../src/shared/settings';

const APP_URL = 'file:///opt/tip-workbench/resources/app/out/renderer/index.html';
const policy = createSenderPolicy((url) => url.split('#')[0] === APP_URL);

function frameEvent(url = APP_URL, options: { subframe?: boolean } = {}): InvokeEventLike {
  const mainFrame = { url: options.subframe ? APP_URL : url, parent: null };
  const frame = options.subframe ? { url, parent: mainFrame } : mainFrame;
  return { sender: { id: 7, mainFrame }, senderFrame: frame };
}

function tableWith(spy: ReturnType<typeof vi.fn>): HandlerTable {
  const table = {} as Record<string, unknown>;
  for (const op of OPERATIONS) table[op] = spy;
  return table as HandlerTable;
}

describe('the IPC registration wrapper', () => {
  it('registers exactly one handler per contract operation, on its workbench: channel', () => {
    const handle = vi.fn();
    const ipc: IpcMainLike = { handle, removeHandler: vi.fn() };
    registerHandlers(ipc, tableWith(vi.fn()), policy);
    const channels = handle.mock.calls.map((call) => call[0] as string);
    expect(channels).toEqual(OPERATIONS.map((op) => channelOf(op)));
    expect(channels.every((c) => /^workbench:[a-z]+\.[a-zA-Z]+$/.test(c))).toBe(true);
  });

  it('runs the handler for the app’s own main frame with the validated argument', async () => {
    const handler = vi.fn(async () => ok(defaultSettings()));
    const result = await dispatch('settings.set', tableWith(handler), policy, frameEvent(), [{ offline: true }]);
    expect(result.ok).toBe(true);
    expect(handler).toHaveBeenCalledWith({ offline: true }, { senderId: 7 });
  });

  it.each([
    ['a page at another URL', frameEvent('https://evil.example/')],
    ['a subframe inside the app', frameEvent(APP_URL, { subframe: true })],
    ['an event without a frame', { sender: { id: 7 }, senderFrame: null }],
  ])('refuses %s and never runs the handler', async (_name, event) => {
    const handler = vi.fn();
    const result = await dispatch('app.info', tableWith(handler), policy, event as InvokeEventLike, []);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['a wrong type', 'tip.lookup', [{ type: 'ip', value: 42 }]],
    ['an unknown lookup type', 'tip.lookup', [{ type: 'email', value: 'a@b.c' }]],
    ['an extra key', 'settings.set', [{ offline: true, tipApiKey: 'x' }]],
    ['a count out of range', 'settings.set', [{ defaultCount: 5000 }]],
    ['an argument where none is expected', 'app.info', [{}]],
    ['two arguments', 'tip.cancel', [{ requestId: 'a' }, { requestId: 'b' }]],
    ['a missing argument', 'credentials.setToken', []],
    ['data that is not plain JSON', 'tip.cancel', [{ requestId: 10n }]],
    ['a proxy address that is not a string', 'settings.set', [{ proxyUrl: 3128 }]],
    ['an unknown proxy mode', 'settings.set', [{ proxyMode: 'pac' }]],
    ['a CA named by something other than a SHA-256 fingerprint', 'network.removeCa', [{ fingerprint256: '../../etc/passwd' }]],
    ['a file path for the CA dialog (main picks the file)', 'network.chooseCa', [{ path: '/tmp/ca.pem' }]],
    ['proxy credentials without a password', 'network.setProxyCredentials', [{ user: 'proxy-user' }]],
  ] as const)('refuses %s and never runs the handler', async (_name, op, args) => {
    const handler = vi.fn();
    const result = await dispatch(op, tableWith(handler), policy, frameEvent(), args);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an oversized argument before validating it', async () => {
    const handler = vi.fn();
    const huge = { type: 'url', value: 'x'.repeat(MAX_ARGUMENT_BYTES + 1) };
    const result = await dispatch('tip.lookup', tableWith(handler), policy, frameEvent(), [huge]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/over the 65536-byte limit/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a handler that throws into INTERNAL without leaking what it threw', async () => {
    const handler = vi.fn(async () => {
      throw new Error('password=hunter2');
    });
    const result = await dispatch('credentials.status', tableWith(handler), policy, frameEvent(), []);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('keeps the 64 KiB cap on proxy credentials, and never echoes the refused password', async () => {
    const handler = vi.fn();
    const result = await dispatch('network.setProxyCredentials', tableWith(handler), policy, frameEvent(), [
      { user: 'proxy-user', password: 'pr0xy-s3cret-'.repeat(6000) },
    ]);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/over the 65536-byte limit/) } });
    expect(JSON.stringify(result)).not.toContain('pr0xy-s3cret-');
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not echo a refused secret back in the error', async () => {
    const result = await dispatch('credentials.setBasic', tableWith(vi.fn()), policy, frameEvent(), [
      { user: 'analyst', password: 's3cret-'.repeat(200) },
    ]);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('s3cret-');
  });
});
