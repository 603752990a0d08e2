import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { monitor } from './fixture';

/** A dashboard `monitor serve` runs on a store, and the headless Chromium that drives it. */
export interface DashboardSession {
  /** `http://127.0.0.1:<port>` of the server. */
  base: string;
  browser: Browser;
  /** Closes the browser, then stops the server and waits for it to end. */
  close(): Promise<void>;
}

/**
 * Runs `monitor serve --port 0 …serveArgs` in-process on `home` (the CLI's own
 * start-up, on a free port; `env` adds variables such as `MLOPS_API_KEY`) and
 * launches Chromium once it listens.
 */
export async function openDashboard(
  home: string,
  serveArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<DashboardSession> {
  const stop = new AbortController();
  let served: Promise<unknown> = Promise.resolve();
  const port = await new Promise<number>((resolve) => {
    served = monitor(home, ['serve', '--port', '0', ...serveArgs], {
      signal: stop.signal,
      onListening: resolve,
      env,
    });
  });
  const browser = await launchChromium();
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      stop.abort();
      await served;
    },
  };
}
