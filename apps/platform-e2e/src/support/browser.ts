import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's chromium package puts the browser; CHROMIUM_PATH names another. */
const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** A real headless Chromium, as installed by the set-up (`deploy/chromium.sh`). */
export function launchBrowser(): Promise<Browser> {
  const executablePath = candidates.find((path) => path && existsSync(path));
  if (!executablePath)
    throw new Error(
      'no Chromium found: run deploy/chromium.sh (or set CHROMIUM_PATH to a Chromium binary)',
    );
  // The sandbox needs user namespaces, which a container running as root does not give.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}
