import type { Browser, Page } from 'playwright-core';

/** A page whose console errors, script errors and dialogs (dismissed) land in `errors`. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, errors };
}

/** Does `action` and waits for the render it causes (the UI's client counts finished renders in `data-loaded`). */
export async function rendered(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.getAttribute('body', 'data-loaded');
  await action();
  await page.waitForSelector(`body:not([data-loaded="${before}"])`);
}
