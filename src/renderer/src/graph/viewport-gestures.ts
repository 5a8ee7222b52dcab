/**
 * Panning and wheel-zooming a large graph at the screen's frame rate.
 *
 * cytoscape redraws its canvas for every step of a drag or a wheel turn. Past a few thousand nodes
 * one redraw takes longer than a frame (even from its viewport texture), and the picture stutters.
 * Here the picture that is already drawn moves instead: while the mouse drags the background, or
 * the wheel turns, the canvases get a CSS transform (a translation, a scale around the pointer),
 * which the compositor applies without redrawing anything. When the gesture ends, the same change
 * goes to cytoscape's viewport in one step, and the transform comes off in the very task in which
 * cytoscape draws the new viewport — no frame shows both, or neither.
 *
 * cytoscape's hit test looks at every element's label box and takes a tenth of a second at 5,000
 * nodes, on each press and release. While this is on, hit-test.ts answers it instead (as cytoscape's
 * own WebGL mode does with its picking), and it is not even asked where it is not needed: a press
 * on the background is handled here alone — a drag moves the picture, a click clears the
 * selection — and the mouse merely passing over the graph is not reported to cytoscape (nothing
 * here listens for hovering). cytoscape keeps everything else: clicks and taps on elements, dragging nodes, box
 * selection with Shift, Ctrl or ⌘ held, the context menu, touch. Its own panning and zooming are
 * switched off while this is on (a drag that starts on an edge still pans, through the same
 * transform); a touch turns them back on until the mouse is used again.
 */
import type { Core, EventObject } from 'cytoscape';
import { hitsAnything, nearestIn, sceneOf, type HitScene } from './hit-test';

/** A similarity transform of the drawn picture: x ↦ s·x + t, in pixels of the graph's box. */
export interface Similarity {
  s: number;
  tx: number;
  ty: number;
}

export const IDENTITY: Similarity = Object.freeze({ s: 1, tx: 0, ty: 0 });

/** Whether `t` moves nothing (to within rounding: a thousandth of a pixel, of a zoom step). */
export function isIdentity(t: Similarity): boolean {
  return Math.abs(t.s - 1) < 1e-9 && Math.abs(t.tx) < 1e-3 && Math.abs(t.ty) < 1e-3;
}

/** a after the inverse of b: what is left of `a` once `b` has been applied. */
export function relative(a: Similarity, b: Similarity): Similarity {
  const s = a.s / b.s;
  const rest = { s, tx: a.tx - s * b.tx, ty: a.ty - s * b.ty };
  return isIdentity(rest) ? IDENTITY : rest;
}

/** `t`, then a zoom by `factor` around the point (px, py). */
export function zoomAround(t: Similarity, factor: number, px: number, py: number): Similarity {
  return { s: t.s * factor, tx: factor * (t.tx - px) + px, ty: factor * (t.ty - py) + py };
}

/** The viewport after `t` moves the picture of the viewport (zoom, pan). */
export function applyToViewport(t: Similarity, zoom: number, pan: { x: number; y: number }): { zoom: number; pan: { x: number; y: number } } {
  return { zoom: t.s * zoom, pan: { x: t.s * pan.x + t.tx, y: t.s * pan.y + t.ty } };
}

/**
 * The zoom factor of one wheel event, as cytoscape computes it (10^(−Δ/250 × sensitivity), Δ in
 * pixels; a line is 33 of them), with one event's Δ capped so a fast wheel cannot jump.
 */
export function wheelFactor(deltaY: number, deltaMode: number, sensitivity: number): number {
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;
  const capped = Math.max(-300, Math.min(300, pixels));
  return Math.pow(10, (-capped / 250) * sensitivity);
}

/** Pixels the pointer moves before a press becomes a drag (cytoscape's own tap threshold is 4). */
const DRAG_THRESHOLD = 5;
/** A wheel gesture, or a run of moves of the graph's box, ends this long after its last event. */
const IDLE_MS = 150;

