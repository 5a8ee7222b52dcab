/**
 * Reads the certificates and private keys out of a PKCS#12 file with node-forge: Node can *use* a
 * PKCS#12 (`tls.createSecureContext({ pfx })`) but offers no public API to read what is inside.
 * forge decrypts both PBES2/AES-256 bags (what OpenSSL 3 and current Windows export) and the old
 * 3DES/RC2 ones; whether Node can use the file is checked separately, by Node itself.
 *
 * forge only understands RSA keys and certificates; other kinds (EC) come back as raw ASN.1, which
 * is handed to Node as DER.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

export interface Pkcs12Contents {
  certificates: X509Certificate[];
  keys: KeyObject[];
}

/** Throws (forge's own errors) when the file cannot be read or decrypted. */
export function readPkcs12(pfx: Uint8Array, passphrase: string | undefined): Pkcs12Contents {
  const binary = Buffer.from(pfx.buffer, pfx.byteOffset, pfx.byteLength).toString('binary');
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(binary, false), false, passphrase ?? '');

  const certificates: X509Certificate[] = [];
  const keys: KeyObject[] = [];
  for (const safeContents of p12.safeContents) {
    for (const bag of safeContents.safeBags) {
      if (bag.type === forge.pki.oids.certBag) {
        const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
        if (asn1) certificates.push(new X509Certificate(derOf(asn1)));
      } else if (
        bag.type === forge.pki.oids.pkcs8ShroudedKeyBag ||
        bag.type === forge.pki.oids.keyBag
      ) {
        if (bag.key) {
          keys.push(createPrivateKey(forge.pki.privateKeyToPem(bag.key)));
        } else if (bag.asn1) {
          keys.push(createPrivateKey({ key: derOf(bag.asn1), format: 'der', type: 'pkcs8' }));
        }
      }
    }
  }
  return { certificates, keys };
}

function derOf(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
