/**
 * Which slice of a long list to render in a scrolling box: the rows in view plus some overscan, and
 * the empty space to leave above and below so the scrollbar still measures the whole list. A TIP
 * answer can hold 1,000 records per section, several sections at a time; rendering only ~40 rows
 * keeps scrolling smooth and the DOM small. No library: fixed-height rows make this a few lines.
 */
import { computed, onMounted, onUpdated, ref, type Ref } from 'vue';

export interface VirtualWindowOptions {
  /** Expected row height in CSS pixels; corrected from the first rendered row when it differs. */
  rowHeight: number;
  /** Height of the box when it cannot be measured (happy-dom, or before layout). */
  viewport: number;
  /** Rows rendered beyond each edge of the view, so a fast scroll or Tab never lands on a blank. */
  overscan: number;
}

export function useVirtualWindow(total: Ref<number>, scroller: Ref<HTMLElement | null>, options: VirtualWindowOptions) {
  const scrollTop = ref(0);
  const rowHeight = ref(options.rowHeight);
  const viewport = ref(options.viewport);

  const first = computed(() => Math.max(0, Math.floor(scrollTop.value / rowHeight.value) - options.overscan));
  const last = computed(() =>
    Math.min(total.value, Math.ceil((scrollTop.value + viewport.value) / rowHeight.value) + options.overscan),
  );
  const padTop = computed(() => first.value * rowHeight.value);
  const padBottom = computed(() => Math.max(0, (total.value - last.value) * rowHeight.value));

  function onScroll(): void {
    const el = scroller.value;
    if (el) scrollTop.value = el.scrollTop;
  }

  function toTop(): void {
    if (scroller.value) scroller.value.scrollTop = 0;
    scrollTop.value = 0;
  }

  // Real layout may differ from the CSS estimate by a pixel (fonts, zoom): measure once it exists.
  function measure(): void {
    const el = scroller.value;
    if (!el) return;
    if (el.clientHeight > 0) viewport.value = el.clientHeight;
    const row = el.querySelector<HTMLElement>('tbody tr[data-row]');
    const height = row?.getBoundingClientRect().height ?? 0;
    if (height > 0 && Math.abs(height - rowHeight.value) > 0.5) rowHeight.value = height;
  }
  onMounted(measure);
  onUpdated(measure);

  return { first, last, padTop, padBottom, onScroll, toTop };
}
