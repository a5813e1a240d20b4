/** URL handle from a title: "Merino Crew-Neck Sweater" → "merino-crew-neck-sweater". */
export const toHandle = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '') || 'product'

export const HANDLE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
