// Moving a large graph's drawn picture under the mouse and the wheel (viewport-gestures.ts), and
// the quick "is anything under the pointer" test it relies on (hit-test.ts). cytoscape runs
// headless here (no canvas in this DOM): its drawing is stood in for by emitting `render`, which
// is what the gestures wait for before they take the transform off. The real canvas, the real
// mouse and the real drawing are in tests/e2e/graph-large.test.ts.
import cytoscape, { type Core } from 'cytoscape';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { distanceToSegmentSquared, hitsAnything, nearestIn, sceneOf } from '@renderer/graph/hit-test';
import {
  applyToViewport,
  IDENTITY,
  isIdentity,
  relative,
  viewportGestures,
  wheelFactor,
  zoomAround,
  type ViewportGestures,
} from '@renderer/graph/viewport-gestures';

/** A wheel turn at (x, y). (happy-dom's WheelEvent has no pointer position: it is given one.) */
function wheelAt(x: number, y: number, deltaY: number): WheelEvent {
  const event = new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY, deltaMode: 0 });
  Object.defineProperty(event, 'clientX', { value: x });
  Object.defineProperty(event, 'clientY', { value: y });
  return event;
}

/** The model point shown at the rendered point (x, y) under a viewport. */
const modelAt = (viewport: { zoom: number; pan: { x: number; y: number } }, x: number, y: number) => ({
  x: (x - viewport.pan.x) / viewport.zoom,
  y: (y - viewport.pan.y) / viewport.zoom,
});

describe('the transform arithmetic', () => {
  it('zooms around the pointer: the point under it stays under it once cytoscape takes the zoom over', () => {
    const before = { zoom: 0.5, pan: { x: 40, y: -30 } };
    const t = zoomAround(zoomAround(IDENTITY, 1.3, 200, 100), 1.3, 200, 100);
    const after = applyToViewport(t, before.zoom, before.pan);
    expect(after.zoom).toBeCloseTo(0.5 * 1.69, 10);
    const under = modelAt(before, 200, 100);
    const still = modelAt(after, 200, 100);
    expect(still.x).toBeCloseTo(under.x, 9);
    expect(still.y).toBeCloseTo(under.y, 9);
  });

  it('a drag moves the pan by exactly the drag', () => {
    expect(applyToViewport({ s: 1, tx: 120, ty: -45 }, 0.25, { x: 10, y: 20 })).toEqual({ zoom: 0.25, pan: { x: 130, y: -25 } });
  });

  it('what is left of a transform after part of it was applied', () => {
    const committed = zoomAround({ s: 1, tx: 30, ty: 5 }, 2, 100, 100);
    const live = { s: committed.s, tx: committed.tx + 17, ty: committed.ty - 4 };
    const rest = relative(live, committed);
    expect(rest.s).toBeCloseTo(1, 12);
    expect(rest.tx).toBeCloseTo(17, 9);
    expect(rest.ty).toBeCloseTo(-4, 9);
    expect(relative(committed, committed)).toBe(IDENTITY);
    expect(isIdentity({ s: 1, tx: 0.5, ty: 0 })).toBe(false);
  });

  it('turns a wheel notch into the zoom cytoscape would make, lines and pages included, and caps a wild one', () => {
    // cytoscape: 10^(−Δ/250 × sensitivity).
    expect(wheelFactor(100, 0, 0.3)).toBeCloseTo(Math.pow(10, -0.12), 12);
    expect(wheelFactor(-100, 0, 0.3)).toBeCloseTo(Math.pow(10, 0.12), 12);
    // Firefox on Linux reports lines: one line is 33 pixels.
    expect(wheelFactor(3, 1, 0.3)).toBeCloseTo(Math.pow(10, (-99 / 250) * 0.3), 12);
    expect(wheelFactor(5000, 0, 0.3)).toBeCloseTo(wheelFactor(300, 0, 0.3), 12);
    expect(wheelFactor(1, 2, 0.3)).toBeCloseTo(wheelFactor(300, 0, 0.3), 12);
  });
});

