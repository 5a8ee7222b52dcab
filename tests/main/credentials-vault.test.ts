import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialStatus } from '../../src/shared/ipc/contract';
import { MemoryCredentialStore } from '../../src/main/credentials/memory-store';
import { StaticCredentialProvider } from '../../src/main/credentials/provider';
import type { CredentialStore } from '../../src/main/credentials/store';
import { createCredentialVault, type CredentialVault } from '../../src/main/credentials/vault';
import { DAY, INSIDE, makeCertificateFixtures, VALID_TO, type CertificateFixtures } from './credentials-fixtures';

let fx: CertificateFixtures;
beforeAll(() => {
  fx = makeCertificateFixtures();
}, 60_000);
afterAll(() => fx.cleanup());

function setup(options: { chunkBytes?: number } = {}) {
  const clock = { now: INSIDE };
  const memory = new MemoryCredentialStore();
  const vault = createCredentialVault({ store: memory, now: () => clock.now, ...options });
  return { clock, memory, vault };
}

async function statusOf(vault: CredentialVault): Promise<CredentialStatus> {
  const status = await vault.status();
  if (!status.ok) throw new Error(status.error.message);
  return status.value;
}

function codeOf(result: { ok: boolean; error?: { code: string } }): string | undefined {
  return result.ok ? undefined : result.error?.code;
}

