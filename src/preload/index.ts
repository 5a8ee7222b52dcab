import { contextBridge, ipcRenderer } from 'electron';
import { buildWorkbenchApi } from './api';

// Only the bound methods cross the bridge; ipcRenderer itself stays here.
contextBridge.exposeInMainWorld(
  'workbench',
  buildWorkbenchApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
