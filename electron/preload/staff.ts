import { contextBridge, ipcRenderer } from 'electron';
import { callNames } from '@shared/contract';
import { buildBridge } from './expose';

// The staff window's preload: every call in the contract. Whether the person may make it is decided in main, by
// role, on every call; the preload only offers the functions. Runs sandboxed, as one CommonJS bundle.
contextBridge.exposeInMainWorld('gangbord', buildBridge(ipcRenderer, callNames));
