// cytoscape-fcose ships no types: the extension itself, and the options this app passes to it
// (names and meanings from the package's README, "API").
declare module 'cytoscape-fcose' {
  import type { BaseLayoutOptions, Ext, Position } from 'cytoscape';

  export interface FcoseLayoutOptions extends BaseLayoutOptions {
    name: 'fcose';
    /** 'draft': spectral placement only; 'default' and 'proof' add the force (CoSE) phase. */
    quality?: 'draft' | 'default' | 'proof';
    /** false: start from the current positions (incremental); 'draft' then changes nothing. */
    randomize?: boolean;
    animate?: boolean;
    fit?: boolean;
    padding?: number;
    nodeDimensionsIncludeLabels?: boolean;
    uniformNodeDimensions?: boolean;
    packComponents?: boolean;
    samplingType?: boolean;
    sampleSize?: number;
    nodeSeparation?: number;
    nodeRepulsion?: number | ((node: unknown) => number);
    idealEdgeLength?: number | ((edge: unknown) => number);
    edgeElasticity?: number | ((edge: unknown) => number);
    gravity?: number;
    /** A suggestion: the force phase runs at least 5 × nodes iterations whatever this says. */
    numIter?: number;
    tile?: boolean;
    initialEnergyOnIncremental?: number;
    fixedNodeConstraint?: { nodeId: string; position: Position }[];
  }

  const fcose: Ext;
  export default fcose;
}
