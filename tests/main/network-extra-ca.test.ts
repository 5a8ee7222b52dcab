import { X509Certificate } from 'node:crypto';
import { promises as fs, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_CA_FILE, MAX_CA_FILE_BYTES, openExtraCaStore, readExtraCaFile } from '../../src/main/network/extra-ca';
import { createCa, issueCertificate, type Pki } from '../../tools/mock-tip/pki';

const DAY = 86_400_000;
let dir: string;
let corporate: Pki;
let second: Pki;
let leaf: Pki;
let expired: Pki;
let soon: Pki;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tipwb-extra-ca-'));
  corporate = createCa({ commonName: 'Corp Inspection CA' });
  second = createCa({ commonName: 'Second Corp CA' });
  leaf = issueCertificate(corporate, { commonName: 'tip.internal.example', kind: 'server' });
  expired = createCa({ commonName: 'Old Corp CA', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
  soon = createCa({ commonName: 'Soon Corp CA', notAfter: new Date(Date.now() + 10 * DAY + 3_600_000) });
}, 60_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

let n = 0;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, `${(n += 1)}-${name}`);
  writeFileSync(path, content);
  return path;
}

function dataDir(): string {
  return mkdtempSync(join(dir, 'data-'));
}

describe('adding extra CA certificates', () => {
  it('stores a CA file as extra-ca.pem and shows subject, issuer, fingerprint, validity and days left', async () => {
    const data = dataDir();
    const store = await openExtraCaStore(data);
    const added = await store.importFile(file('corp.pem', corporate.cert));
    expect(added.ok).toBe(true);
    const x509 = new X509Certificate(corporate.cert);
    expect(added.ok && added.value).toEqual([
      {
        subject: 'CN=Corp Inspection CA, O=TIP Workbench demo',
        issuer: 'CN=Corp Inspection CA, O=TIP Workbench demo',
        fingerprint256: x509.fingerprint256,
        validFrom: new Date(x509.validFrom).toISOString(),
        validTo: new Date(x509.validTo).toISOString(),
        daysLeft: expect.any(Number),
        isCa: true,
        warnings: [],
      },
    ]);
    expect(added.ok && added.value[0]?.daysLeft).toBeGreaterThan(3600);
    expect(readdirSync(data)).toEqual([EXTRA_CA_FILE]);
    expect(await readExtraCaFile(data)).toEqual([x509.toString()]);
    expect(store.pems()).toEqual([x509.toString()]);
  });

  it('adds to what is stored, skips duplicates, and a restarted store reads them back', async () => {
    const data = dataDir();
    const store = await openExtraCaStore(data);
    await store.importFile(file('corp.pem', corporate.cert));
    // selfsigned-style text with no trailing newline and CRLF: every block still counts.
    const both = await store.importFile(file('bundle.pem', `${corporate.cert}${second.cert.replace(/\n/g, '\r\n').trimEnd()}`));
    expect(both.ok && both.value.map((ca) => ca.subject)).toEqual([
      'CN=Corp Inspection CA, O=TIP Workbench demo',
      'CN=Second Corp CA, O=TIP Workbench demo',
    ]);
    const again = await openExtraCaStore(data);
    expect(again.list().map((ca) => ca.subject)).toEqual(both.ok ? both.value.map((ca) => ca.subject) : []);
    expect(again.notices).toEqual([]);
    // Each block ends in a newline, or Node silently drops the CA after it.
    expect(readFileSync(join(data, EXTRA_CA_FILE), 'utf8').match(/-----END CERTIFICATE-----\n/g)).toHaveLength(2);
  });

  it('accepts a single DER certificate (.cer/.crt)', async () => {
    const store = await openExtraCaStore(dataDir());
    const der = new X509Certificate(corporate.cert).raw;
    const added = await store.importFile(file('corp.cer', der));
    expect(added.ok && added.value[0]?.subject).toBe('CN=Corp Inspection CA, O=TIP Workbench demo');
  });

  it('accepts a certificate that is not a CA, with a warning that says what it means', async () => {
    const store = await openExtraCaStore(dataDir());
    const added = await store.importFile(file('server.pem', leaf.cert));
    expect(added.ok && added.value[0]).toMatchObject({
      isCa: false,
      warnings: [expect.stringMatching(/not a CA certificate.*vouches only for the one server/)],
    });
  });

  it('warns about a CA that expires within 30 days', async () => {
    const store = await openExtraCaStore(dataDir());
    const added = await store.importFile(file('soon.pem', soon.cert));
    expect(added.ok && added.value[0]?.daysLeft).toBe(10);
    expect(added.ok && added.value[0]?.warnings).toEqual([expect.stringMatching(/Expires in 10 days \(\d{4}-\d{2}-\d{2}\)/)]);
  });

  it('shows a stored CA that expired since it was added, with what to do', async () => {
    const data = dataDir();
    const clock = { now: new Date() };
    const store = await openExtraCaStore(data, () => clock.now);
    await store.importFile(file('soon.pem', soon.cert));
    clock.now = new Date(Date.now() + 11 * DAY);
    expect(store.list()[0]).toMatchObject({ daysLeft: -1, warnings: [expect.stringMatching(/Expired on .*Add the renewed certificate and remove this one/)] });
  });
});

