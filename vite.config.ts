import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' so dist/ works from any sub-path of any static server.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  define: {
    __TEST_HOOKS__: JSON.stringify(process.env.VIEWER_TEST_HOOKS !== '0'),
    __BUILD_ID__: JSON.stringify(`${process.env.npm_package_version ?? '0'}-${Date.now()}`),
  },
});
