/**
 * The one place that names IPC channels and their payloads. Main registers a handler for each
 * operation, the preload exposes one method per operation, the renderer calls them through
 * `services/bridge.ts`; all three import this file, so a change breaks the build where it must.
 */
import type { Result } from './result';
import type { ProxyMode, Settings, Theme } from '../settings';
import type { LicenseInfo, LookupAnswer, LookupRequest } from '../tip/types';

export type { Result, WorkbenchError, ErrorCode } from './result';

// ---------------------------------------------------------------------------------------------
// Payloads

export interface AppNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface AppInfo {
  name: string;
  version: string;
  versions: { electron: string | null; chrome: string | null; node: string };
  platform: string;
  arch: string;
  /** Folder holding settings and logs (never secrets). */
  dataDir: string;
  /** True when the app runs against the built-in demo TIP service with its own profile. */
  demo: boolean;
  /** Things main wants the analyst to know at start, e.g. a corrupt settings file set aside. */
  notices: AppNotice[];
}

export type SettingsPatch = Partial<Omit<Settings, 'defaultSections'>> & {
  defaultSections?: Partial<Settings['defaultSections']>;
};

export interface TipLookupRequest extends LookupRequest {
  /** Chosen by the renderer so that `tip.cancel` can name a lookup in flight. */
  requestId?: string;
}

export interface TipCancelRequest {
  requestId: string;
}

export type AuthMode = 'certificate' | 'token';

/** What the renderer may know of a client certificate: metadata only, never key material. */
export interface CertificateInfo {
  format: 'pem' | 'pkcs12';
  subject: string;
  issuer: string;
  serialNumber: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex as Node prints it. */
  fingerprint256: string;
  validFrom: string;
  validTo: string;
  /** Whole days until `validTo`; negative once expired. */
  daysLeft: number;
  /** Number of extra CA certificates that came with it. */
  chainLength: number;
}

export interface CredentialWarning {
  item: 'certificate' | 'token';
  level: 'warning' | 'error';
  message: string;
}

export interface CredentialStatus {
  keychain: { available: boolean; message?: string };
  authMode: AuthMode;
  certificate: CertificateInfo | null;
  /** The TIP user name is shown back; the password never is. */
  userName: string | null;
  hasPassword: boolean;
  hasToken: boolean;
  /** From the last connection check's `LicenseInfo.TokenExpirationDate`. */
  tokenExpiresAt: string | null;
  warnings: CredentialWarning[];
}

export interface ImportCertificateRequest {
  /** Passphrase of an encrypted PEM key or a PKCS#12 file; typed by the analyst, stored in main. */
  passphrase?: string;
}

export interface SetBasicRequest {
  user: string;
  password: string;
}

export interface SetTokenRequest {
  token: string;
}

export interface SetAuthModeRequest {
  mode: AuthMode;
}

export interface DeleteCredentialRequest {
  item: 'certificate' | 'basic' | 'token' | 'all';
}

export interface ConnectionCheck {
  checkedAt: string;
  durationMs: number;
  accessType: string | null;
  dayRequests: number | null;
  dayQuota: number | null;
  tokenExpiresAt: string | null;
}

export interface OpenExternalRequest {
  url: string;
}

/**
 * A case file, a STIX bundle or a raw TIP answer (`json`) the renderer built, for main to save
 * where the analyst chooses.
 */
export interface SaveFileRequest {
  kind: 'case' | 'stix' | 'json' | 'png' | 'svg';
  /** File name offered in the save dialog (no folder). */
  suggestedName: string;
  /**
   * The file's text (an `svg` picture of the graph is text too), or for a `png` (the graph as a
   * picture) its bytes in base64. Capped at
   * `CASE_FILE_LIMITS.bytes` by the IPC wrapper for this channel.
   */
  content: string;
}

export interface SavedFile {
  /** False when the analyst cancelled the dialog. */
  saved: boolean;
  /** The file's name (not its folder), to say where it went. */
  name?: string;
  bytes?: number;
}

/** A case file main read after the analyst picked it; null when the dialog was cancelled. */
export interface OpenedFile {
  name: string;
  content: string;
}

/** An extra CA certificate added to the system roots (never replacing them): metadata only. */
export interface ExtraCaInfo {
  subject: string;
  issuer: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex; names the certificate for `network.removeCa`. */
  fingerprint256: string;
  validFrom: string;
  validTo: string;
  /** Whole days until `validTo`; negative once expired. */
  daysLeft: number;
  /** basicConstraints CA:TRUE. A certificate that is not a CA only vouches for itself. */
  isCa: boolean;
  /** Accepted, but worth knowing: not a CA, expiring soon, expired since it was added. */
  warnings: string[];
}

