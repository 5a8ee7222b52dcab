// Types for tools/skip-summary.mjs (plain JavaScript, run by Node without a build step).

export declare const NO_REASON: string;

/** The part of a vitest JSON report the skip summary reads. */
export interface VitestReport {
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: Array<{ name: string; assertionResults?: Array<{ status: string }> }>;
}

export declare function parseSkipRecord(text: string): Map<string, string>;
export declare function countSkips(report: VitestReport, reasons: Map<string, string>, root: string): Map<string, number>;
export declare function mergeSkips(into: Map<string, number>, more: Map<string, number>): Map<string, number>;
export declare function skipLines(counts: Map<string, number>): string[];
