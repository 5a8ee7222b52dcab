/// <reference types="vite/client" />
import type { WorkbenchApi } from '@shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the preload; absent when the page runs outside the app (only bridge.ts reads it). */
    readonly workbench?: WorkbenchApi;
  }
}

export {};