export interface ProxyStatus {
  mode: ProxyMode;
  /** Where the proxy in force for the TIP address comes from; `none` = direct connection. */
  source: 'settings' | 'environment' | 'none';
  /** The proxy in force, `http://host:port`: never credentials. */
  url: string | null;
  /** The proxy user name stored in the keychain; the password is never shown back. */
  user: string | null;
  hasPassword: boolean;
  /** The "No proxy for" list in force (the manual one, or NO_PROXY). */
  noProxy: string;
  /** The entry of that list that sends TIP around the proxy, when one does. */
  bypassedBy: string | null;
  /** What the environment says (HTTPS_PROXY / NO_PROXY), whichever mode is chosen; no credentials. */
  system: { url: string | null; noProxy: string };
  /** Why the proxy settings cannot be used as they are (e.g. a malformed HTTPS_PROXY); null when fine. */
  problem: string | null;
}

export interface NetworkStatus {
  proxy: ProxyStatus;
  extraCa: ExtraCaInfo[];
}

export interface RemoveCaRequest {
  fingerprint256: string;
}

export interface SetProxyCredentialsRequest {
  user: string;
  password: string;
}

// ---------------------------------------------------------------------------------------------
// Operations: `area.action` → request and response. Channel = `workbench:<area>.<action>`.

interface Op<Req, Res> {
  request: Req;
  response: Res;
}

export interface Operations {
  'app.info': Op<void, AppInfo>;
  'app.openExternal': Op<OpenExternalRequest, { opened: boolean }>;
  'settings.get': Op<void, Settings>;
  'settings.set': Op<SettingsPatch, Settings>;
  'tip.lookup': Op<TipLookupRequest, LookupAnswer>;
  'tip.cancel': Op<TipCancelRequest, { cancelled: boolean }>;
  'credentials.status': Op<void, CredentialStatus>;
  /** Main opens the file dialog and reads the file itself; null when the analyst cancels. */
  'credentials.importCertificate': Op<ImportCertificateRequest, CertificateInfo | null>;
  'credentials.setBasic': Op<SetBasicRequest, CredentialStatus>;
  'credentials.setToken': Op<SetTokenRequest, CredentialStatus>;
  'credentials.setAuthMode': Op<SetAuthModeRequest, CredentialStatus>;
  'credentials.delete': Op<DeleteCredentialRequest, CredentialStatus>;
  'credentials.check': Op<void, ConnectionCheck>;
  'network.status': Op<void, NetworkStatus>;
  /** Main opens the file dialog, reads and checks the PEM file itself; null when the analyst cancels. */
  'network.chooseCa': Op<void, NetworkStatus | null>;
  'network.removeCa': Op<RemoveCaRequest, NetworkStatus>;
  /** The password goes to the keychain once and never comes back. */
  'network.setProxyCredentials': Op<SetProxyCredentialsRequest, NetworkStatus>;
  'network.deleteProxyCredentials': Op<void, NetworkStatus>;
  /** Main shows the save dialog and writes the file; the renderer never touches the file system. */
  'cases.saveFile': Op<SaveFileRequest, SavedFile>;
  /** Main shows the open dialog and reads a case file (size-capped). */
  'cases.openFile': Op<void, OpenedFile | null>;
}

export type OperationName = keyof Operations;
export type RequestOf<K extends OperationName> = Operations[K]['request'];
export type ResponseOf<K extends OperationName> = Operations[K]['response'];

/** Every operation, listed once at run time (the compiler checks the list is complete). */
export const OPERATIONS = [
  'app.info',
  'app.openExternal',
  'settings.get',
  'settings.set',
  'tip.lookup',
  'tip.cancel',
  'credentials.status',
  'credentials.importCertificate',
  'credentials.setBasic',
  'credentials.setToken',
  'credentials.setAuthMode',
  'credentials.delete',
  'credentials.check',
  'network.status',
  'network.chooseCa',
  'network.removeCa',
  'network.setProxyCredentials',
  'network.deleteProxyCredentials',
  'cases.saveFile',
  'cases.openFile',
] as const satisfies readonly OperationName[];

type MissingOperation = Exclude<OperationName, (typeof OPERATIONS)[number]>;
const operationListIsComplete: [MissingOperation] extends [never] ? true : MissingOperation = true;
void operationListIsComplete;

export const CHANNEL_PREFIX = 'workbench:';
export type Channel<K extends OperationName = OperationName> = `workbench:${K}`;

export function channelOf<K extends OperationName>(op: K): Channel<K> {
  return `${CHANNEL_PREFIX}${op}` as Channel<K>;
}

export function splitOperation<K extends OperationName>(op: K): [area: string, action: string] {
  const dot = op.indexOf('.');
  return [op.slice(0, dot), op.slice(dot + 1)];
}

// ---------------------------------------------------------------------------------------------
// The shape of `window.workbench`, derived from `Operations` (never written twice).

type AreaOf<K> = K extends `${infer A}.${string}` ? A : never;
export type Area = AreaOf<OperationName>;

export type MethodOf<K extends OperationName> = (
  ...args: RequestOf<K> extends void ? [] : [request: RequestOf<K>]
) => Promise<Result<ResponseOf<K>>>;

export type WorkbenchApi = {
  readonly [A in Area]: {
    readonly [K in OperationName as K extends `${A}.${infer Action}` ? Action : never]: MethodOf<K>;
  };
};

export type { Settings, Theme, ProxyMode, LicenseInfo, LookupAnswer, LookupRequest };
