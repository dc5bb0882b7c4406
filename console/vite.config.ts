import { defineConfig } from 'vite';

// The web console: plain TypeScript + Preact (JSX through esbuild, no framework plugin), built into
// dist/console/ and served by the API server under /console/.
export default defineConfig({
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
});
