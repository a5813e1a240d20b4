import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium, headless, with the flags this machine's closed network needs (README, Browser tests). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] })
