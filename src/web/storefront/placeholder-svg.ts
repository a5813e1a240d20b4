import { escapeHtml } from './html.ts'

/** Names a placeholder may have: lower-case letters, digits and dashes. */
export const PLACEHOLDER_NAME = /^[a-z0-9-]{1,120}$/

/** 32-bit FNV-1a: a small, stable hash (the same name always gets the same colours). */
export const fnv1a = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

const MAX_LINE = 16
const MAX_LINES = 4

/** "merino-crew-neck-sweater-2" → ["Merino Crew", "Neck Sweater"]: product words wrapped into short lines. */
export const labelLines = (name: string): string[] => {
  const words = name.replace(/-\d+$/, '').split('-').filter(Boolean)
  const lines: string[] = []
  for (const word of words.map((w) => w[0]?.toUpperCase() + w.slice(1))) {
    const last = lines[lines.length - 1]
    if (last !== undefined && last.length + 1 + word.length <= MAX_LINE) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  if (lines.length <= MAX_LINES) return lines
  return [...lines.slice(0, MAX_LINES - 1), `${lines[MAX_LINES - 1]}…`]
}

/** A deterministic 800×800 SVG for a product image name; text is escaped, no scripts, no styles. */
export const placeholderSvg = (name: string): string => {
  const h = fnv1a(name)
  const hue = h % 360
  const view = /-(\d+)$/.exec(name)?.[1]
  const lines = labelLines(name)
  const top = 400 - ((lines.length - 1) * 64) / 2
  const text = lines
    .map((l, i) => `<text x="400" y="${top + i * 64}" text-anchor="middle" dominant-baseline="middle">${escapeHtml(l)}</text>`)
    .join('')
  const cx = 160 + ((h >>> 9) % 480)
  const cy = 160 + ((h >>> 17) % 480)
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img">',
    `<rect width="800" height="800" fill="hsl(${hue},45%,90%)"/>`,
    `<circle cx="${cx}" cy="${cy}" r="300" fill="hsl(${(hue + 30) % 360},50%,80%)"/>`,
    `<g fill="hsl(${hue},55%,20%)" font-family="system-ui,sans-serif" font-size="56" font-weight="600">${text}</g>`,
    view
      ? `<text x="400" y="740" text-anchor="middle" fill="hsl(${hue},40%,30%)" font-family="system-ui,sans-serif" font-size="28">View ${escapeHtml(view)}</text>`
      : '',
    '</svg>',
  ].join('')
}
