/**
 * A stand-in for `window.workbench` with plausible answers, installed through `setBridge`. Each
 * method is a vitest mock: tests read the calls and swap answers with `mockResolvedValueOnce`.
 */
import { vi } from 'vitest';
import type {
  AppInfo,
  CertificateInfo,
  ConnectionCheck,
  CredentialStatus,
  ExtraCaInfo,
  LookupAnswer,
  NetworkStatus,
  OpenedFile,
  Result,
  SavedFile,
  SaveFileRequest,
  Settings,
  SettingsPatch,
  TipLookupRequest,
  WorkbenchApi,
  WorkbenchError,
} from '@shared/ipc/contract';
import { defaultSettings } from '@shared/settings';
// Read as text: a JSON module import would pull the fixture into the composite TS project.
import ipExampleText from '../../fixtures/tip/ip.json?raw';

/** tip-api/examples/ip.json, copied into tests/fixtures so the tests need nothing beside the repo. */
export const ipExample = JSON.parse(ipExampleText) as Record<string, unknown> & {
  LicenseInfo: { AccessType: string; DayRequests: number; DayQuota: number; TokenExpirationDate: null };
  Zone: string;
};

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(error: WorkbenchError): Result<never> {
  return { ok: false, error };
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    name: 'TIP Workbench',
    version: '0.1.0',
    versions: { electron: '45.4.1', chrome: '140.0.0.0', node: '22.20.0' },
    platform: 'linux',
    arch: 'x64',
    dataDir: '/home/analyst/.config/tip-workbench',
    demo: false,
    notices: [],
    ...overrides,
  };
}

export function certificateInfo(overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    format: 'pkcs12',
    subject: 'CN=analyst@example.org, O=Example SOC',
    issuer: 'CN=Example Client CA, O=Example',
    serialNumber: '4F2A91C3',
    fingerprint256: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
    validFrom: '2025-01-01T00:00:00.000Z',
    validTo: '2026-01-01T00:00:00.000Z',
    daysLeft: 120,
    chainLength: 1,
    ...overrides,
  };
}

export function credentialStatus(overrides: Partial<CredentialStatus> = {}): CredentialStatus {
  return {
    keychain: { available: true },
    authMode: 'certificate',
    certificate: null,
    userName: null,
    hasPassword: false,
    hasToken: false,
    tokenExpiresAt: null,
    warnings: [],
    ...overrides,
  };
}

export function ipAnswer(overrides: Partial<LookupAnswer> = {}): LookupAnswer {
  return {
    status: 200,
    body: structuredClone(ipExample),
    license: { ...ipExample.LicenseInfo },
    zone: ipExample.Zone,
    durationMs: 312,
    ...overrides,
  };
}

export function connectionCheck(overrides: Partial<ConnectionCheck> = {}): ConnectionCheck {
  return {
    checkedAt: '2025-06-01T10:00:00.000Z',
    durationMs: 140,
    accessType: 'Commercial',
    dayRequests: 140,
    dayQuota: 5000,
    tokenExpiresAt: null,
    ...overrides,
  };
}

export function extraCaInfo(overrides: Partial<ExtraCaInfo> = {}): ExtraCaInfo {
  return {
    subject: 'CN=Corp Inspection CA, O=Example Corp',
    issuer: 'CN=Corp Root CA, O=Example Corp',
    fingerprint256: '12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0',
    validFrom: '2025-01-01T00:00:00.000Z',
    validTo: '2030-01-01T00:00:00.000Z',
    daysLeft: 1500,
    isCa: true,
    warnings: [],
    ...overrides,
  };
}

export function networkStatus(overrides: { proxy?: Partial<NetworkStatus['proxy']>; extraCa?: ExtraCaInfo[] } = {}): NetworkStatus {
  return {
    proxy: {
      mode: 'system',
      source: 'none',
      url: null,
      user: null,
      hasPassword: false,
      noProxy: '',
      bypassedBy: null,
      system: { url: null, noProxy: '' },
      problem: null,
      ...overrides.proxy,
    },
    extraCa: overrides.extraCa ?? [],
  };
}

