// `pnpm build`'s second step: bundles the browser code with esbuild into dist/client/,
// where createDashboard serves it from (no CDN). esbuild does not type-check: the
// `typecheck` task runs tsc on tsconfig.client.json for that.
const { build } = require('esbuild');
const { join } = require('node:path');

const src = join(__dirname, '..', 'src');

build({
  entryPoints: {
    dashboard: join(src, 'dashboard', 'client', 'dashboard.ts'),
    ui: join(src, 'ui', 'client', 'main.ts'),
    // ECharts for the compare view, apart from ui.js (see src/ui/client/chartsApi.ts).
    'ui-charts': join(src, 'ui', 'client', 'charts', 'compareCharts.ts'),
  },
  outdir: join(__dirname, '..', 'dist', 'client'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
}).catch(() => {
  // esbuild has printed the errors already.
  process.exit(1);
});
