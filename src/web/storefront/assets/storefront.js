// Progressive enhancement for the product page. Without this file the variant picker is a plain GET form
// that reloads the page; with it, choosing a variant swaps price, stock and SKU in place.
const data = document.getElementById('variants')
const form = document.querySelector('[data-picker]')

if (data && form) {
  const variants = new Map(JSON.parse(data.textContent || '[]').map((v) => [v.id, v]))
  const slot = (name) => document.querySelector(`[data-v="${name}"]`)

  const show = (v) => {
    for (const key of ['price', 'was', 'stock', 'sku', 'title']) {
      const el = slot(key)
      if (el) el.textContent = v[key]
    }
    const stock = slot('stock')
    if (stock) stock.className = `stock ${v.state}`
    // "Add to cart" buys the variant shown.
    const id = document.querySelector('[data-v-input="id"]')
    if (id) id.value = v.id
    const buy = document.querySelector('[data-v-buy]')
    if (buy) buy.disabled = v.state === 'out'
  }

  // The browser may restore a different checked radio (reload, back button): show what is checked.
  const sync = () => {
    const checked = form.querySelector('input[name="variant"]:checked')
    const v = checked && variants.get(checked.value)
    if (v) show(v)
  }

  const submit = form.querySelector('[data-picker-submit]')
  if (submit) submit.hidden = true

  form.addEventListener('change', (event) => {
    const v = variants.get(event.target.value)
    if (!v) return
    show(v)
    const url = new URL(location.href)
    url.searchParams.set('variant', v.id)
    history.replaceState(null, '', url)
  })
  addEventListener('pageshow', sync)
  sync()
}