export interface FakeState {
  settings: Settings;
  status: CredentialStatus;
  network: NetworkStatus;
  /** What the "Add CA certificate…" dialog adds; null = the analyst cancels. */
  pickedCa: ExtraCaInfo | null;
  /** Files "saved" through the save dialog, by name, and the one the open dialog "picks". */
  files: Map<string, string>;
  openFile: OpenedFile | null;
}

/** The fake and the state behind it (settings and credentials persist across calls like main's). */
export function createFakeBridge(initial: Partial<FakeState> = {}) {
  const state: FakeState = {
    settings: initial.settings ?? defaultSettings(),
    status: initial.status ?? credentialStatus(),
    network: initial.network ?? networkStatus(),
    pickedCa: initial.pickedCa === undefined ? extraCaInfo() : initial.pickedCa,
    files: initial.files ?? new Map(),
    openFile: initial.openFile ?? null,
  };
  const snapshot = (): CredentialStatus => structuredClone(state.status);
  const network = (): NetworkStatus => structuredClone(state.network);

  const api = {
    app: {
      info: vi.fn(async () => ok(appInfo())),
      openExternal: vi.fn(async () => ok({ opened: true })),
    },
    settings: {
      get: vi.fn(async () => ok(structuredClone(state.settings))),
      set: vi.fn(async (patch: SettingsPatch) => {
        const { defaultSections, ...rest } = patch;
        state.settings = {
          ...state.settings,
          ...rest,
          defaultSections: { ...state.settings.defaultSections, ...defaultSections },
        };
        return ok(structuredClone(state.settings));
      }),
    },
    tip: {
      lookup: vi.fn(async (_request: TipLookupRequest) => ok(ipAnswer())),
      cancel: vi.fn(async (_request: { requestId: string }) => ok({ cancelled: true })),
    },
    credentials: {
      status: vi.fn(async () => ok(snapshot())),
      importCertificate: vi.fn(async (_request: { passphrase?: string }) => {
        state.status.certificate = certificateInfo();
        return ok<CertificateInfo | null>(certificateInfo());
      }),
      setBasic: vi.fn(async (request: { user: string; password: string }) => {
        state.status.userName = request.user;
        state.status.hasPassword = true;
        return ok(snapshot());
      }),
      setToken: vi.fn(async (_request: { token: string }) => {
        state.status.hasToken = true;
        return ok(snapshot());
      }),
      setAuthMode: vi.fn(async (request: { mode: 'certificate' | 'token' }) => {
        state.status.authMode = request.mode;
        return ok(snapshot());
      }),
      delete: vi.fn(async (_request: { item: 'certificate' | 'basic' | 'token' | 'all' }) =>
        ok(snapshot()),
      ),
      check: vi.fn(async () => ok(connectionCheck())),
    },
    network: {
      status: vi.fn(async () => ok(network())),
      chooseCa: vi.fn(async () => {
        if (state.pickedCa === null) return ok<NetworkStatus | null>(null);
        state.network.extraCa.push(structuredClone(state.pickedCa));
        return ok<NetworkStatus | null>(network());
      }),
      removeCa: vi.fn(async (request: { fingerprint256: string }) => {
        state.network.extraCa = state.network.extraCa.filter((ca) => ca.fingerprint256 !== request.fingerprint256);
        return ok(network());
      }),
      setProxyCredentials: vi.fn(async (request: { user: string; password: string }) => {
        state.network.proxy.user = request.user;
        state.network.proxy.hasPassword = true;
        return ok(network());
      }),
      deleteProxyCredentials: vi.fn(async () => {
        state.network.proxy.user = null;
        state.network.proxy.hasPassword = false;
        return ok(network());
      }),
    },
    cases: {
      saveFile: vi.fn(async (request: SaveFileRequest) => {
        state.files.set(request.suggestedName, request.content);
        return ok<SavedFile>({ saved: true, name: request.suggestedName, bytes: request.content.length });
      }),
      openFile: vi.fn(async () => ok<OpenedFile | null>(state.openFile)),
    },
  } satisfies WorkbenchApi;

  return { api, state };
}

export type FakeBridge = ReturnType<typeof createFakeBridge>;
