/**
 * One keep-alive `https.Agent` per credential, built once around one secure context that holds the
 * system roots + any extra CA + the client material (STYLE.md 7: passing `ca` alone replaces the
 * system roots; `cert`/`key`/`pfx` are ignored once a `secureContext` is given).
 *
 * Agents are shared by every client with the same credential, CA, origin and proxy (its URL and
 * credentials: a tunnel opened with one proxy login is not another's), keyed by an HMAC under
 * a per-process random key (so the key says nothing about the secrets in it), and destroyed when the
 * last client using one is closed. The client material is inspected once per credential — never
 * per request.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Agent } from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { readClientMaterial, type ClientMaterial, type InspectedCertificate } from '../certs/inspect';
import { caBlocks } from '../certs/pem';
import { secureContextOptionsFor } from '../certs/secure-context';
import { TunnelAgent, type ProxyEndpoint } from './proxy-tunnel';
import type { TipAuth, TipProxy } from './types';

export interface Credential {
  agent: Agent;
  /** The agent's TLS context, for the rare diagnostic probe (cert-probe.ts). */
  secureContext: SecureContext;
  /** The Authorization header value. */
  authorization: string;
  /** The client certificate, for the cheap per-lookup validity check; none for token sign-in. */
  certificate: InspectedCertificate | undefined;
  /** Gives the agent back; the last release destroys it. Idempotent. */
  release(): void;
}

const HASH_KEY = randomBytes(32);
const MAX_SOCKETS = 16;
const INSPECTION_CACHE_SIZE = 16;

const inspections = new Map<string, Result<InspectedCertificate>>();
const agents = new Map<string, { agent: Agent; secureContext: SecureContext; users: number }>();

export function materialOf(auth: TipAuth): ClientMaterial | undefined {
  if (auth.kind === 'certificate') {
    return { kind: 'pem', cert: auth.cert, key: auth.key, ...passphraseOf(auth) };
  }
  if (auth.kind === 'pkcs12') return { kind: 'pkcs12', pfx: auth.pfx, ...passphraseOf(auth) };
  return undefined;
}

export function openCredential(
  auth: TipAuth,
  extraCa: string | string[] | undefined,
  origin: string,
  proxy?: ProxyEndpoint,
): Result<Credential> {
  const shape = checkShape(auth, extraCa);
  if (!shape.ok) return shape;
  const authorization = authorizationOf(auth);
  if (!authorization.ok) return authorization;

  const material = materialOf(auth);
  let certificate: InspectedCertificate | undefined;
  if (material !== undefined) {
    const inspected = inspectOnce(material);
    if (!inspected.ok) return inspected;
    certificate = inspected.value;
  }

  const ca = caBlocks(extraCa);
  const key = hashOf([origin, ...ca, ...materialParts(material), ...proxyParts(proxy)]);
  let entry = agents.get(key);
  if (entry === undefined) {
    const context = secureContextFor(material, certificate, ca);
    if (!context.ok) return context;
    const agentOptions = {
      keepAlive: true,
      secureContext: context.value,
      maxSockets: MAX_SOCKETS,
      // Reuse the most recently used socket: the least likely to have been closed by the server.
      scheduling: 'lifo' as const,
    };
    const agent = proxy === undefined ? new Agent(agentOptions) : new TunnelAgent(agentOptions, proxy);
    entry = { agent, secureContext: context.value, users: 0 };
    agents.set(key, entry);
  }
  entry.users += 1;

  const shared = entry;
  let released = false;
  return ok({
    agent: shared.agent,
    secureContext: shared.secureContext,
    authorization: authorization.value,
    certificate,
    release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users === 0 && agents.get(key) === shared) {
        agents.delete(key);
        shared.agent.destroy();
      }
    },
  });
}

/** Plain-Node callers may pass anything: refuse what would otherwise throw deeper down. */
function checkShape(auth: TipAuth, extraCa: string | string[] | undefined): Result<void> {
  const kind: unknown = (auth as { kind?: unknown } | null)?.kind;
  if (kind !== 'certificate' && kind !== 'pkcs12' && kind !== 'token') {
    return fail('INVALID_INPUT', 'auth.kind must be certificate, pkcs12 or token.');
  }
  if (auth.kind === 'certificate' && (typeof auth.cert !== 'string' || typeof auth.key !== 'string')) {
    return fail('NO_CREDENTIALS', 'Certificate sign-in needs the certificate and its private key (PEM text).');
  }
  if (auth.kind === 'pkcs12' && !(auth.pfx instanceof Uint8Array)) {
    return fail('NO_CREDENTIALS', 'PKCS#12 sign-in needs the .p12/.pfx file contents.');
  }
  const passphrase: unknown = auth.kind === 'token' ? undefined : auth.passphrase;
  if (passphrase !== undefined && typeof passphrase !== 'string') {
    return fail('INVALID_INPUT', 'The passphrase must be text.');
  }
  if (extraCa !== undefined) {
    const texts: unknown[] = Array.isArray(extraCa) ? extraCa : [extraCa];
    if (!texts.every((text) => typeof text === 'string') || caBlocks(extraCa).length === 0) {
      return fail('INVALID_INPUT', 'The extra CA certificates hold no "-----BEGIN CERTIFICATE-----" block.');
    }
  }
  return ok(undefined);
}