export interface ViewportGestures {
  /** On for large graphs; off gives cytoscape its own panning and zooming back. */
  setEnabled(on: boolean): void;
  readonly enabled: boolean;
  /** Whether the picture is moved by a transform that cytoscape has not drawn yet. */
  readonly moving: boolean;
  /**
   * Moves the view by (dx, dy) pixels: the graph's box moved on the page (a bar appeared above it,
   * the split between panes was dragged) and what is drawn should stay where it was on the screen.
   * The picture moves at once; cytoscape gets the view when the moves stop, or on the next press.
   */
  shift(dx: number, dy: number): void;
  destroy(): void;
}

export interface GestureOptions {
  wheelSensitivity?: number;
  /** A click on the background, which cytoscape did not see: what its background tap would do. */
  onBackgroundTap?: () => void;
}

interface RendererHooks {
  beforeRender?: (fn: (willDraw: boolean) => void, priority: number) => void;
  /** cytoscape's hit test (its canvas renderer's; its WebGL mode sets its own on the instance). */
  findNearestElements?: (x: number, y: number, interactiveOnly: boolean, touch: boolean) => unknown[];
}

interface Drag {
  x: number;
  y: number;
  /** The transform when the press began. */
  from: Similarity;
  /** Past the threshold: a drag, not a click. */
  dragging: boolean;
  /** Pressed on the background: cytoscape never saw the press. */
  own: boolean;
}

