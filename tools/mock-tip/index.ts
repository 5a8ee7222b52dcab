/** The demo TIP service: public API for tests, benchmarks and `npm run demo`. */

export { createCa, encryptPrivateKey, issueCertificate, toPkcs12 } from './pki';
export type { CaOptions, CertificateOptions, Pki, Pkcs12Options } from './pki';
export { KEY_PASSPHRASE, PFX_PASSPHRASE } from './pki-store';
export type { PkiPaths } from './pki-store';
export {
  createWorld, DEFAULT_SEED, DEMO_INDICATORS, EPOCH_DAYS, EPOCH_SHOWCASE, epochEnd, generateWorld, MAX_EPOCH, SHOWCASE,
} from './world';
export type { World } from './world';
export { answerAt, DEFAULT_COUNT, fullAnswer, MAX_URL_LENGTH, parseObject, shapeAnswer, UNTRUNCATED_SECTIONS } from './lookup';
export type { AnswerOptions } from './lookup';
export { STIX_CONTENT_TYPE } from './stix';
export type { FaultRule } from './faults';
export type { AuthKind, Listener, RequestRecord } from './handler';
export { DEFAULT_PASSWORD, DEFAULT_TOKEN, DEFAULT_USER, defaultDataDir, startMockTip } from './server';
export type { MockClientCertificate, MockTip, MockTipOptions } from './server';
