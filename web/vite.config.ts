import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API server under /ui/; file names carry a content hash, so the server can let
// browsers keep them forever and only index.html is fetched fresh.
export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // the policy allows no inline script or style, so nothing is inlined as a data: URL script
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite` in web/ for development: the API on its default port answers the calls
    proxy: Object.fromEntries(['/workflows', '/runs', '/signals', '/probes', '/probe', '/api-keys', '/auth', '/health'].map((p) => [p, 'http://127.0.0.1:8080'])),
  },
});
