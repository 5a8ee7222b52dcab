/**
 * Runs the OASIS STIX 2.1 validator (cti-stix-validator, `stix2validator`) on a bundle, where one is
 * installed outside the project: STIX_VALIDATOR_PYTHONPATH names the folders that hold
 * `stix2validator`, `stix2patterns` and what they import (PyPI is out of reach here, so nothing in the
 * project installs it); STIX_VALIDATOR_PYTHON picks the interpreter (default `python3`).
 * Best-practice checks are all on (the validator's default); it runs twice, once as is and once
 * with `strict` (every best-practice warning an error).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ValidatorAvailability = { available: true; pythonPath: string } | { available: false; reason: string };

export function stixValidatorAvailability(): ValidatorAvailability {
  const pythonPath = process.env.STIX_VALIDATOR_PYTHONPATH;
  if (pythonPath === undefined || pythonPath === '') {
    return {
      available: false,
      reason: 'OASIS STIX validator not available: set STIX_VALIDATOR_PYTHONPATH to the folders holding stix2validator, stix2patterns and their imports',
    };
  }
  return { available: true, pythonPath };
}

export interface ValidatorRun {
  valid: boolean;
  errors: string[];
  warnings: string[];
}

export interface ValidatorReport {
  /** Best practices on, warnings reported as warnings. */
  lenient: ValidatorRun;
  /** Best practices on, every warning an error (`--strict`). */
  strict: ValidatorRun;
  version: string;
}

const PROGRAM = `
import json, sys
import stix2validator
from stix2validator import validate_file, ValidationOptions
reports = []
for path in sys.argv[1:]:
    report = {"version": getattr(stix2validator, "__version__", "?")}
    for key, strict in (("lenient", False), ("strict", True)):
        result = validate_file(path, ValidationOptions(version="2.1", strict=strict))
        errors, warnings = [], []
        for obj in result.object_results:
            errors += [e.message for e in obj.errors]
            warnings += [str(w) for w in (obj.warnings or [])]
        if result.fatal:
            errors.append("fatal: " + str(getattr(result.fatal, "error", result.fatal)))
        report[key] = {"valid": bool(result.is_valid), "errors": errors, "warnings": warnings}
    reports.append(report)
print("STIX-VALIDATOR-REPORT " + json.dumps(reports))
`;

/** One report per bundle, in order; one Python process for all of them (it loads the schemas once). */
export function runStixValidator(bundles: readonly unknown[], pythonPath: string): ValidatorReport[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stix-validate-'));
  try {
    const files = bundles.map((bundle, i) => {
      const file = path.join(dir, `bundle-${i}.json`);
      fs.writeFileSync(file, JSON.stringify(bundle));
      return file;
    });
    const run = spawnSync(process.env.STIX_VALIDATOR_PYTHON ?? 'python3', ['-c', PROGRAM, ...files], {
      env: { ...process.env, PYTHONPATH: pythonPath },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('STIX-VALIDATOR-REPORT '));
    if (run.status !== 0 || line === undefined) {
      throw new Error(`the validator did not run (exit ${String(run.status)}): ${run.stderr.slice(-2000)}`);
    }
    return JSON.parse(line.slice('STIX-VALIDATOR-REPORT '.length)) as ValidatorReport[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The one best-practice finding the architecture accepts knowingly: `indicator —based-on→ observable`
 * (ARCHITECTURE.md asks for it; OpenCTI draws indicators that way), where the validator's table of
 * suggested relationships (202, relationship-types) lists only observed-data as a based-on target.
 */
export function isBasedOnObservableWarning(message: string): boolean {
  return /\{202\} '[a-z0-9-]+' is permitted, but not a suggested relationship target object for 'indicator' objects with the 'based-on' relationship\.$/.test(message);
}
