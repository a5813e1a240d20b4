import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The admin app (docs/admin-app.md): served by Crest at /admin, its hashed files at /admin/app/*.
// No inline script or style is emitted, so it runs under the strict CSP (default-src 'self').
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    assetsDir: 'app',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  logLevel: 'warn',
})
