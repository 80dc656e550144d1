// Playwright runs the browser tests against the already built ../dist (./build.sh test builds it
// first), served by `wasmlit serve` without watching, in Debian's Chromium. It never downloads a
// browser: the executable is /usr/bin/chromium (build.sh installs it with apt when missing).
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

// A free port, picked once by the main process; the workers it starts inherit the variable, so
// every process agrees. Set WASMLIT_TEST_PORT to choose one.
if (!process.env.WASMLIT_TEST_PORT) {
  process.env.WASMLIT_TEST_PORT = execFileSync(process.execPath, [
    '-e',
    "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });",
  ]).toString().trim();
}
const port = Number(process.env.WASMLIT_TEST_PORT);
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  testIgnore: ['**/node_modules/**', 'bench/**'],
  outputDir: 'test-results',
  // Flaky tests are fixed, not retried.
  retries: 0,
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // list for people; json for build.sh's closing count (test-results/ is git-ignored).
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  // Generous for a busy 2-core machine: a cold wasm compile takes a few seconds there.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    // Built apps register a service worker (SPEC C4), which would answer a reload from its cache
    // and hide requests from page.route; the specs about it (offline, update) allow it.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `go run ../cmd/wasmlit serve -addr 127.0.0.1:${port} -dir ../dist -watch=false`,
    // Ready when the port accepts connections: dist/ may hold one app and no gallery at /.
    port,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