describe('status', () => {
  it('starts empty, in certificate mode, with the keychain available', async () => {
    const { vault } = setup();
    expect(await statusOf(vault)).toEqual({
      keychain: { available: true },
      authMode: 'certificate',
      certificate: null,
      userName: null,
      hasPassword: false,
      hasToken: false,
      tokenExpiresAt: null,
      warnings: [],
    });
  });

  it('shows the user name, never the password, and switches auth mode on request', async () => {
    const { vault } = setup();
    const afterBasic = await vault.setBasic('  analyst  ', 'pw');
    expect(afterBasic.ok && afterBasic.value).toMatchObject({ userName: 'analyst', hasPassword: true, authMode: 'certificate' });
    const afterToken = await vault.setToken(' tok-123 \n');
    expect(afterToken.ok && afterToken.value.hasToken).toBe(true);
    const afterMode = await vault.setAuthMode('token');
    expect(afterMode.ok && afterMode.value.authMode).toBe('token');
    expect((await statusOf(vault)).authMode).toBe('token');
  });

  it('uses token mode by default when only a token is stored', async () => {
    const { vault } = setup();
    await vault.setToken('tok-123');
    expect((await statusOf(vault)).authMode).toBe('token');
  });

  it('warns about a certificate 29 days before expiry, not 31, and errors once expired', async () => {
    const { clock, vault } = setup();
    expect((await vault.importCertificateFile(fx.files.bundle)).ok).toBe(true);

    clock.now = new Date(VALID_TO.getTime() - 31 * DAY);
    let status = await statusOf(vault);
    expect(status.warnings).toEqual([]);
    expect(status.certificate?.daysLeft).toBe(31);

    clock.now = new Date(VALID_TO.getTime() - 29 * DAY);
    status = await statusOf(vault);
    expect(status.certificate?.daysLeft).toBe(29);
    expect(status.warnings).toEqual([
      { item: 'certificate', level: 'warning', message: expect.stringMatching(/expires in 29 days \(2026-01-01\).*import it in Settings → Credentials/) },
    ]);

    clock.now = new Date(VALID_TO.getTime() + DAY);
    status = await statusOf(vault);
    expect(status.certificate?.daysLeft).toBe(-1);
    expect(status.warnings).toEqual([
      { item: 'certificate', level: 'error', message: expect.stringMatching(/expired on 2026-01-01: import a renewed certificate/) },
    ]);
  });

  it('warns about the token expiry the connection check reported', async () => {
    const { clock, vault } = setup();
    await vault.setToken('tok-123');
    const in29 = new Date(clock.now.getTime() + 29 * DAY + 3_600_000).toISOString();
    const recorded = await vault.recordTokenExpiry(in29);
    expect(recorded.ok && recorded.value.tokenExpiresAt).toBe(in29);
    expect((await statusOf(vault)).warnings).toEqual([
      { item: 'token', level: 'warning', message: expect.stringMatching(/API token expires in 29 days.*new token in the TIP portal/) },
    ]);

    await vault.recordTokenExpiry(new Date(clock.now.getTime() + 31 * DAY).toISOString());
    expect((await statusOf(vault)).warnings).toEqual([]);

    await vault.recordTokenExpiry(new Date(clock.now.getTime() - DAY).toISOString());
    expect((await statusOf(vault)).warnings).toEqual([
      { item: 'token', level: 'error', message: expect.stringMatching(/API token expired on .*: create a new token/) },
    ]);

    // An expired token blocks lookups, with what to do, before any request is spent.
    await vault.setAuthMode('token');
    const blocked = await vault.getAuth();
    expect(blocked).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    if (!blocked.ok) expect(blocked.error.message).toMatch(/expired on .*create a new token.*blocked until then/);

    // A new token's expiry is unknown until the next check.
    await vault.setToken('tok-456');
    expect(await statusOf(vault)).toMatchObject({ tokenExpiresAt: null, warnings: [] });
    expect(await vault.getAuth()).toMatchObject({ ok: true, value: { kind: 'token', token: 'tok-456' } });
  });

  it('records a token expiry only when a token is stored and only when it changed', async () => {
    const memory = new MemoryCredentialStore();
    let writes = 0;
    const counting: CredentialStore = {
      get: (a) => memory.get(a),
      set: (a, v) => ((writes += a === 'write-check' ? 0 : 1), memory.set(a, v)),
      delete: (a) => memory.delete(a),
      findAccounts: () => memory.findAccounts(),
    };
    const vault = createCredentialVault({ store: counting, now: () => INSIDE });
    expect((await vault.recordTokenExpiry('2025-07-01T00:00:00Z')).ok).toBe(true);
    expect(writes).toBe(0);
    await vault.setToken('tok');
    const afterSet = writes;
    await vault.recordTokenExpiry('2025-07-01T00:00:00Z');
    await vault.recordTokenExpiry('2025-07-01T00:00:00.000Z');
    expect(writes).toBe(afterSet + 1);
    expect(codeOf(await vault.recordTokenExpiry('next tuesday'))).toBe('INVALID_INPUT');
  });

  it('rebuilds its metadata when the meta entry was removed outside the app', async () => {
    const { memory, vault } = setup();
    await vault.importCertificateFile(fx.files.bundle);
    await vault.setBasic('analyst', 'pw');
    await vault.setToken('tok');
    await memory.delete('meta');
    expect(await statusOf(vault)).toMatchObject({ userName: 'analyst', hasToken: true, certificate: { chainLength: 1 } });
  });

  it('reads an unversioned (v0) meta record through the migration, and refuses one from a newer version', async () => {
    const memory = new MemoryCredentialStore({
      meta: JSON.stringify({ kind: 'meta', authMode: 'token', certificate: null, userName: null, hasToken: false, tokenExpiresAt: null }),
    });
    const vault = createCredentialVault({ store: memory, now: () => INSIDE });
    expect((await statusOf(vault)).authMode).toBe('token');

    await memory.set('meta', JSON.stringify({ v: 2, kind: 'meta', somethingNew: true }));
    const newer = await vault.status();
    expect(codeOf(newer)).toBe('STORAGE');
    expect(!newer.ok && newer.error.message).toMatch(/newer version of TIP Workbench/);
    expect(await memory.get('meta')).toContain('"v":2');
  });
});

