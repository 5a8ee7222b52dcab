/**
 * The bundles `lookupsToStixBundle` (src/shared/stix) writes, checked by the OASIS STIX 2.1 validator
 * itself (cti-stix-validator, best practices on), where STIX_VALIDATOR_PYTHONPATH points at an
 * installed one; without it the whole file skips with that reason. The rules the validator applies
 * are also encoded in tests/support/stix-rules.ts and checked in stix.test.ts, which always runs.
 */
import { describe, expect, it } from 'vitest';
import { lookupsToStixBundle } from '../../src/shared/stix/index';
import { skipWithReason } from '../support/skips';
import { byType, edgeCaseBundle, exampleLookups } from '../support/stix-cases';
import { isBasedOnObservableWarning, runStixValidator, stixValidatorAvailability } from '../support/stix-validator';

const availability = stixValidatorAvailability();

describe.skipIf(skipWithReason(availability.available ? null : availability.reason))('the OASIS STIX 2.1 validator', () => {
  it('the OASIS validator accepts the bundles with every best-practice check on', () => {
    if (!availability.available) throw new Error(availability.reason); // skipped above
    const bundles = [lookupsToStixBundle(exampleLookups(), { name: 'Case', description: 'd' }), edgeCaseBundle()];
    const reports = runStixValidator(bundles, availability.pythonPath);
    expect(reports).toHaveLength(bundles.length);
    bundles.forEach((bundle, i) => {
      const report = reports[i] ?? { lenient: { valid: false, errors: ['no report'], warnings: [] }, strict: { valid: false, errors: [], warnings: [] } };
      expect(report.lenient.errors).toEqual([]);
      expect(report.lenient.valid).toBe(true);
      // Strict: the only findings are the deliberate indicator → observable based-on links (see support file).
      expect(report.strict.errors.filter((e) => !isBasedOnObservableWarning(e))).toEqual([]);
      expect(report.lenient.warnings.filter((w) => !isBasedOnObservableWarning(w))).toEqual([]);
      expect(report.lenient.warnings).toHaveLength(byType(bundle, 'indicator').length);
    });
  });
});
