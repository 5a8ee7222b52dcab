/**
 * A legacy PKCS#12 as OpenSSL 1.x made by default (and `openssl pkcs12 -export -legacy` still does):
 * the key bag under pbeWithSHAAnd3-KeyTripleDES-CBC, the certificate bag under
 * pbeWithSHAAnd40BitRC2-CBC, HMAC-SHA1 MAC.
 *
 * Why not forge's `algorithm: '3des'` alone: forge leaves the certificate bag unencrypted, and OpenSSL 3
 * still has 3DES in its default provider, so Node 20 loads such a file without complaint. It is the
 * RC2-40 certificate bag that OpenSSL 3 refuses ("Unsupported PKCS12 PFX data") unless the legacy
 * provider is loaded, which is the behaviour analysts hit with old .p12 exports.
 */

import forge from 'node-forge';

const { asn1 } = forge;
const ITERATIONS = 2048;

function seq(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}
function oid(name: string): forge.asn1.Asn1 {
  const value = forge.pki.oids[name];
  if (value === undefined) throw new Error(`unknown OID name ${name}`);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}
function octets(bytes: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
}
function integer(value: number): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}
function explicit0(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, items);
}
function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  if (node === undefined || !Array.isArray(node.value)) throw new Error('unexpected PKCS#12 structure');
  return node.value;
}
function bytesOf(node: forge.asn1.Asn1 | undefined): string {
  if (node === undefined || typeof node.value !== 'string') throw new Error('unexpected PKCS#12 structure');
  return node.value;
}

/** ContentInfo(data) → ContentInfo(encryptedData) with RC2-40 under the PKCS#12 KDF. */
function encryptWithRc2(dataContentInfo: forge.asn1.Asn1, passphrase: string): forge.asn1.Asn1 {
  const plain = bytesOf(children(children(dataContentInfo)[1])[0]);
  const salt = forge.random.getBytesSync(8);
  const key = forge.pkcs12.generateKey(passphrase, forge.util.createBuffer(salt), 1, ITERATIONS, 5);
  const iv = forge.pkcs12.generateKey(passphrase, forge.util.createBuffer(salt), 2, ITERATIONS, 8);
  const cipher = forge.rc2.createEncryptionCipher(key, 40);
  cipher.start(iv);
  cipher.update(forge.util.createBuffer(plain));
  cipher.finish();
  return seq([
    oid('encryptedData'),
    explicit0([
      seq([
        integer(0),
        seq([
          oid('data'),
          seq([oid('pbewithSHAAnd40BitRC2-CBC'), seq([octets(salt), integer(ITERATIONS)])]),
          asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, cipher.output.getBytes()),
        ]),
      ]),
    ]),
  ]);
}

function macData(authSafeDer: string, passphrase: string): forge.asn1.Asn1 {
  const salt = forge.random.getBytesSync(8);
  const key = forge.pkcs12.generateKey(passphrase, forge.util.createBuffer(salt), 3, ITERATIONS, 20);
  const hmac = forge.hmac.create();
  hmac.start('sha1', key);
  hmac.update(authSafeDer);
  return seq([
    seq([seq([oid('sha1'), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]), octets(hmac.digest().getBytes())]),
    octets(salt),
    integer(ITERATIONS),
  ]);
}

export function legacyPkcs12(key: forge.pki.rsa.PrivateKey, certs: forge.pki.Certificate[], passphrase: string, friendlyName?: string): Buffer {
  const modern = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, {
    algorithm: '3des', count: ITERATIONS, useMac: false, generateLocalKeyId: true, ...(friendlyName === undefined ? {} : { friendlyName }),
  });
  // PFX → authSafe ContentInfo → [0] → OCTET STRING holding the AuthenticatedSafe DER.
  const authSafe = asn1.fromDer(bytesOf(children(children(children(modern)[1])[1])[0]));
  const contents = children(authSafe).map((contentInfo, index) => (index === 0 ? encryptWithRc2(contentInfo, passphrase) : contentInfo));
  const authSafeDer = asn1.toDer(seq(contents)).getBytes();
  const pfx = seq([integer(3), seq([oid('data'), explicit0([octets(authSafeDer)])]), macData(authSafeDer, passphrase)]);
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}
