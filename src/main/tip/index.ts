/**
 * The TIP client seam (ARCHITECTURE.md, "Three seams"): plain Node, no Electron import.
 *
 *   const client = createTipClient({ baseUrl, auth, ca?, timeoutMs?, retries?, maxResponseBytes?, proxy? });
 *   const result = await client.lookup({ type, value, count?, sections?, format? }, { signal? });
 *   client.close();
 */
export { createTipClient } from './client';
export { credentialFingerprint } from './mtls-agent';
export type { RetryEvent, TipAuth, TipClient, TipClientOptions, TipLookupResult, TipProxy } from './types';
export { buildLookupPath } from './request-path';
export { noProxyMatch, parseProxyUrl, resolveProxy, type ResolvedProxy, type ResolveProxyInput } from './proxy-config';
export { parseRetryAfter } from './retry';
