import { html, type SafeHtml } from '../html.ts'
import { seoHead } from './seo-head.ts'
import type { Head, Shell } from './shell.ts'
import { siteFooter, siteHeader } from './site-header.ts'

export type PageOptions = {
  /** load the enhancement script (a deferred module; pages work without it) */
  readonly script?: boolean
  /** prefills the header search box */
  readonly query?: string
}

/** The whole document: landmarks, skip link, one stylesheet, and no inline code or styles. */
export const renderPage = (shell: Shell, head: Head, main: SafeHtml, o: PageOptions = {}): string =>
  `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${seoHead(shell, head)}
<link rel="stylesheet" href="${shell.assets.css.href}">
${o.script && html`<script type="module" src="${shell.assets.js.href}" defer></script>\n`}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${siteHeader(shell, o.query)}
<main id="main" class="wrap" tabindex="-1">
${main}
</main>
${siteFooter(shell)}
</body>
</html>
`.value
  }`
