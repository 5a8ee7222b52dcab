import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

const shared = resolve(__dirname, 'src/shared');

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': shared } },
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/index.ts') },
        // A native module: loaded from node_modules (unpacked from the asar, see
        // electron-builder.yml), never copied into the bundle.
        external: ['keytar'],
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      // A sandboxed preload cannot `require` anything but a few Electron modules:
      // bundle everything into one CommonJS file.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Relative asset URLs: the page is loaded from file:// in the app and from a loopback server in tests.
    base: './',
    resolve: {
      alias: { '@renderer': resolve(__dirname, 'src/renderer/src'), '@shared': shared },
    },
    plugins: [
      vue(),
      {
        // The build emits styles as a file, so index.html allows style-src 'self' only. The dev
        // server injects <style> elements for hot reload; relax the policy there, and only there.
        name: 'renderer-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) =>
          html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
      },
    ],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
