/**
 * Everything the TIP client is built from, in one place: base URL, credentials, extra CA and
 * timeouts. The environment takes precedence over the keychain and settings:
 *
 *   TIP_BASE_URL                                 else the app's setting (else https://tip.kaspersky.com)
 *   TIP_CERT + TIP_KEY + TIP_USER + TIP_PASSWORD certificate mode (PEM files; TIP_KEY_PASSPHRASE if the key is encrypted)
 *   TIP_TOKEN                                    token mode (when TIP_CERT/TIP_KEY are not set)
 *   TIP_CA                                       an extra CA file, ADDED to the system roots
 *                                                (after the app's own extra CAs, Settings → Network)
 *   HTTPS_PROXY / NO_PROXY                       when the app's proxy setting is "system" (the default)
 *
 * With no credentials in the environment, the app's keychain vault is asked (the same entries the
 * app uses). The keychain is never opened when the environment has what is needed — except for
 * the proxy's Basic credentials, kept there by the app, when a proxy is in force and its address
 * carries none.
 */
import { promises as fs } from 'node:fs';
import { createCredentialVault, createKeytarStore, KEYCHAIN_SERVICE, type CredentialVault } from '../main/credentials';
import { applyPatch } from '../main/settings/settings-store';
import { readExtraCaFile } from '../main/network/extra-ca';
import { resolveProxy, type TipAuth, type TipClientOptions, type TipProxy } from '../main/tip';
import { defaultSettings, type Settings } from '../shared/settings';
import { CliError, EXIT, usageError } from './errors';

/** Per attempt, connection to last byte (the client retries 429, 5xx and resets itself). */
export const CLI_TIMEOUT_MS = 30_000;
/** PEM files are a few kilobytes; anything past this is the wrong file. */
const MAX_PEM_BYTES = 1024 * 1024;

export const NO_CREDENTIALS_HINT =
  'store them with `tipwb auth import-cert FILE` and `tipwb auth set-basic` (or `tipwb auth set-token`), or in the app (Settings → Credentials), or set TIP_TOKEN, or TIP_CERT + TIP_KEY + TIP_USER + TIP_PASSWORD';

export interface ConnectionContext {
  env: NodeJS.ProcessEnv;
  settings: Settings;
  /** The app's data folder: its extra CA certificates (Settings → Network) are trusted here too. */
  dataDir: string;
  /** The app's keychain vault; called only when the environment holds no credentials. */
  vault: () => CredentialVault;
}

export interface Connection {
  options: TipClientOptions;
  source: 'environment' | 'keychain';
  /** For messages: "certificate + user demo" or "API token" — never a secret. */
  authLabel: string;
  /** The vault the credentials came from (to record a token's expiry after a check). */
  vault: CredentialVault | null;
}

/** The keychain service: the app's own, or TIPWB_KEYCHAIN_SERVICE (tests use a throw-away one). */
export function keychainService(env: NodeJS.ProcessEnv): string {
  return env.TIPWB_KEYCHAIN_SERVICE?.trim() || KEYCHAIN_SERVICE;
}

export function openVault(env: NodeJS.ProcessEnv): CredentialVault {
  return createCredentialVault({ store: createKeytarStore({ service: keychainService(env) }) });
}

/** True when the environment alone says how to sign in (status and messages mention it). */
export function environmentCredentials(env: NodeJS.ProcessEnv): 'certificate' | 'token' | null {
  if (set(env.TIP_CERT) || set(env.TIP_KEY)) return 'certificate';
  return set(env.TIP_TOKEN) ? 'token' : null;
}

/** Builds the TIP client's options, or throws a CliError with the exit status to use. */
export async function resolveConnection(context: ConnectionContext): Promise<Connection> {
  const { env } = context;
  const baseUrl = resolveBaseUrl(env, context.settings);
  const ca = [...(await readAppCa(context.dataDir)), ...(await readCa(env) ?? [])];
  const proxy = await resolveCliProxy(baseUrl, context);
  const common = { baseUrl, timeoutMs: CLI_TIMEOUT_MS, proxy, ...(ca.length > 0 ? { ca } : {}) };

  const fromEnv = await authFromEnvironment(env);
  if (fromEnv !== null) {
    return { options: { ...common, auth: fromEnv }, source: 'environment', authLabel: labelOf(fromEnv), vault: null };
  }
  const vault = context.vault();
  const auth = await vault.getAuth();
  if (!auth.ok) {
    const { code, message } = auth.error;
    if (code === 'NO_CREDENTIALS' || code === 'KEYCHAIN_UNAVAILABLE') {
      throw new CliError(code, `${message} For the command line: ${NO_CREDENTIALS_HINT}.`, EXIT.noCredentials);
    }
    // An expired certificate or token: configured, but refused before any request.
    throw new CliError(code, message, EXIT.failed);
  }
  return { options: { ...common, auth: auth.value }, source: 'keychain', authLabel: labelOf(auth.value), vault };
}

