/**
 * Everything main does, minus Electron itself: settings, the credential vault, the lookup service
 * and the handler table over them. `index.ts` feeds it Electron's dialog and shell; the end-to-end
 * harness feeds it stubs and calls the very same handlers from a real Chromium.
 */
import type { AppInfo, AppNotice } from '../shared/ipc/contract';
import { fail, ok } from '../shared/ipc/result';
import type { CredentialProvider } from './credentials/provider';
import type { CredentialStore } from './credentials/store';
import { createCredentialVault, type CredentialVault } from './credentials/vault';
import { createCallLog, withCallLog, type CallLog } from './call-log';
import type { HandlerTable } from './ipc/register';
import { createLookupService, type LookupService } from './lookups/lookup-service';
import { createNetworkService, type NetworkService } from './network/connection';
import { openExtraCaStore } from './network/extra-ca';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';
import { isAllowedExternalUrl } from './window/external-links';
import { openCaseFile, saveFile, type FileDialogs } from './files/case-files';

export interface MainCoreOptions {
  /** Folder for settings and logs (the Electron user-data folder, or a temp folder in tests). */
  dataDir: string;
  appName: string;
  appVersion: string;
  versions: AppInfo['versions'];
  platform?: string;
  arch?: string;
  demo?: boolean;
  /** Where secrets live: the OS keychain in the app, an in-memory store in unit tests. */
  credentialStore: CredentialStore;
  /** Used when the vault holds nothing for the chosen mode (the demo profile's own credentials). */
  fallbackCredentials?: CredentialProvider;
  /** CA certificates (PEM) added to the system roots before the analyst's own (the demo service's CA). */
  extraCa?: string[];
  /** Where HTTPS_PROXY / NO_PROXY are read (default `process.env`); tests pass their own. */
  env?: Record<string, string | undefined>;
  /** Shows the open-file dialog for a certificate; null when the analyst cancels. */
  pickCertificateFile(): Promise<string | null>;
  /** Shows the open-file dialog for an extra CA certificate (PEM); null when the analyst cancels. */
  pickCaFile(): Promise<string | null>;
  /** Save and open dialogs for case files and STIX bundles. */
  pickSavePath: FileDialogs['pickSavePath'];
  pickCaseFile: FileDialogs['pickCaseFile'];
  openExternal(url: string): Promise<void>;
  /** Forced settings for this run (the demo points the app at its own TIP service). */
  settingsOverride?: { tipBaseUrl?: string };
}

export interface MainCore {
  handlers: HandlerTable;
  settings: SettingsStore;
  vault: CredentialVault;
  lookups: LookupService;
  network: NetworkService;
  notices: AppNotice[];
  log: CallLog;
  close(): void;
}

export async function createMainCore(options: MainCoreOptions): Promise<MainCore> {
  const settings = await openSettingsStore(options.dataDir);
  const notices: AppNotice[] = [...settings.notices];
  if (options.settingsOverride?.tipBaseUrl && settings.get().tipBaseUrl !== options.settingsOverride.tipBaseUrl) {
    const applied = await settings.update({ tipBaseUrl: options.settingsOverride.tipBaseUrl });
    if (!applied.ok) notices.push({ level: 'error', message: applied.error.message });
  }

  const extraCa = await openExtraCaStore(options.dataDir);
  notices.push(...extraCa.notices);

  const vault = createCredentialVault({ store: options.credentialStore });
  const credentials: CredentialProvider = options.fallbackCredentials
    ? preferVault(vault, options.fallbackCredentials)
    : vault;
  const network = createNetworkService({
    settings,
    vault,
    extraCa,
    ...(options.extraCa ? { fixedCa: options.extraCa } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const lookups = createLookupService({ settings, credentials, connection: (target) => network.connectionFor(target) });

  const log = createCallLog(options.dataDir);
  const handlers: HandlerTable = {
    'app.info': async () =>
      ok({
        name: options.appName,
        version: options.appVersion,
        versions: options.versions,
        platform: options.platform ?? process.platform,
        arch: options.arch ?? process.arch,
        dataDir: options.dataDir,
        demo: options.demo ?? false,
        notices,
      }),
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        return fail('FORBIDDEN', 'Only https links to known threat-intelligence sites are opened.');
      }
      await options.openExternal(url);
      return ok({ opened: true });
    },
    'settings.get': async () => ok(settings.get()),
    'settings.set': (patch) => settings.update(patch),
    'tip.lookup': (request) => lookups.lookup(request),
    'tip.cancel': async ({ requestId }) => ok({ cancelled: lookups.cancel(requestId) }),
    'credentials.status': () => vault.status(),
    'credentials.importCertificate': async ({ passphrase }) => {
      const path = await options.pickCertificateFile();
      if (path === null) return ok(null);
      return vault.importCertificateFile(path, passphrase);
    },
    'credentials.setBasic': ({ user, password }) => vault.setBasic(user, password),
    'credentials.setToken': ({ token }) => vault.setToken(token),
    'credentials.setAuthMode': ({ mode }) => vault.setAuthMode(mode),
    'credentials.delete': ({ item }) => vault.delete(item),
    'credentials.check': async () => {
      const checked = await lookups.check();
      if (checked.ok) await vault.recordTokenExpiry(checked.value.tokenExpiresAt);
      return checked;
    },
    'network.status': () => network.status(),
    'network.chooseCa': async () => {
      const path = await options.pickCaFile();
      if (path === null) return ok(null);
      return network.importCa(path);
    },
    'network.removeCa': ({ fingerprint256 }) => network.removeCa(fingerprint256),
    'network.setProxyCredentials': ({ user, password }) => network.setProxyCredentials(user, password),
    'network.deleteProxyCredentials': () => network.deleteProxyCredentials(),
    'cases.saveFile': (request) => saveFile(options, request),
    'cases.openFile': () => openCaseFile(options),
  };

  return {
    handlers: withCallLog(handlers, log),
    log,
    settings,
    vault,
    lookups,
    network,
    notices,
    close: () => lookups.close(),
  };
}

/**
 * The demo profile's own credentials stand in when the vault has none for it — or when no keychain
 * answers, so the demo works on a machine without one. They are demo-only material, never a place
 * the analyst's secrets go.
 */
function preferVault(vault: CredentialVault, fallback: CredentialProvider): CredentialProvider {
  return {
    async getAuth() {
      const stored = await vault.getAuth();
      if (stored.ok) return stored;
      if (stored.error.code !== 'NO_CREDENTIALS' && stored.error.code !== 'KEYCHAIN_UNAVAILABLE') return stored;
      return fallback.getAuth();
    },
  };
}
