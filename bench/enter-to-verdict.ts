/**
 * Enter-to-verdict for a stored lookup, in the built app in Debian's Chromium (the e2e harness: the
 * real renderer, the real main-process handlers, the demo TIP service): type an indicator already
 * in the store, press Enter, and time until its answer — indicator, zone, "Stored" — is on screen
 * and painted. Two stored indicators alternate so every run changes the view. Baseline in the same
 * page: opening the same stored answers from the case list (rendering alone, no lookup logic).
 * Goal ≤ 100 ms (ARCHITECTURE.md: a cached lookup on screen).
 *
 * Run: npx tsx bench/enter-to-verdict.ts [--runs 15]
 */
import { SHOWCASE, startMockTip } from '../tools/mock-tip';
import { chromiumMissingReason } from '../tools/chromium';
import { closeBrowser, openWorkbench, demoService } from '../tests/e2e/harness';
import { argument, median } from './_args';



/*
 * The timed parts run in the page as plain script text: functions handed to page.evaluate would be
 * rewritten by tsx (esbuild names helpers) into code the page cannot run.
 */
const ENTER_SCRIPT = (value: string): string => `(async () => {
  const v = ${JSON.stringify(value)};
  const shown = () =>
    document.querySelector('[data-testid="result-indicator"]')?.textContent?.trim() === v &&
    (document.querySelector('[data-testid="result-source"]')?.textContent ?? '').includes('Stored');
  const box = document.getElementById('lookup-input');
  const started = performance.now();
  box.value = v;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await new Promise((done, fail) => {
    setTimeout(() => fail(new Error('the answer for ' + v + ' did not show within 5 s')), 5000);
    if (shown()) return done();
    const watch = new MutationObserver(() => { if (shown()) { watch.disconnect(); done(); } });
    watch.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // On screen means painted: the frame after the DOM change.
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return performance.now() - started;
})()`;

const OPEN_SCRIPT = (value: string): string => `(async () => {
  const v = ${JSON.stringify(value)};
  const other = Array.from(document.querySelectorAll('[data-testid="case-node"]')).find((b) => !b.textContent.includes(v));
  const target = other.querySelector('.value').textContent.trim();
  const started = performance.now();
  other.click();
  await new Promise((done, fail) => {
    setTimeout(() => fail(new Error('the answer for ' + target + ' did not show within 5 s')), 5000);
    const watch = new MutationObserver(() => {
      if (document.querySelector('[data-testid="result-indicator"]')?.textContent?.trim() === target) { watch.disconnect(); done(); }
    });
    watch.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return performance.now() - started;
})()`;

async function main(): Promise<void> {
  const missing = chromiumMissingReason();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const runs = argument('runs', 15);
  const mock = await startMockTip();
  const workbench = await openWorkbench({
    core: {
      ...demoService(mock),
    },
  });
  try {
    const { page } = workbench;
    const values = [SHOWCASE.badDomain, SHOWCASE.orangeIp];
    for (const value of values) {
      await page.getByRole('textbox', { name: 'Indicators' }).fill(value);
      await page.keyboard.press('Enter');
      await page.getByTestId('result-indicator').filter({ hasText: value }).waitFor();
    }
    const requests = mock.requestCount;

    const enter: number[] = [];
    const open: number[] = [];
    for (let i = 0; i < runs * 2; i += 1) {
      const value = values[i % 2] ?? '';
      enter.push(await page.evaluate(ENTER_SCRIPT(value)));
      open.push(await page.evaluate(OPEN_SCRIPT(value)));
    }
    const sent = mock.requestCount - requests;
    console.log(`Enter-to-verdict for a stored lookup, ${enter.length} runs, medians (${sent} requests reached TIP during the runs)`);
    console.log(`  Enter → answer on screen     ${median(enter).toFixed(1)} ms   (goal ≤ 100 ms)`);
    console.log(`  baseline: open from the case ${median(open).toFixed(1)} ms   ratio ${(median(enter) / median(open)).toFixed(2)}`);
  } finally {
    await workbench.close();
    await closeBrowser();
    await mock.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
