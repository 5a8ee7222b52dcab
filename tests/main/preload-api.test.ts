import { describe, expect, it, vi } from 'vitest';
import { OPERATIONS, channelOf, splitOperation } from '../../src/shared/ipc/contract';
import { buildWorkbenchApi } from '../../src/preload/api';

describe('the preload API', () => {
  it('has one method per contract operation and nothing else', () => {
    const api = buildWorkbenchApi(vi.fn());
    const methods = Object.entries(api).flatMap(([area, group]) =>
      Object.keys(group as object).map((action) => `${area}.${action}`),
    );
    expect(methods.sort()).toEqual([...OPERATIONS].sort());
    expect(Object.keys(api)).not.toContain('invoke');
  });

  it('sends each call on its own channel, with no argument for operations that take none', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const api = buildWorkbenchApi(invoke);
    await api.app.info();
    await api.tip.lookup({ type: 'ip', value: '192.0.2.1' });
    expect(invoke).toHaveBeenNthCalledWith(1, 'workbench:app.info');
    expect(invoke).toHaveBeenNthCalledWith(2, 'workbench:tip.lookup', { type: 'ip', value: '192.0.2.1' });
    for (const op of OPERATIONS) expect(channelOf(op)).toBe(`workbench:${splitOperation(op).join('.')}`);
  });

  it('cannot be modified by the page', () => {
    const api = buildWorkbenchApi(vi.fn());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.tip)).toBe(true);
    expect(() => {
      (api.tip as unknown as Record<string, unknown>).lookup = () => 'hijacked';
    }).toThrow(TypeError);
  });
});
