/**
 * Main's lookup service: applies the analyst's defaults, enforces offline mode (no socket is ever
 * opened while it is on), fetches credentials from the vault and the proxy and CA certificates from
 * the network settings, keeps one TIP client per credential, base URL, proxy and CA, and lets the
 * renderer cancel a lookup in flight by its request id.
 */
import type { ConnectionCheck, TipLookupRequest } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { LookupAnswer } from '../../shared/tip/types';
import type { CredentialProvider } from '../credentials/provider';
import type { TipConnection } from '../network/connection';
import type { SettingsStore } from '../settings/settings-store';
import { createTipClient, credentialFingerprint, type TipAuth, type TipClient } from '../tip';

export interface LookupServiceOptions {
  settings: SettingsStore;
  credentials: CredentialProvider;
  /**
   * The proxy and extra CA certificates for a TIP address (`NetworkService.connectionFor`). Without
   * it: no proxy, and `extraCa`.
   */
  connection?: (target: string) => Promise<Result<TipConnection>>;
  /** Extra CA certificates (PEM) added to the system roots, e.g. the demo service's own CA. */
  extraCa?: string[];
  /** Replaced in tests to count clients; defaults to the real client. */
  clientFactory?: typeof createTipClient;
}

export interface LookupService {
  lookup(request: TipLookupRequest): Promise<Result<LookupAnswer>>;
  cancel(requestId: string): boolean;
  /** The cheapest lookup there is: `sections=Zone,LicenseInfo`. */
  check(): Promise<Result<ConnectionCheck>>;
  close(): void;
}

/** Any well-formed object works for the connection check; this one is TIP's own domain. */
const CHECK_DOMAIN = 'kaspersky.com';

export function createLookupService(options: LookupServiceOptions): LookupService {
  const factory = options.clientFactory ?? createTipClient;
  const inFlight = new Map<string, AbortController>();
  let cached: { key: string; client: TipClient } | null = null;

  const connectionFor =
    options.connection ?? (async (): Promise<Result<TipConnection>> => ok({ proxy: null, ca: options.extraCa ?? [] }));

  function clientFor(baseUrl: string, auth: TipAuth, connection: TipConnection): TipClient {
    // A changed proxy, proxy password or CA list makes a new client: the old agent's sockets
    // were opened through the old tunnel and trust.
    const key = credentialFingerprint(auth, connection.ca, baseUrl, connection.proxy);
    if (cached?.key === key) return cached.client;
    cached?.client.close();
    const client = factory({
      baseUrl,
      auth,
      ...(connection.ca.length > 0 ? { ca: connection.ca } : {}),
      ...(connection.proxy ? { proxy: connection.proxy } : {}),
    });
    cached = { key, client };
    return client;
  }

  async function run(request: TipLookupRequest): Promise<Result<LookupAnswer>> {
    const settings = options.settings.get();
    if (settings.offline) {
      return fail('OFFLINE', 'Offline mode is on: no lookup was sent. Turn it off in Settings to reach TIP.');
    }
    const auth = await options.credentials.getAuth();
    if (!auth.ok) return auth;
    const connection = await connectionFor(settings.tipBaseUrl);
    if (!connection.ok) return connection;
    const client = clientFor(settings.tipBaseUrl, auth.value, connection.value);

    const sections = request.sections ?? settings.defaultSections[request.type];
    const controller = new AbortController();
    if (request.requestId) {
      if (inFlight.has(request.requestId)) {
        return fail('INVALID_INPUT', 'A lookup with this request id is already running.');
      }
      inFlight.set(request.requestId, controller);
    }
    try {
      return await client.lookup(
        {
          type: request.type,
          value: request.value,
          format: request.format ?? 'json',
          // STIX answers ignore count and sections (REFERENCE.md), so none are sent.
          ...(request.format === 'stix'
            ? {}
            : {
                count: request.count ?? settings.defaultCount,
                ...(sections.length > 0 ? { sections } : {}),
              }),
        },
        { signal: controller.signal },
      );
    } finally {
      if (request.requestId) inFlight.delete(request.requestId);
    }
  }

  return {
    lookup: run,
    cancel(requestId) {
      const controller = inFlight.get(requestId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    async check() {
      const started = Date.now();
      const answer = await run({ type: 'domain', value: CHECK_DOMAIN, sections: ['Zone', 'LicenseInfo'], count: 1 });
      if (!answer.ok) return answer;
      const license = answer.value.license;
      return ok({
        checkedAt: new Date().toISOString(),
        durationMs: Date.now() - started,
        accessType: license?.AccessType ?? null,
        dayRequests: typeof license?.DayRequests === 'number' ? license.DayRequests : null,
        dayQuota: typeof license?.DayQuota === 'number' ? license.DayQuota : null,
        tokenExpiresAt: license?.TokenExpirationDate ?? null,
      });
    },
    close() {
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      cached?.client.close();
      cached = null;
    },
  };
}