function authorizationOf(auth: TipAuth): Result<string> {
  if (auth.kind === 'token') {
    const token = typeof auth.token === 'string' ? auth.token.trim() : '';
    if (token === '') return fail('NO_CREDENTIALS', 'No API token is set.');
    if (!/^[\x21-\x7e]+$/.test(token)) {
      return fail('INVALID_INPUT', 'The API token holds spaces, line breaks or other characters a token cannot have: paste it again.');
    }
    return ok(`Bearer ${token}`);
  }
  if (typeof auth.user !== 'string' || typeof auth.password !== 'string') {
    return fail('NO_CREDENTIALS', 'Certificate sign-in also needs the TIP user name and password.');
  }
  if (auth.user.includes(':')) {
    return fail('INVALID_INPUT', 'The TIP user name cannot contain ‘:’ (HTTP Basic authentication forbids it).');
  }
  return ok(`Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`);
}

function inspectOnce(material: ClientMaterial): Result<InspectedCertificate> {
  const key = hashOf(materialParts(material));
  const cached = inspections.get(key);
  if (cached !== undefined) return cached;
  const inspected = readClientMaterial(material);
  if (inspections.size >= INSPECTION_CACHE_SIZE) {
    const oldest = inspections.keys().next();
    if (oldest.done !== true) inspections.delete(oldest.value);
  }
  inspections.set(key, inspected);
  return inspected;
}

function secureContextFor(
  material: ClientMaterial | undefined,
  certificate: InspectedCertificate | undefined,
  ca: string[],
): Result<SecureContext> {
  try {
    return ok(createSecureContext(secureContextOptionsFor(material, certificate, ca)));
  } catch (error) {
    // Inspection catches these first; this is the last line, and it must not throw either.
    const message = error instanceof Error ? error.message : '';
    if (/mac verify failure|bad decrypt/i.test(message)) {
      return fail('BAD_PASSPHRASE', 'The passphrase does not unlock the client certificate.');
    }
    return fail('CERT_INVALID', 'The client certificate or the extra CA certificates cannot be used for TLS.');
  }
}

function passphraseOf(auth: { passphrase?: string }): { passphrase?: string } {
  return auth.passphrase === undefined ? {} : { passphrase: auth.passphrase };
}

function materialParts(material: ClientMaterial | undefined): Array<string | Uint8Array> {
  if (material === undefined) return ['token'];
  if (material.kind === 'pem') return ['pem', material.cert, material.key, material.passphrase ?? ''];
  return ['pkcs12', material.pfx, material.passphrase ?? ''];
}

function proxyParts(proxy: ProxyEndpoint | undefined): string[] {
  return proxy === undefined ? [] : ['proxy', proxy.display, proxy.authorization ?? ''];
}

/** Length-prefixed parts, so that no two different lists hash alike. */
function hashOf(parts: Array<string | Uint8Array>): string {
  const hmac = createHmac('sha256', HASH_KEY);
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hmac.update(`${bytes.byteLength}:`);
    hmac.update(bytes);
  }
  return hmac.digest('hex');
}

/**
 * Identifies everything a client is built from — origin, extra CA, client material, the
 * Authorization it sends and the proxy (URL and credentials) — without keeping any of it: a keyed
 * hash, never the secrets themselves. Without a proxy the fingerprint is what it always was.
 */
export function credentialFingerprint(
  auth: TipAuth,
  extraCa: string | string[] | undefined,
  origin: string,
  proxy?: TipProxy | null,
): string {
  const authorization = auth.kind === 'token' ? ['bearer', auth.token] : ['basic', auth.user, auth.password];
  const via = proxy == null ? [] : ['proxy', String(proxy.url), proxy.user ?? '', proxy.password ?? ''];
  return hashOf([origin, ...caBlocks(extraCa), ...materialParts(materialOf(auth)), ...authorization, ...via]);
}

/** For tests: how many agents are alive. */
export function liveAgentCount(): number {
  return agents.size;
}
