// Vite builds the UI into web/dist, which `atelier serve` serves. In dev
// (`npx vite web`), API calls go to a running `atelier serve` on port 4817.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: { '/api': 'http://127.0.0.1:4817', '/v1': 'http://127.0.0.1:4817' },
    fs: { allow: ['..'] },
  },
});
