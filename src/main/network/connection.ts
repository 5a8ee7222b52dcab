/**
 * How main reaches TIP from the network the analyst is on: the proxy (Settings, or HTTPS_PROXY /
 * NO_PROXY from the environment, with Basic credentials from the keychain) and the extra CA
 * certificates (added to the system roots by the TLS layer). The lookup service asks for a
 * connection before each lookup; the Network settings read the same facts as `NetworkStatus`.
 */
import type { NetworkStatus, ProxyStatus } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { CredentialVault } from '../credentials/vault';
import type { SettingsStore } from '../settings/settings-store';
import { resolveProxy, type TipProxy } from '../tip';
import type { ExtraCaStore } from './extra-ca';

export interface TipConnection {
  proxy: TipProxy | null;
  /** Extra CA certificates (PEM), for the client's `ca`: added to the system roots. */
  ca: string[];
}

type ProxyVault = Pick<CredentialVault, 'proxyStatus' | 'setProxyCredentials' | 'deleteProxyCredentials' | 'getProxyCredentials'>;

export interface NetworkServiceOptions {
  settings: SettingsStore;
  vault: ProxyVault;
  extraCa: ExtraCaStore;
  /** CA certificates main was started with (the demo service's own), in force before the analyst's. */
  fixedCa?: string[];
  /** Read on every call, so a test can change it; the app passes `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface NetworkService {
  /** The proxy and CA certificates for one TIP address. The proxy password is read here, in main. */
  connectionFor(target: string): Promise<Result<TipConnection>>;
  status(): Promise<Result<NetworkStatus>>;
  importCa(path: string): Promise<Result<NetworkStatus>>;
  removeCa(fingerprint256: string): Promise<Result<NetworkStatus>>;
  setProxyCredentials(user: string, password: string): Promise<Result<NetworkStatus>>;
  deleteProxyCredentials(): Promise<Result<NetworkStatus>>;
}

const ENV_PROXY = 'HTTPS_PROXY in the environment';

export function createNetworkService(options: NetworkServiceOptions): NetworkService {
  const env = (): Record<string, string | undefined> => options.env ?? process.env;
  const caInForce = (): string[] => [...(options.fixedCa ?? []), ...options.extraCa.pems()];

  function resolve(target: string, credentials: { user: string; password: string } | null) {
    const settings = options.settings.get();
    const resolved = resolveProxy({
      target,
      mode: settings.proxyMode,
      manualUrl: settings.proxyUrl,
      noProxy: settings.noProxy,
      env: env(),
      credentials,
    });
    if (resolved.ok || settings.proxyMode !== 'system') return resolved;
    // Say which setting is wrong: the analyst did not type this address in the app.
    return fail(resolved.error.code, `${ENV_PROXY}: ${resolved.error.message} Fix it, or choose another proxy option in Settings → Network.`);
  }

  async function status(): Promise<Result<NetworkStatus>> {
    const settings = options.settings.get();
    const resolved = resolve(settings.tipBaseUrl, null);
    const credentials = await options.vault.proxyStatus();
    const proxy: ProxyStatus = {
      mode: settings.proxyMode,
      source: resolved.ok ? resolved.value.source : 'none',
      url: resolved.ok ? resolved.value.display : null,
      // A keychain that cannot be read is reported by the Credentials section; here it means "none known".
      user: credentials.ok ? credentials.value.user : null,
      hasPassword: credentials.ok && credentials.value.hasPassword,
      noProxy: noProxyInForce(settings.proxyMode, settings.noProxy, env()),
      bypassedBy: resolved.ok ? (resolved.value.bypassedBy ?? null) : null,
      system: systemProxy(settings.tipBaseUrl, env()),
      problem: resolved.ok ? null : resolved.error.message,
    };
    return ok({ proxy, extraCa: options.extraCa.list() });
  }

  async function then<T>(change: Promise<Result<T>>): Promise<Result<NetworkStatus>> {
    const done = await change;
    return done.ok ? status() : done;
  }

  return {
    async connectionFor(target) {
      const first = resolve(target, null);
      if (!first.ok) return first;
      if (first.value.proxy === null) return ok({ proxy: null, ca: caInForce() });
      const stored = await options.vault.getProxyCredentials();
      // No keychain: go on without stored credentials; a proxy that wants some answers 407, which
      // the client reports as PROXY_AUTH_REQUIRED with where to set them.
      if (!stored.ok && stored.error.code !== 'KEYCHAIN_UNAVAILABLE') return stored;
      const second = resolve(target, stored.ok ? stored.value : null);
      if (!second.ok) return second;
      return ok({ proxy: second.value.proxy, ca: caInForce() });
    },
    status,
    importCa: (path) => then(options.extraCa.importFile(path)),
    removeCa: (fingerprint256) => then(options.extraCa.remove(fingerprint256)),
    setProxyCredentials: (user, password) => then(options.vault.setProxyCredentials(user, password)),
    deleteProxyCredentials: () => then(options.vault.deleteProxyCredentials()),
  };
}

function noProxyInForce(mode: ProxyStatus['mode'], manual: string, env: Record<string, string | undefined>): string {
  if (mode === 'manual') return manual;
  if (mode === 'off') return '';
  return firstSet(env, ['no_proxy', 'NO_PROXY']) ?? '';
}

/** What the environment offers, whatever the mode: shown beside "Use the system proxy". */
function systemProxy(target: string, env: Record<string, string | undefined>): ProxyStatus['system'] {
  const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY']) ?? '';
  // Without the bypass list, so the proxy is shown even when NO_PROXY names TIP.
  const withoutBypass = { ...env, no_proxy: undefined, NO_PROXY: undefined };
  const resolved = resolveProxy({ target, mode: 'system', env: withoutBypass });
  return { url: resolved.ok ? resolved.value.display : null, noProxy };
}

function firstSet(env: Record<string, string | undefined>, names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
