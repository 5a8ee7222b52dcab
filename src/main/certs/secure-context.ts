/**
 * The TLS options for one credential: default roots PLUS any extra CA, the client material, TLS 1.2+.
 * Two Node traps (STYLE.md 7): `ca` alone REPLACES the system roots instead of adding to them, and
 * `cert`/`key`/`pfx` are ignored once a `secureContext` is given — so everything goes into one
 * context, built once per credential by the agent.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates, type SecureContextOptions } from 'node:tls';
import type { ClientMaterial, InspectedCertificate } from './inspect';
import { caBlocks, pemMaterialBlocks } from './pem';

export function secureContextOptionsFor(
  material: ClientMaterial | undefined,
  inspected: Pick<InspectedCertificate, 'fingerprint256' | 'chain'> | undefined,
  extraCa?: string | readonly string[],
): SecureContextOptions {
  const options: SecureContextOptions = {
    ca: [...rootCertificates, ...caBlocks(extraCa)],
    minVersion: 'TLSv1.2',
  };
  if (material === undefined) return options;
  if (material.kind === 'pkcs12') {
    options.pfx = Buffer.from(material.pfx);
    if (material.passphrase !== undefined) options.passphrase = material.passphrase;
    return options;
  }
  const blocks = pemMaterialBlocks(material.cert, material.key);
  options.cert = leafFirst(blocks.certs, inspected).join('');
  if (blocks.key !== undefined) options.key = blocks.key.pem;
  if (material.passphrase !== undefined && material.passphrase !== '') {
    options.passphrase = material.passphrase;
  }
  return options;
}

/** TLS sends the first certificate as the leaf; the analyst's file may list the chain first. */
function leafFirst(
  certs: string[],
  inspected: Pick<InspectedCertificate, 'fingerprint256' | 'chain'> | undefined,
): string[] {
  if (inspected === undefined) return certs;
  const leaf = certs.find((pem) => {
    try {
      return new X509Certificate(pem).fingerprint256 === inspected.fingerprint256;
    } catch {
      return false;
    }
  });
  return leaf === undefined ? certs : [leaf, ...inspected.chain];
}
