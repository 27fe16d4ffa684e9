import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));
const echartsFile = createRequire(import.meta.url).resolve('echarts/dist/echarts.min');

/**
 * The sweep pages: plain HTML and small scripts from `public/` (no front-end build), and Apache ECharts served from
 * node_modules, since the dashboard may run where no CDN is reachable.
 */
export function sweepPages(): Router {
  const router = Router();
  router.get('/sweeps', (_req, res) => res.sendFile('sweeps.html', { root: publicDir }));
  router.get('/sweeps/:id', (_req, res) => res.sendFile('sweep.html', { root: publicDir }));
  // pnpm keeps packages under node_modules/.pnpm, a dot-directory send() would refuse by default.
  router.get('/assets/echarts.min.js', (_req, res) => res.sendFile(echartsFile, { maxAge: '1d', dotfiles: 'allow' }));
  router.use('/assets', express.static(publicDir, { index: false }));
  return router;
}