describe('is anything under the pointer', () => {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    layout: { name: 'preset' },
    style: [
      { selector: 'node', style: { width: 20, height: 20 } },
      { selector: 'edge', style: { width: 2 } },
    ],
    elements: [
      { data: { id: 'a' }, position: { x: 0, y: 0 } },
      { data: { id: 'b' }, position: { x: 300, y: 0 } },
      { data: { id: 'c' }, position: { x: 300, y: 300 } },
      { data: { id: 'ab', source: 'a', target: 'b' } },
      { data: { id: 'bc', source: 'b', target: 'c' } },
    ],
  });
  const scene = sceneOf(cy);

  it('reads every node box and every edge line from cytoscape', () => {
    expect(Array.from(scene.nodes)).toEqual([0, 0, 10, 10, 300, 0, 10, 10, 300, 300, 10, 10]);
    expect(Array.from(scene.edges)).toEqual([0, 0, 300, 0, 1, 300, 0, 300, 300, 1]);
  });

  it('finds nodes and edges with the slack a mouse gets, and the background where there is none', () => {
    expect(hitsAnything(scene, 12, 12, 1)).toBe(true); // the node's box and 4 px of slack
    expect(hitsAnything(scene, 150, 9, 1)).toBe(true); // near the edge a–b
    expect(hitsAnything(scene, 150, 12, 1)).toBe(false); // 12 px from it, 11 px reach
    expect(hitsAnything(scene, 100, 200, 1)).toBe(false); // open space
    expect(hitsAnything(scene, 305, 150, 1)).toBe(true); // near the edge b–c
  });

  it('measures the slack on the screen: zoomed out, the same pixels cover more of the model', () => {
    expect(hitsAnything(scene, 150, 30, 1)).toBe(false);
    expect(hitsAnything(scene, 150, 30, 0.25)).toBe(true); // 10 px at ¼ zoom = 40 units
  });

  it('finds what cytoscape would: the node under the pointer first, and the nearest edge within 8 px (24 for a finger)', () => {
    const ids = (hit: { node: number; edge: number }) => [scene.nodeElements[hit.node]?.id() ?? null, scene.edgeElements[hit.edge]?.id() ?? null];
    expect(ids(nearestIn(scene, 3, 2, 1, false))).toEqual(['a', 'ab']); // on a, where a–b leaves it
    expect(ids(nearestIn(scene, 150, 7, 1, false))).toEqual([null, 'ab']);
    expect(ids(nearestIn(scene, 150, 11, 1, false))).toEqual([null, null]); // 11 px: beyond 8 + 1
    expect(ids(nearestIn(scene, 150, 11, 1, true))).toEqual([null, 'ab']);
    expect(ids(nearestIn(scene, 298, 5, 1, false))).toEqual(['b', 'bc']); // b; bc (2 away) is nearer than ab (5)
    expect(ids(nearestIn(scene, 100, 200, 1, false))).toEqual([null, null]);
  });

  it('takes the topmost of overlapping nodes: the one drawn last', () => {
    const stacked = cytoscape({
      headless: true,
      styleEnabled: true,
      layout: { name: 'preset' },
      style: [{ selector: 'node', style: { width: 20, height: 20 } }],
      elements: [
        { data: { id: 'under' }, position: { x: 0, y: 0 } },
        { data: { id: 'over' }, position: { x: 5, y: 0 } },
      ],
    });
    const both = sceneOf(stacked);
    expect(both.nodeElements[nearestIn(both, 2, 0, 1, false).node]?.id()).toBe('over');
    expect(both.nodeElements[nearestIn(both, -9, 0, 1, false).node]?.id()).toBe('under');
  });

  it('measures the distance to a segment, not to its line', () => {
    expect(distanceToSegmentSquared(5, 5, 0, 0, 10, 0)).toBe(25);
    expect(distanceToSegmentSquared(13, 4, 0, 0, 10, 0)).toBe(25);
    expect(distanceToSegmentSquared(3, 4, 0, 0, 0, 0)).toBe(25);
  });
});