export function viewportGestures(cy: Core, container: HTMLElement, options: GestureOptions = {}): ViewportGestures {
  const wheelSensitivity = options.wheelSensitivity ?? 0.3;
  const view = container.ownerDocument.defaultView ?? window;
  /** The element cytoscape draws into: the container's child that holds its canvases. */
  const layer = (): HTMLElement | null => {
    for (const child of Array.from(container.children)) if (child instanceof HTMLElement && child.querySelector('canvas')) return child;
    return null;
  };

  let enabled = false;
  let destroyed = false;
  /** The transform shown, relative to what the canvases hold. */
  let live: Similarity = IDENTITY;
  /** The part of `live` already handed to cytoscape's viewport, not yet drawn by it. */
  let committed: Similarity = IDENTITY;
  /** A press that cytoscape hit-tests: set before it does, read when it says what it hit. */
  let press: { x: number; y: number } | null = null;
  let drag: Drag | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set while this module itself changes cytoscape's viewport. */
  let committing = false;
  /** Node boxes and edge lines for hit-test.ts, rebuilt after the graph changes. */
  let scene: HitScene | null = null;

  const show = (): void => {
    const element = layer();
    if (!element) return;
    element.style.transformOrigin = '0 0';
    element.style.willChange = 'transform';
    element.style.transform = isIdentity(live) ? '' : `translate(${live.tx}px, ${live.ty}px) scale(${live.s})`;
  };

  /** Hands what is shown but not yet handed over to cytoscape's viewport. */
  const commit = (): void => {
    const pending = relative(live, committed);
    if (isIdentity(pending)) return;
    committed = live;
    committing = true;
    try {
      cy.viewport(applyToViewport(pending, cy.zoom(), cy.pan()));
    } finally {
      committing = false;
    }
  };

  /** cytoscape is about to draw its current viewport, which includes everything committed. */
  const drawing = (willDraw: boolean): void => {
    if (destroyed || !willDraw || isIdentity(committed)) return;
    live = relative(live, committed);
    // A drag still going measures from where it began, on the picture that is being replaced.
    if (drag) drag.from = relative(drag.from, committed);
    committed = IDENTITY;
    show();
  };

  // cytoscape draws in its own animation-frame loop; its before-render hook runs in the same task
  // as the drawing (both renderers). The public `render` event (canvas only) is the fallback.
  const renderer = (cy as unknown as { renderer(): RendererHooks | null }).renderer();
  const onRender = (): void => drawing(true);
  if (typeof renderer?.beforeRender === 'function') renderer.beforeRender(drawing, -1000);
  else cy.on('render', onRender);

  /** The app set the viewport itself (fit, focus): the picture being moved is stale, drop it. */
  const onViewport = (): void => {
    if (committing || (isIdentity(live) && isIdentity(committed))) return;
    drag = null;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    live = IDENTITY;
    committed = IDENTITY;
    show();
  };
  cy.on('viewport', onViewport);
  const onGraphChange = (): void => {
    scene = null;
  };
  cy.on('add remove position', onGraphChange);

  /**
   * cytoscape's hit test, answered by hit-test.ts while this is on: the elements at a model point,
   * the node first. cytoscape's WebGL mode brings its own fast picking, which is left alone.
   */
  const fastNearest = (x: number, y: number, _interactiveOnly: boolean, touch: boolean): unknown[] => {
    scene ??= sceneOf(cy);
    const { node, edge } = nearestIn(scene, x, y, cy.zoom(), touch);
    const near: unknown[] = [];
    if (node >= 0) near.push(scene.nodeElements[node]);
    if (edge >= 0) near.push(scene.edgeElements[edge]);
    return near;
  };
  const ownPicking = renderer !== null && Object.prototype.hasOwnProperty.call(renderer, 'findNearestElements');
  const useFastNearest = (on: boolean): void => {
    if (!renderer || ownPicking || typeof renderer.findNearestElements !== 'function') return;
    if (on) renderer.findNearestElements = fastNearest;
    else delete renderer.findNearestElements;
  };

  /** Whether the pointer is over a node or an edge, by hit-test.ts (cytoscape's own is far slower). */
  const overElement = (event: MouseEvent): boolean => {
    const box = container.getBoundingClientRect();
    const zoom = cy.zoom();
    const pan = cy.pan();
    scene ??= sceneOf(cy);
    return hitsAnything(scene, (event.clientX - box.left - pan.x) / zoom, (event.clientY - box.top - pan.y) / zoom, zoom);
  };

  const clampFactor = (factor: number): number => {
    const target = cy.zoom() * relative(live, committed).s * factor;
    const bounded = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), target));
    return factor * (bounded / target);
  };

  /** Hands cytoscape the view now, whatever a gesture left waiting. */
  const flushPending = (): void => {
    if (!idleTimer) return;
    clearTimeout(idleTimer);
    idleTimer = null;
    commit();
  };

  const swallow = (event: Event): void => {
    event.stopPropagation();
    event.preventDefault();
  };

  /** Hands cytoscape the view when the picture stops changing (and at once on a press: below). */
  const commitWhenIdle = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      commit();
    }, IDLE_MS);
  };

  const onMouseDown = (event: MouseEvent): void => {
    // Whatever is waiting goes to cytoscape before it hit-tests this press against its view.
    flushPending();
    if (!enabled) return;
    // The mouse is back: cytoscape's own gestures (turned on by a touch) go off again.
    cy.userPanningEnabled(false);
    cy.userZoomingEnabled(false);
    press = null;
    if (event.button !== 0) return;
    const multi = event.shiftKey || event.ctrlKey || event.metaKey;
    // With cytoscape's panning off, a plain drag on the background would draw a selection box.
    cy.boxSelectionEnabled(multi);
    if (multi) return;
    if (!overElement(event)) {
      // The background: cytoscape need not hit-test at all. Focus leaves a field, as it would.
      swallow(event);
      const active = container.ownerDocument.activeElement;
      if (active instanceof HTMLElement) active.blur();
      drag = { x: event.clientX, y: event.clientY, from: live, dragging: false, own: true };
      return;
    }
    press = { x: event.clientX, y: event.clientY };
  };

  /** cytoscape's hit test says what was pressed: a drag from an edge moves the picture too. */
  const onTapStart = (event: EventObject): void => {
    const pressed = press;
    press = null;
    if (!enabled || !pressed) return;
    const target = event.target as Core | { pannable(): boolean };
    if (target !== cy && !(target as { pannable(): boolean }).pannable()) return;
    drag = { x: pressed.x, y: pressed.y, from: live, dragging: false, own: false };
  };
  cy.on('tapstart', onTapStart);

  const onMouseMove = (event: MouseEvent): void => {
    if (!enabled) return;
    const current = drag;
    if (!current) {
      // Merely passing over the graph: cytoscape would hit-test every element for a hover event.
      if (event.buttons === 0 && event.target instanceof Node && container.contains(event.target)) event.stopPropagation();
      return;
    }
    const dx = event.clientX - current.x;
    const dy = event.clientY - current.y;
    if (!current.dragging) {
      if (dx * dx + dy * dy < DRAG_THRESHOLD * DRAG_THRESHOLD) {
        swallow(event);
        return;
      }
      current.dragging = true;
      // A press cytoscape saw: this one move reaches it, so it knows the press became a drag and
      // sends no tap on release.
      if (current.own) swallow(event);
    } else {
      swallow(event);
    }
    live = { s: current.from.s, tx: current.from.tx + dx, ty: current.from.ty + dy };
    show();
  };

  const onMouseUp = (event: MouseEvent): void => {
    const current = drag;
    if (!current || event.button !== 0) return;
    drag = null;
    if (current.dragging) commit();
    else if (current.own) {
      cy.elements(':selected').unselect();
      options.onBackgroundTap?.();
    }
  };

  const onWheel = (event: WheelEvent): void => {
    if (!enabled || drag?.dragging || event.deltaY === 0) return;
    event.preventDefault();
    const box = container.getBoundingClientRect();
    const factor = clampFactor(wheelFactor(event.deltaY, event.deltaMode, wheelSensitivity));
    if (Math.abs(factor - 1) < 1e-9) return;
    live = zoomAround(live, factor, event.clientX - box.left, event.clientY - box.top);
    show();
    commitWhenIdle();
  };

  /** A finger on the graph: cytoscape's touch panning and pinching take over. */
  const onTouchStart = (): void => {
    flushPending();
    if (!enabled) return;
    cy.userPanningEnabled(true);
    cy.userZoomingEnabled(true);
    cy.boxSelectionEnabled(true);
  };

  container.addEventListener('mousedown', onMouseDown, true);
  container.addEventListener('wheel', onWheel, { capture: true, passive: false });
  container.addEventListener('touchstart', onTouchStart, { capture: true, passive: true });
  view.addEventListener('mousemove', onMouseMove, true);
  view.addEventListener('mouseup', onMouseUp, true);

  return {
    setEnabled(on) {
      if (on === enabled || destroyed) return;
      if (!on) {
        flushPending();
        drag = null;
        commit();
      }
      enabled = on;
      useFastNearest(on);
      cy.userPanningEnabled(!on);
      cy.userZoomingEnabled(!on);
      cy.boxSelectionEnabled(true);
    },
    get enabled() {
      return enabled;
    },
    get moving() {
      return !isIdentity(live) || !isIdentity(committed) || idleTimer !== null;
    },
    shift(dx, dy) {
      if (destroyed || (dx === 0 && dy === 0)) return;
      live = { s: live.s, tx: live.tx + dx, ty: live.ty + dy };
      if (drag) drag.from = { s: drag.from.s, tx: drag.from.tx + dx, ty: drag.from.ty + dy };
      show();
      // A box dragged wider (the split between panes) moves many times: one redraw at the end.
      commitWhenIdle();
    },
    destroy() {
      if (destroyed) return;
      if (enabled) useFastNearest(false);
      destroyed = true;
      if (idleTimer) clearTimeout(idleTimer);
      container.removeEventListener('mousedown', onMouseDown, true);
      container.removeEventListener('wheel', onWheel, true);
      container.removeEventListener('touchstart', onTouchStart, true);
      view.removeEventListener('mousemove', onMouseMove, true);
      view.removeEventListener('mouseup', onMouseUp, true);
      cy.off('tapstart', onTapStart);
      cy.off('viewport', onViewport);
      cy.off('add remove position', onGraphChange);
      cy.off('render', onRender);
    },
  };
}
