export const SEO_TITLE_SUFFIX = ' | Crest Demo Store'
export const SEO_DESCRIPTION_MAX = 155

/** First sentence: text up to the first . ! or ? that is followed by whitespace or the end. */
export const firstSentence = (text: string): string => {
  const m = /^.*?[.!?](?=\s|$)/s.exec(text)
  return (m ? m[0] : text).trim()
}

/** Cuts at a word boundary and adds an ellipsis so the result is at most `max` characters. */
export const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text
  const cut = text.lastIndexOf(' ', max - 1)
  return `${text.slice(0, cut > 0 ? cut : max - 1).replace(/[\s,;:.]+$/, '')}…`
}

export const buildSeo = (title: string, description: string): { title: string; description: string } => ({
  title: `${title}${SEO_TITLE_SUFFIX}`,
  description: truncate(firstSentence(description), SEO_DESCRIPTION_MAX),
})