describe('moving the picture of a large graph', () => {
  let cy: Core;
  let container: HTMLDivElement;
  let layer: HTMLDivElement;
  let gestures: ViewportGestures;
  let backgroundTaps: number;
  /** What cytoscape's own listeners (registered without capture) would receive. */
  let cytoscapeSaw: string[];
  const record = (event: Event): void => {
    cytoscapeSaw.push(event.type);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    container = document.createElement('div');
    layer = document.createElement('div');
    layer.append(document.createElement('canvas'));
    container.append(layer);
    document.body.append(container);
    cy = cytoscape({
      headless: true,
      styleEnabled: true,
      minZoom: 0.05,
      maxZoom: 4,
      layout: { name: 'preset' },
      style: [{ selector: 'node', style: { width: 20, height: 20 } }],
      elements: [
        { data: { id: 'a' }, position: { x: 100, y: 100 } },
        { data: { id: 'b' }, position: { x: 400, y: 100 } },
      ],
    });
    cy.viewport({ zoom: 1, pan: { x: 0, y: 0 } });
    backgroundTaps = 0;
    cytoscapeSaw = [];
    container.addEventListener('mousedown', record);
    window.addEventListener('mousemove', record);
    gestures = viewportGestures(cy, container, { onBackgroundTap: () => (backgroundTaps += 1) });
    gestures.setEnabled(true);
  });

  afterEach(() => {
    gestures.destroy();
    cy.destroy();
    container.remove();
    window.removeEventListener('mousemove', record);
    vi.useRealTimers();
  });

  const mouse = (type: 'mousedown' | 'mousemove' | 'mouseup', x: number, y: number, init: MouseEventInit = {}): void => {
    const target = type === 'mousedown' ? layer.firstElementChild ?? layer : layer;
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1, ...init }));
  };
  /** cytoscape drawing a frame. */
  const draw = (): void => void cy.emit('render');

  it('takes panning and zooming from cytoscape while on, and gives them back when off', () => {
    expect(cy.userPanningEnabled()).toBe(false);
    expect(cy.userZoomingEnabled()).toBe(false);
    gestures.setEnabled(false);
    expect(cy.userPanningEnabled()).toBe(true);
    expect(cy.userZoomingEnabled()).toBe(true);
    expect(cy.boxSelectionEnabled()).toBe(true);
  });

  it('moves the drawn picture with a background drag, hands the pan to cytoscape on release, and drops the transform when it draws', () => {
    mouse('mousedown', 250, 300);
    mouse('mousemove', 252, 301); // within the click threshold: nothing moves yet
    expect(layer.style.transform).toBe('');
    mouse('mousemove', 350, 350);
    expect(layer.style.transform).toBe('translate(100px, 50px) scale(1)');
    expect(cy.pan()).toEqual({ x: 0, y: 0 }); // nothing redrawn while dragging
    mouse('mouseup', 350, 350);
    expect(cy.pan()).toEqual({ x: 100, y: 50 });
    // The old picture stays moved until cytoscape has drawn the new view, then the transform goes.
    expect(layer.style.transform).toBe('translate(100px, 50px) scale(1)');
    expect(gestures.moving).toBe(true);
    draw();
    expect(layer.style.transform).toBe('');
    expect(gestures.moving).toBe(false);
    // cytoscape never saw the press, nor any of the moves (no hit test of every element).
    expect(cytoscapeSaw).toEqual([]);
    expect(backgroundTaps).toBe(0);
  });

  it('a second drag before cytoscape has drawn the first continues from where the picture is', () => {
    mouse('mousedown', 200, 300);
    mouse('mousemove', 260, 300);
    mouse('mouseup', 260, 300);
    mouse('mousedown', 260, 300);
    mouse('mousemove', 290, 320);
    expect(layer.style.transform).toBe('translate(90px, 20px) scale(1)');
    draw(); // cytoscape draws the first pan (60, 0): what is left to show is the second drag
    expect(layer.style.transform).toBe('translate(30px, 20px) scale(1)');
    mouse('mousemove', 300, 330);
    expect(layer.style.transform).toBe('translate(40px, 30px) scale(1)');
    mouse('mouseup', 300, 330);
    expect(cy.pan()).toEqual({ x: 100, y: 30 });
    draw();
    expect(layer.style.transform).toBe('');
  });

  it('a click on the background clears the selection, as cytoscape would', () => {
    cy.getElementById('a').select();
    mouse('mousedown', 250, 300);
    mouse('mouseup', 250, 300);
    expect(backgroundTaps).toBe(1);
    expect(cy.elements(':selected').length).toBe(0);
    expect(cy.pan()).toEqual({ x: 0, y: 0 });
  });

  it('leaves a press on a node to cytoscape: it can select and drag it', () => {
    mouse('mousedown', 105, 95);
    mouse('mousemove', 200, 150);
    expect(cytoscapeSaw).toEqual(['mousedown', 'mousemove']);
    expect(layer.style.transform).toBe('');
    mouse('mouseup', 200, 150);
    expect(cy.pan()).toEqual({ x: 0, y: 0 });
    expect(backgroundTaps).toBe(0);
  });

  it('leaves Shift, Ctrl or ⌘ with a drag to cytoscape, for box selection', () => {
    mouse('mousedown', 250, 300, { shiftKey: true });
    expect(cytoscapeSaw).toEqual(['mousedown']);
    expect(cy.boxSelectionEnabled()).toBe(true);
    mouse('mousemove', 350, 350, { shiftKey: true });
    expect(layer.style.transform).toBe('');
    mouse('mouseup', 350, 350);
    // A plain press turns box selection off again (cytoscape, its panning off, would box-select).
    mouse('mousedown', 250, 300);
    expect(cy.boxSelectionEnabled()).toBe(false);
    mouse('mouseup', 250, 300);
  });

  it('does not report the mouse merely passing over the graph (cytoscape would hit-test every element)', () => {
    layer.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 50, clientY: 50, buttons: 0 }));
    expect(cytoscapeSaw).toEqual([]);
    // Outside the graph, it is none of this module's business.
    document.body.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 50, clientY: 50, buttons: 0 }));
    expect(cytoscapeSaw).toEqual(['mousemove']);
  });

  it('zooms the picture around the pointer while the wheel turns, and hands the zoom over when it stops', () => {
    const wheel = (deltaY: number): boolean => layer.dispatchEvent(wheelAt(200, 100, deltaY));
    const under = modelAt({ zoom: cy.zoom(), pan: cy.pan() }, 200, 100);
    expect(wheel(-100)).toBe(false); // the page does not scroll
    wheel(-100);
    const factor = Math.pow(10, 0.24);
    const [tx, ty, scale] = (/translate\((.+)px, (.+)px\) scale\((.+)\)/.exec(layer.style.transform) ?? []).slice(1).map(Number);
    expect(scale).toBeCloseTo(factor, 12);
    expect(tx).toBeCloseTo(200 - 200 * factor, 9);
    expect(ty).toBeCloseTo(100 - 100 * factor, 9);
    expect(cy.zoom()).toBe(1);
    vi.advanceTimersByTime(200);
    expect(cy.zoom()).toBeCloseTo(factor, 12);
    const still = modelAt({ zoom: cy.zoom(), pan: cy.pan() }, 200, 100);
    expect(still.x).toBeCloseTo(under.x, 9);
    expect(still.y).toBeCloseTo(under.y, 9);
    draw();
    expect(layer.style.transform).toBe('');
  });

  it('stops at the zoom limits', () => {
    for (let i = 0; i < 40; i += 1) {
      layer.dispatchEvent(wheelAt(10, 10, -300));
    }
    vi.advanceTimersByTime(200);
    expect(cy.zoom()).toBeCloseTo(4, 9);
  });

  it('drops a picture being moved when the app sets the view itself (Fit, Find)', () => {
    layer.dispatchEvent(wheelAt(10, 10, -100));
    expect(layer.style.transform).not.toBe('');
    cy.viewport({ zoom: 2, pan: { x: 5, y: 5 } });
    expect(layer.style.transform).toBe('');
    vi.advanceTimersByTime(200);
    expect(cy.zoom()).toBe(2);
  });

  it('gives a finger cytoscape’s own touch gestures, and takes them back when the mouse returns', () => {
    layer.dispatchEvent(new Event('touchstart', { bubbles: true }));
    expect(cy.userPanningEnabled()).toBe(true);
    expect(cy.userZoomingEnabled()).toBe(true);
    mouse('mousedown', 250, 300);
    expect(cy.userPanningEnabled()).toBe(false);
    mouse('mouseup', 250, 300);
  });

  it('keeps the graph still on the screen when its box moves: the picture at once, the view when the moves stop', () => {
    // A bar appeared above the canvas and pushed it 37 px down: the graph moves 37 px up within it.
    gestures.shift(0, -37);
    expect(layer.style.transform).toBe('translate(0px, -37px) scale(1)');
    // The split between panes dragged: many moves, one redraw once they stop.
    gestures.shift(-5, 0);
    expect(cy.pan()).toEqual({ x: 0, y: 0 });
    vi.advanceTimersByTime(200);
    expect(cy.pan()).toEqual({ x: -5, y: -37 });
    draw();
    expect(layer.style.transform).toBe('');
  });

  it('hands a waiting move to cytoscape before it hit-tests a press, so a double-click lands where the node is seen', () => {
    gestures.shift(0, -37);
    layer.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, clientX: 105, clientY: 58, button: 0, buttons: 1 }));
    expect(cy.pan()).toEqual({ x: 0, y: -37 });
    // Node a (at 100, 100) is drawn at (100, 63) now: the press went to cytoscape, not to the background.
    expect(cytoscapeSaw).toEqual(['mousedown']);
    mouse('mouseup', 105, 58);
    expect(backgroundTaps).toBe(0);
  });

  it('keeps a drag going when the box moves under it', () => {
    mouse('mousedown', 250, 300);
    mouse('mousemove', 300, 300);
    gestures.shift(0, 37);
    expect(layer.style.transform).toBe('translate(50px, 37px) scale(1)');
    mouse('mousemove', 310, 300);
    expect(layer.style.transform).toBe('translate(60px, 37px) scale(1)');
    mouse('mouseup', 310, 300);
    expect(cy.pan()).toEqual({ x: 60, y: 37 });
    draw();
    expect(layer.style.transform).toBe('');
  });

  it('does nothing once off', () => {
    gestures.setEnabled(false);
    mouse('mousedown', 250, 300);
    mouse('mousemove', 350, 350);
    expect(layer.style.transform).toBe('');
    expect(cytoscapeSaw).toEqual(['mousedown', 'mousemove']);
    mouse('mouseup', 350, 350);
  });
});
