/**
 * How the canvas is set up for a graph of a given size — shared by GraphCanvas.vue and bench/graph,
 * so the benchmark measures what the app does. Large graphs trade ornament for speed: cytoscape's
 * first paint of 5,000 nodes is dominated by measuring every label and curved, arrowed edge, so
 * past LARGE_GRAPH edges are straight (haystack) and bare, and the first view is computed from the
 * stored positions instead of `fit` (which measures every element's label box).
 */
import type cytoscape from 'cytoscape';
import type { Point } from '@shared/case-file/types';
import type { GraphRenderer } from '@shared/settings';

export const LARGE_GRAPH = 800;
/** cytoscape's wheel zoom speed; viewport-gestures.ts zooms a large graph at the same rate. */
export const WHEEL_SENSITIVITY = 0.3;
/**
 * Above this, edges are hidden while cytoscape itself pans or zooms (they come back when it stops).
 * Above LARGE_GRAPH the mouse and wheel move the drawn picture instead (viewport-gestures.ts), so
 * this and the viewport texture below serve cytoscape's own touch gestures.
 */
export const HUGE_GRAPH = 2000;

export function canvasOptions(nodes: number, renderer: GraphRenderer): cytoscape.CytoscapeOptions {
  const large = nodes > LARGE_GRAPH;
  return {
    layout: { name: 'preset', fit: false },
    minZoom: 0.02,
    maxZoom: 4,
    wheelSensitivity: WHEEL_SENSITIVITY,
    boxSelectionEnabled: true,
    textureOnViewport: large,
    hideEdgesOnViewport: nodes > HUGE_GRAPH,
    hideLabelsOnViewport: large,
    motionBlur: false,
    pixelRatio: large ? 1 : 'auto',
    // cytoscape 3.31+ (index.d.ts, RenderingOptions.webgl): the canvas renderer drawing through WebGL.
    ...(renderer === 'webgl' ? { renderer: { name: 'canvas', webgl: true } } : {}),
  } as cytoscape.CytoscapeOptions;
}

/**
 * The zoom and pan that show every point in a box of `width` × `height` with `padding` around, from
 * the positions alone — what `cy.fit()` does, without measuring a single label.
 */
export function viewportFor(points: readonly Point[], width: number, height: number, padding = 40): { zoom: number; pan: Point } {
  if (points.length === 0 || width <= 0 || height <= 0) return { zoom: 1, pan: { x: width / 2, y: height / 2 } };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  // Room for a node's own size and its label below it.
  minX -= 30;
  maxX += 30;
  minY -= 30;
  maxY += 45;
  const zoom = Math.min(4, Math.max(0.02, Math.min((width - 2 * padding) / (maxX - minX), (height - 2 * padding) / (maxY - minY))));
  return { zoom, pan: { x: width / 2 - zoom * ((minX + maxX) / 2), y: height / 2 - zoom * ((minY + maxY) / 2) } };
}
