import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
/** `@shared/...`: the contract and domain, from anywhere (tsconfig.base.json `paths`). */
const alias = { '@shared': resolve(root, 'shared') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The sync runs in a worker thread so a large sync never stalls IPC; it is its own entry.
          syncWorker: resolve(root, 'electron/core/sync/worker/entry.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // Sandboxed preloads cannot require(): each must be one self-contained CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { kiosk: resolve(root, 'electron/preload/kiosk.ts'), staff: resolve(root, 'electron/preload/staff.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    resolve: { alias },
    // vue-i18n: Composition API only, no legacy API or devtools hooks in the shipped bundle.
    define: { __VUE_I18N_FULL_INSTALL__: false, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rollupOptions: {
        input: { kiosk: resolve(root, 'renderer/kiosk.html'), staff: resolve(root, 'renderer/staff.html') },
      },
    },
  },
});
