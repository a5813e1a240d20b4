/**
 * Screenshot of a `crest loadtest` report page in Chromium (for docs/images/):
 *   node bin/run-ts.js bench/screenshot-report.ts <report.html> <out.png> [width] [height]
 * With a height, only the top of the page (figures and the first charts) is taken.
 * Fails when the page shows no chart (uPlot did not draw).
 */
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

const [html, png, width = '1180', height] = process.argv.slice(2)
if (!html || !png) throw new Error('usage: bench/screenshot-report.ts <report.html> <out.png> [width]')
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: height ? Number(height) : 900 }, deviceScaleFactor: 1 })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(pathToFileURL(html).href)
  const charts = await page.locator('.uplot canvas').count()
  if (charts === 0 || errors.length) throw new Error(`the report drew ${charts} charts; page errors: ${errors.join('; ')}`)
  await page.screenshot({ path: png, fullPage: !height })
  console.log(`${png}: ${charts} charts`)
} finally {
  await browser.close()
}
