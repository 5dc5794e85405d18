import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/*
 * Headless Chromium for the browser tests: Debian's `chromium` (.ci/run installs it), or
 * CHROMIUM_PATH. No sandbox (containers have no user namespaces) and no background traffic.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH.`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}
