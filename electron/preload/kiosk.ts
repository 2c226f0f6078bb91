import { contextBridge, ipcRenderer } from 'electron';
import { kioskCallNames } from '@shared/contract';
import { buildBridge } from './expose';

// The kiosk window's preload: the kiosk calls and nothing else (least privilege). Main refuses any other call from
// a kiosk window as well, so this is the first of two locks, not the only one. Runs sandboxed, as one CommonJS
// bundle with the shared contract inlined (electron.vite.config.ts).
contextBridge.exposeInMainWorld('gangbord', buildBridge(ipcRenderer, kioskCallNames));
