/**
 * The demo TIP service's STIX answers, checked by the OASIS STIX 2.1 validator itself
 * (cti-stix-validator, best practices on), where STIX_VALIDATOR_PYTHONPATH points at an installed
 * one; without it the whole file skips with that reason. The rules the validator applies are also
 * checked in mock-tip.test.ts (tests/support/stix-rules.ts), which always runs.
 */
import https from 'node:https';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockTip, type MockTip } from '../../tools/mock-tip/index';
import { certLookup, demoBundles } from '../support/mock-stix-bundles';
import { skipWithReason } from '../support/skips';
import { isBasedOnObservableWarning, runStixValidator, stixValidatorAvailability } from '../support/stix-validator';

const availability = stixValidatorAvailability();

describe.skipIf(skipWithReason(availability.available ? null : availability.reason))('STIX answers and the OASIS validator', () => {
  let mock: MockTip;
  let trust: string[];
  let certAgent: https.Agent;

  beforeAll(async () => {
    mock = await startMockTip();
    trust = [...tls.rootCertificates, mock.ca];
    certAgent = new https.Agent({ keepAlive: true, ca: trust, cert: mock.clientCert.cert, key: mock.clientCert.key });
  });

  afterAll(async () => {
    certAgent.destroy();
    await mock.stop();
  });

  it('the OASIS validator accepts the answers with every best-practice check on', async () => {
    if (!availability.available) throw new Error(availability.reason); // skipped above
    // Every demo answer but the hub IP's (10,000 objects take the validator minutes); the same code builds it.
    const bundles = (await demoBundles((pathAndQuery) => certLookup(mock, certAgent, trust, pathAndQuery))).filter((b) => b.objects.length < 2000);
    expect(bundles.length).toBeGreaterThan(10);
    const reports = runStixValidator(bundles, availability.pythonPath);
    expect(reports).toHaveLength(bundles.length);
    for (const report of reports) {
      expect(report.lenient.errors).toEqual([]);
      expect(report.lenient.valid).toBe(true);
      expect(report.lenient.warnings.filter((w) => !isBasedOnObservableWarning(w))).toEqual([]);
      expect(report.strict.errors.filter((e) => !isBasedOnObservableWarning(e))).toEqual([]);
    }
  }, 180_000);
});