describe('getAuth', () => {
  it('says what is missing for certificate mode, and where to add it', async () => {
    const { vault } = setup();
    const none = await vault.getAuth();
    expect(!none.ok && none.error).toMatchObject({ code: 'NO_CREDENTIALS', message: expect.stringMatching(/No client certificate and no user name/) });

    await vault.setBasic('analyst', 'pw');
    const noCert = await vault.getAuth();
    expect(!noCert.ok && noCert.error.message).toBe('No client certificate is stored: import one in Settings → Credentials.');

    await vault.delete('basic');
    await vault.importCertificateFile(fx.files.bundle);
    const noBasic = await vault.getAuth();
    expect(!noBasic.ok && noBasic.error).toMatchObject({ code: 'NO_CREDENTIALS', message: expect.stringMatching(/No TIP user name and password/) });
  });

  it('says so when token mode has no token', async () => {
    const { vault } = setup();
    await vault.setAuthMode('token');
    const result = await vault.getAuth();
    expect(!result.ok && result.error).toMatchObject({ code: 'NO_CREDENTIALS', message: expect.stringMatching(/No API token is stored/) });
    await vault.setToken('tok-123');
    expect(await vault.getAuth()).toEqual({ ok: true, value: { kind: 'token', token: 'tok-123' } });
  });

  it('blocks an expired certificate with CERT_EXPIRED and what to do', async () => {
    const { clock, vault } = setup();
    await vault.importCertificateFile(fx.files.bundle);
    await vault.setBasic('analyst', 'pw');
    expect((await vault.getAuth()).ok).toBe(true);
    clock.now = new Date(VALID_TO.getTime() + 1000);
    const result = await vault.getAuth();
    expect(!result.ok && result.error).toMatchObject({ code: 'CERT_EXPIRED', message: expect.stringMatching(/expired on .*Import the renewed certificate/) });
  });

  it('a damaged certificate in the keychain is never used, is cleaned up, and status stops showing it', async () => {
    const { memory, vault } = setup({ chunkBytes: 200 });
    await vault.importCertificateFile(fx.files.bundle);
    await vault.setBasic('analyst', 'pw');
    const part = Object.keys(memory.snapshot()).find((account) => account.startsWith('certificate#')) ?? '';
    await memory.set(part, 'tampered');

    const result = await vault.getAuth();
    expect(!result.ok && result.error).toMatchObject({ code: 'NO_CREDENTIALS', message: expect.stringMatching(/could not be read .*import it again/) });
    expect(Object.keys(memory.snapshot()).filter((a) => a.startsWith('certificate'))).toEqual([]);
    expect((await statusOf(vault)).certificate).toBeNull();
  });

  it('a secret removed outside the app is reported, and status is corrected', async () => {
    const { memory, vault } = setup();
    await vault.setToken('tok');
    await memory.delete('token');
    const result = await vault.getAuth();
    expect(!result.ok && result.error.message).toMatch(/API token could not be read/);
    expect((await statusOf(vault)).hasToken).toBe(false);
  });
});

describe('delete', () => {
  it('removes one item with every part, and "all" leaves nothing behind', async () => {
    const { memory, vault } = setup({ chunkBytes: 100 });
    await vault.importCertificateFile(fx.files.bundle);
    await vault.setBasic('analyst', 'pw');
    await vault.setToken('tok');
    await vault.setAuthMode('token');

    const afterCert = await vault.delete('certificate');
    expect(afterCert.ok && afterCert.value.certificate).toBeNull();
    expect(Object.keys(memory.snapshot()).filter((a) => a.startsWith('certificate'))).toEqual([]);
    expect(await memory.get('basic')).not.toBeNull();

    const afterAll = await vault.delete('all');
    expect(afterAll.ok && afterAll.value).toMatchObject({ authMode: 'certificate', userName: null, hasToken: false });
    expect(memory.snapshot()).toEqual({});
  });

  it('refuses an unknown item', async () => {
    const { vault } = setup();
    expect(codeOf(await vault.delete('everything' as 'all'))).toBe('INVALID_INPUT');
    expect(codeOf(await vault.delete('toString' as 'all'))).toBe('INVALID_INPUT');
  });
});

describe('input checks', () => {
  it('refuses empty or malformed basic credentials and tokens', async () => {
    const { memory, vault } = setup();
    expect(codeOf(await vault.setBasic('', 'pw'))).toBe('INVALID_INPUT');
    expect(codeOf(await vault.setBasic('a:b', 'pw'))).toBe('INVALID_INPUT');
    expect(codeOf(await vault.setBasic('analyst', ''))).toBe('INVALID_INPUT');
    expect(codeOf(await vault.setToken('   '))).toBe('INVALID_INPUT');
    expect(codeOf(await vault.setToken('two words'))).toBe('INVALID_INPUT');
    expect(codeOf(await vault.setAuthMode('cookie' as 'token'))).toBe('INVALID_INPUT');
    expect(codeOf(await vault.importCertificateFile(''))).toBe('INVALID_INPUT');
    expect(memory.snapshot()).toEqual({});
  });
});