/** The CA certificates the analyst added in the app; a file that cannot be read is said, not skipped. */
async function readAppCa(dataDir: string): Promise<string[]> {
  try {
    return await readExtraCaFile(dataDir);
  } catch (error) {
    throw usageError(`the app's extra CA file in ${dataDir} cannot be read (${fsReason(error)}); fix it in the app (Settings → Network).`);
  }
}

/**
 * The proxy, by the app's rule (Settings → Network: system = HTTPS_PROXY/NO_PROXY, manual, or off).
 * Proxy credentials written in HTTPS_PROXY are used as given; otherwise the keychain's are asked
 * for, and a keychain that cannot be read means none (a proxy that wants some answers 407, which
 * says where to set them).
 */
async function resolveCliProxy(baseUrl: string, context: ConnectionContext): Promise<TipProxy | null> {
  const { settings, env } = context;
  const input = {
    target: baseUrl,
    mode: settings.proxyMode,
    manualUrl: settings.proxyUrl,
    noProxy: settings.noProxy,
    env: env as Record<string, string | undefined>,
  };
  const first = resolveProxy(input);
  if (!first.ok) {
    const where = settings.proxyMode === 'system' ? 'HTTPS_PROXY' : 'the proxy in the app (Settings → Network)';
    throw usageError(`${where}: ${first.error.message}`);
  }
  const proxy = first.value.proxy;
  if (proxy === null || proxy.user !== undefined) return proxy;
  const stored = await context.vault().getProxyCredentials();
  if (!stored.ok || stored.value === null) return proxy;
  const second = resolveProxy({ ...input, credentials: stored.value });
  return second.ok ? second.value.proxy : proxy;
}

function resolveBaseUrl(env: NodeJS.ProcessEnv, settings: Settings): string {
  if (!set(env.TIP_BASE_URL)) return settings.tipBaseUrl;
  const checked = applyPatch(defaultSettings(), { tipBaseUrl: env.TIP_BASE_URL ?? '' });
  if (!checked.ok) throw usageError(`TIP_BASE_URL: ${checked.error.message}`);
  return checked.value.tipBaseUrl;
}

async function readCa(env: NodeJS.ProcessEnv): Promise<string[] | null> {
  if (!set(env.TIP_CA)) return null;
  const pem = await readPem(env.TIP_CA ?? '', 'TIP_CA');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw usageError(`TIP_CA: ${env.TIP_CA} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  // Without a final newline, a CA concatenated after it would be silently ignored by Node.
  return [pem.endsWith('\n') ? pem : `${pem}\n`];
}

async function authFromEnvironment(env: NodeJS.ProcessEnv): Promise<TipAuth | null> {
  const mode = environmentCredentials(env);
  if (mode === 'token') return { kind: 'token', token: (env.TIP_TOKEN ?? '').trim() };
  if (mode === null) {
    if (set(env.TIP_USER) || set(env.TIP_PASSWORD)) {
      throw usageError('TIP_USER and TIP_PASSWORD go with TIP_CERT and TIP_KEY (certificate mode needs all four), or use TIP_TOKEN.');
    }
    return null;
  }
  const missing = ['TIP_CERT', 'TIP_KEY', 'TIP_USER', 'TIP_PASSWORD'].filter((name) => !set(env[name]));
  if (missing.length > 0) {
    throw usageError(`certificate mode needs TIP_CERT, TIP_KEY, TIP_USER and TIP_PASSWORD; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set.`);
  }
  const cert = await readPem(env.TIP_CERT ?? '', 'TIP_CERT');
  const key = await readPem(env.TIP_KEY ?? '', 'TIP_KEY');
  const passphrase = set(env.TIP_KEY_PASSPHRASE) ? { passphrase: env.TIP_KEY_PASSPHRASE ?? '' } : {};
  return { kind: 'certificate', cert, key, ...passphrase, user: env.TIP_USER ?? '', password: env.TIP_PASSWORD ?? '' };
}

async function readPem(path: string, variable: string): Promise<string> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw usageError(`${variable}: ${path} is not a file.`);
    if (stat.size > MAX_PEM_BYTES) throw usageError(`${variable}: ${path} is larger than 1 MiB; name the PEM file itself.`);
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw usageError(`${variable}: ${path} cannot be read (${fsReason(error)}).`);
  }
}

export function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return typeof code === 'string' ? code : 'unreadable';
}

function labelOf(auth: TipAuth): string {
  return auth.kind === 'token' ? 'API token' : `certificate + user ${auth.user}`;
}

function set(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