describe('refusing a file', () => {
  it.each<[string, () => string | Buffer, string, RegExp]>([
    ['a file with a private key', () => corporate.cert + corporate.key, 'CERT_INVALID', /holds a private key.*nothing was stored/],
    ['a private key alone', () => corporate.key, 'CERT_INVALID', /holds a private key/],
    ['an empty file', () => '', 'CERT_INVALID', /file is empty/],
    ['text with no certificate', () => 'just some notes\n', 'CERT_INVALID', /No certificate was found in the file/],
    ['a certificate request', () => '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n', 'CERT_INVALID', /holds CERTIFICATE REQUEST instead/],
    ['a damaged certificate', () => '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n', 'CERT_INVALID', /The certificate in the file is damaged/],
    ['a damaged second certificate', () => `${corporate.cert}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`, 'CERT_INVALID', /Certificate number 2 in the file is damaged/],
    ['an expired CA', () => expired.cert, 'CERT_EXPIRED', /‘CN=Old Corp CA, O=TIP Workbench demo’ expired on \d{4}-\d{2}-\d{2}: nothing was stored/],
  ])('refuses %s and stores nothing', async (_name, content, code, message) => {
    const data = dataDir();
    const store = await openExtraCaStore(data);
    const result = await store.importFile(file('ca.pem', content()));
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(readdirSync(data)).toEqual([]);
    expect(store.pems()).toEqual([]);
  });

  it('the whole file is refused when one certificate in it is expired', async () => {
    const data = dataDir();
    const store = await openExtraCaStore(data);
    const result = await store.importFile(file('mixed.pem', corporate.cert + expired.cert));
    expect(result).toMatchObject({ ok: false, error: { code: 'CERT_EXPIRED' } });
    expect(store.list()).toEqual([]);
  });

  it('refuses a file over 1 MiB without reading it, and a file that is not there', async () => {
    const store = await openExtraCaStore(dataDir());
    const big = await store.importFile(file('big.pem', Buffer.alloc(MAX_CA_FILE_BYTES + 1, 0x41)));
    expect(big).toMatchObject({ ok: false, error: { code: 'CERT_INVALID', message: expect.stringMatching(/larger than 1 MiB/) } });
    const missing = await store.importFile(join(dir, 'no-such.pem'));
    expect(missing).toMatchObject({ ok: false, error: { code: 'STORAGE', message: expect.stringMatching(/could not be read \(not found\)/) } });
  });
});

describe('removing', () => {
  it('removes one certificate by fingerprint, and the file with the last one', async () => {
    const data = dataDir();
    const store = await openExtraCaStore(data);
    await store.importFile(file('bundle.pem', corporate.cert + second.cert));
    const [first, other] = store.list();
    const left = await store.remove(first?.fingerprint256 ?? '');
    expect(left.ok && left.value.map((ca) => ca.fingerprint256)).toEqual([other?.fingerprint256]);
    expect(await readExtraCaFile(data)).toHaveLength(1);
    expect(await store.remove(first?.fingerprint256 ?? '')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await store.remove(other?.fingerprint256 ?? '')).toEqual({ ok: true, value: [] });
    expect(readdirSync(data)).toEqual([]);
    expect(await readExtraCaFile(data)).toEqual([]);
  });

  it('a damaged stored block is left out and reported when the store opens', async () => {
    const data = dataDir();
    writeFileSync(join(data, EXTRA_CA_FILE), `${corporate.cert}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`);
    const store = await openExtraCaStore(data);
    expect(store.list().map((ca) => ca.subject)).toEqual(['CN=Corp Inspection CA, O=TIP Workbench demo']);
    expect(store.notices).toEqual([{ level: 'warning', message: expect.stringMatching(/1 of the extra CA certificates .* is damaged/) }]);
  });
});