describe('keychain failures', () => {
  function neverAnswers(): CredentialStore {
    const never = new Promise<never>(() => undefined);
    return { get: () => never, set: () => never, delete: () => never, findAccounts: () => never };
  }

  it('a keychain that never answers (locked keyring) → KEYCHAIN_UNAVAILABLE saying it is locked', async () => {
    const vault = createCredentialVault({ store: neverAnswers(), keychainTimeoutMs: 40, platform: 'linux' });
    const set = await vault.setToken('tok-123');
    expect(!set.ok && set.error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', retryable: true, message: expect.stringMatching(/locked/) });
    const auth = await vault.getAuth();
    expect(codeOf(auth)).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('status reports an unreachable keychain as unavailable with how to fix it, not as a failure', async () => {
    const failing: CredentialStore = {
      get: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      set: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      delete: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      findAccounts: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    };
    const vault = createCredentialVault({ store: failing, platform: 'linux' });
    const status = await statusOf(vault);
    expect(status.keychain.available).toBe(false);
    expect(status.keychain.message).toMatch(/gnome-keyring.*libsecret.*D-Bus session.*autolaunch D-Bus/s);
    expect(status.certificate).toBeNull();
    const locked = await statusOf(createCredentialVault({ store: neverAnswers(), keychainTimeoutMs: 40 }));
    expect(locked.keychain).toEqual({ available: false, message: expect.stringMatching(/locked/) });
  });

  it('a locked collection that reads as empty (no unlock prompt possible) is not taken for "nothing stored"', async () => {
    // What libsecret does with a locked gnome-keyring and no prompter: reads find nothing, writes fail.
    const lockedCollection: CredentialStore = {
      get: async () => null,
      set: () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      delete: async () => false,
      findAccounts: async () => [],
    };
    const vault = createCredentialVault({ store: lockedCollection, platform: 'linux' });
    const status = await statusOf(vault);
    expect(status.keychain).toEqual({ available: false, message: expect.stringMatching(/unlocked.*\(Cannot create an item in a locked collection\)/s) });
    expect(codeOf(await vault.getAuth())).toBe('KEYCHAIN_UNAVAILABLE');
    expect(codeOf(await vault.delete('all'))).toBe('KEYCHAIN_UNAVAILABLE');
    expect(codeOf(await vault.delete('token'))).toBe('KEYCHAIN_UNAVAILABLE');
  });
});

describe('secrets never leak', () => {
  const PASSWORD = 'Password-S3cret-41d2c';
  const TOKEN = 'Token-S3cret-9be01f7c';
  const PHRASE = 'Phrase-S3cret-55e1a0';

  /** A keychain that fails by echoing whatever it was given: the worst case for leaks. */
  function echoingStore(): CredentialStore {
    const memory = new MemoryCredentialStore();
    return {
      get: (a) => memory.get(a),
      set: (a, v) => Promise.reject(new Error(`could not store ${a}=${v}`)),
      delete: (a) => memory.delete(a),
      findAccounts: () => memory.findAccounts(),
    };
  }

  /** Same, but throwing synchronously (keytar validates arguments that way). */
  function throwingStore(): CredentialStore {
    const memory = new MemoryCredentialStore();
    return {
      get: (a) => memory.get(a),
      set: (_a, v) => {
        throw new TypeError(`exploded on ${v}`);
      },
      delete: (a) => memory.delete(a),
      findAccounts: () => memory.findAccounts(),
    };
  }

  it('no failure message or detail holds a password, token, passphrase or key material', async () => {
    const keyBody = fx.client.key.split('\n')[3] ?? 'unreachable';
    const results: unknown[] = [];
    const statuses: unknown[] = [];
    const { vault } = setup();
    results.push(await vault.importCertificateFile(fx.files.encrypted, PHRASE));
    results.push(await vault.importCertificateFile(fx.files.pkcs12, PHRASE));
    results.push(await vault.importCertificateFile(fx.files.garbage, PHRASE));
    results.push(await vault.importCertificateFile(fx.files.tooLarge, PHRASE));
    results.push(await vault.setBasic('bad:user', PASSWORD));
    results.push(await vault.setBasic('u'.repeat(300), PASSWORD));
    results.push(await vault.setToken(`${TOKEN} ${TOKEN}`));
    results.push(await vault.setToken(`${TOKEN}\u00e9`));

    for (const store of [echoingStore(), throwingStore()]) {
      const broken = createCredentialVault({ store, now: () => INSIDE });
      results.push(await broken.setBasic('analyst', PASSWORD));
      results.push(await broken.setToken(TOKEN));
      results.push(await broken.importCertificateFile(fx.files.bundle));
      results.push(await broken.importCertificateFile(fx.files.encrypted, PHRASE));
      results.push(await broken.getAuth());
      statuses.push(await broken.status());
    }

    for (const result of results) expect(result).toMatchObject({ ok: false });
    const text = JSON.stringify([results, statuses]);
    for (const secret of [PASSWORD, TOKEN, PHRASE, keyBody]) expect(text).not.toContain(secret);
    expect(text).toContain('KEYCHAIN_UNAVAILABLE');
  });

  it('status never holds a secret', async () => {
    const { vault } = setup();
    await vault.importCertificateFile(fx.files.encrypted, PHRASE);
    await vault.setBasic('analyst', PASSWORD);
    await vault.setToken(TOKEN);
    const keyLines = fx.client.key.split('\n').slice(1, -2);
    const text = JSON.stringify([await vault.status(), await vault.setAuthMode('token'), await vault.recordTokenExpiry(null)]);
    for (const secret of [PASSWORD, TOKEN, PHRASE, ...keyLines]) expect(text).not.toContain(secret);
    expect(text).toContain('analyst');
  });
});

describe('proxy credentials', () => {
  const PROXY_PASSWORD = 'Proxy-S3cret-0c4e9a17';

  it('stores them apart from TIP\'s, shows the user name only, and hands the password to main alone', async () => {
    const { memory, vault } = setup();
    expect(await vault.proxyStatus()).toEqual({ ok: true, value: { user: null, hasPassword: false } });
    expect(await vault.getProxyCredentials()).toEqual({ ok: true, value: null });

    const set = await vault.setProxyCredentials('  corp\\analyst ', PROXY_PASSWORD);
    expect(set).toEqual({ ok: true, value: { user: 'corp\\analyst', hasPassword: true } });
    expect(await vault.getProxyCredentials()).toEqual({ ok: true, value: { user: 'corp\\analyst', password: PROXY_PASSWORD } });
    // TIP's own credentials are untouched, and the credential status does not mention the proxy.
    expect(await statusOf(vault)).toMatchObject({ userName: null, hasPassword: false });
    expect(JSON.stringify(await vault.status())).not.toContain('corp');
    expect(await memory.get('meta')).toContain('"proxyUser":"corp\\\\analyst"');
    expect(await memory.get('meta')).not.toContain(PROXY_PASSWORD);
  });

  it('deletes them alone, and "delete all" takes them too', async () => {
    const { memory, vault } = setup();
    await vault.setBasic('analyst', 'pw');
    await vault.setProxyCredentials('proxy-user', PROXY_PASSWORD);
    expect(await vault.deleteProxyCredentials()).toEqual({ ok: true, value: { user: null, hasPassword: false } });
    expect(await memory.get('proxy')).toBeNull();
    expect((await statusOf(vault)).userName).toBe('analyst');

    await vault.setProxyCredentials('proxy-user', PROXY_PASSWORD);
    await vault.delete('basic');
    expect(await vault.proxyStatus()).toEqual({ ok: true, value: { user: 'proxy-user', hasPassword: true } });
    await vault.delete('all');
    expect(memory.snapshot()).toEqual({});
    expect(await vault.getProxyCredentials()).toEqual({ ok: true, value: null });
  });

  it('reads a meta record written before proxies existed, and rebuilds proxyUser when meta is lost', async () => {
    const memory = new MemoryCredentialStore({
      meta: JSON.stringify({ v: 1, kind: 'meta', authMode: null, certificate: null, userName: 'analyst', hasToken: false, tokenExpiresAt: null }),
    });
    const vault = createCredentialVault({ store: memory, now: () => INSIDE });
    expect(await vault.proxyStatus()).toEqual({ ok: true, value: { user: null, hasPassword: false } });
    expect((await statusOf(vault)).userName).toBe('analyst');

    await vault.setProxyCredentials('proxy-user', PROXY_PASSWORD);
    await memory.delete('meta');
    expect(await vault.proxyStatus()).toEqual({ ok: true, value: { user: 'proxy-user', hasPassword: true } });
  });

  it('a proxy secret removed outside the app is reported with where to enter it, and status is corrected', async () => {
    const { memory, vault } = setup();
    await vault.setProxyCredentials('proxy-user', PROXY_PASSWORD);
    await memory.delete('proxy');
    const read = await vault.getProxyCredentials();
    expect(read).toMatchObject({ ok: false, error: { code: 'NO_CREDENTIALS', message: expect.stringMatching(/proxy user name and password could not be read.*Settings → Network/) } });
    expect(await vault.proxyStatus()).toEqual({ ok: true, value: { user: null, hasPassword: false } });
  });

  it('refuses malformed input with messages that name the proxy, and stores nothing', async () => {
    const { memory, vault } = setup();
    const messages: string[] = [];
    for (const [user, password] of [['', 'pw'], ['a:b', 'pw'], ['proxy-user', ''], ['proxy-user', 'line\nbreak'], ['u'.repeat(300), 'pw']] as const) {
      const result = await vault.setProxyCredentials(user, password);
      expect(codeOf(result)).toBe('INVALID_INPUT');
      if (!result.ok) messages.push(result.error.message);
    }
    for (const message of messages) expect(message).toMatch(/proxy/i);
    expect(memory.snapshot()).toEqual({});
  });

  it('the proxy password is never in a status, a failure message or its detail', async () => {
    const results: unknown[] = [];
    const { vault } = setup();
    results.push(await vault.setProxyCredentials('proxy-user', PROXY_PASSWORD));
    results.push(await vault.proxyStatus());
    results.push(await vault.status());
    results.push(await vault.setProxyCredentials('bad:user', PROXY_PASSWORD));
    results.push(await vault.setProxyCredentials('proxy-user', `${PROXY_PASSWORD}\n`));
    results.push(await vault.deleteProxyCredentials());
    const memory = new MemoryCredentialStore();
    const echoing: CredentialStore = {
      get: (a) => memory.get(a),
      set: (a, v) => Promise.reject(new Error(`could not store ${a}=${v}`)),
      delete: (a) => memory.delete(a),
      findAccounts: () => memory.findAccounts(),
    };
    const broken = createCredentialVault({ store: echoing, now: () => INSIDE });
    const failed = await broken.setProxyCredentials('proxy-user', PROXY_PASSWORD);
    expect(failed).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    results.push(failed);
    expect(JSON.stringify(results)).not.toContain(PROXY_PASSWORD);
    expect(JSON.stringify(results)).toContain('proxy-user');
  });
});

describe('StaticCredentialProvider', () => {
  it('hands out a copy of fixed material, or NO_CREDENTIALS', async () => {
    const provider = new StaticCredentialProvider({ kind: 'pkcs12', pfx: Buffer.from([1, 2, 3]), user: 'demo', password: 'demo' });
    const first = await provider.getAuth();
    if (first.ok && first.value.kind === 'pkcs12') first.value.pfx[0] = 9;
    const second = await provider.getAuth();
    expect(second.ok && second.value.kind === 'pkcs12' && [...second.value.pfx]).toEqual([1, 2, 3]);
    expect(codeOf(await new StaticCredentialProvider(null).getAuth())).toBe('NO_CREDENTIALS');
  });
});
