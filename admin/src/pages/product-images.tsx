import { useEffect, useState } from 'preact/hooks'
import { api, messageOf } from '../api.ts'
import type { Image, ProductFull } from './product-types.ts'
import { uploadImage } from './product-upload.ts'

type Props = { product: ProductFull; onChange: (p: ProductFull) => void }

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif'

/** The gallery: upload (JPEG, PNG, WebP, GIF), reorder, change alt texts, remove; saved with PATCH images. */
export const ProductImages = ({ product, onChange }: Props) => {
  const [images, setImages] = useState<Image[]>(product.images)
  const [dirty, setDirty] = useState(false)
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  useEffect(() => {
    setImages(product.images)
    setDirty(false)
  }, [product])
  const edit = (next: Image[]) => {
    setImages(next)
    setDirty(true)
  }
  const move = (i: number, by: number) => {
    const next = [...images]
    const [img] = next.splice(i, 1)
    if (img) next.splice(i + by, 0, img)
    edit(next)
  }
  const run = async (work: () => Promise<ProductFull>, ok: string) => {
    setBusy(true)
    setMsg(null)
    try {
      onChange(await work())
      setMsg({ kind: 'ok', text: ok })
    } catch (e) {
      setMsg({ kind: 'error', text: messageOf(e) })
    } finally {
      setBusy(false)
    }
  }
  const upload = (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0]
    const alt = String(new FormData(form).get('alt') ?? '').trim()
    if (!file) return setMsg({ kind: 'error', text: 'Choose an image file first.' })
    void run(async () => {
      const p = await uploadImage(product.id, file, alt)
      form.reset()
      return p
    }, 'Uploaded.')
  }
  const save = () => void run(async () => (await api<{ product: ProductFull }>('PATCH', `/products/${product.id}`, { images })).product, 'Images saved.')
  return (
    <div class="card">
      <h2>Images</h2>
      {images.length === 0 && <p class="hint">No images yet: the storefront shows a placeholder.</p>}
      <ul class="gallery-edit">
        {images.map((img, i) => (
          <li key={`${img.url}-${i}`} data-image={img.url}>
            <img src={img.url} alt={img.alt} width={120} height={120} />
            <input
              aria-label={`Alt text of image ${i + 1}`}
              value={img.alt}
              maxLength={300}
              onInput={(e) => edit(images.map((x, j) => (j === i ? { ...x, alt: e.currentTarget.value } : x)))}
            />
            <div class="row-actions">
              <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move image ${i + 1} earlier`}>
                ↑
              </button>
              <button type="button" disabled={i === images.length - 1} onClick={() => move(i, 1)} aria-label={`Move image ${i + 1} later`}>
                ↓
              </button>
              <button type="button" class="danger" onClick={() => edit(images.filter((_, j) => j !== i))} aria-label={`Remove image ${i + 1}`}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
      {dirty && (
        <button type="button" onClick={save} disabled={busy}>
          Save images
        </button>
      )}
      <form class="filters" onSubmit={upload} aria-label="Upload an image">
        <label>
          Image file <small>(JPEG, PNG, WebP or GIF)</small>
          <input type="file" name="file" accept={ACCEPT} />
        </label>
        <label>
          Alt text
          <input name="alt" maxLength={300} placeholder="what the picture shows" />
        </label>
        <button type="submit" disabled={busy || dirty} title={dirty ? 'Save or undo the changes above first' : undefined}>
          Upload
        </button>
      </form>
      {msg && <p class={msg.kind}>{msg.text}</p>}
    </div>
  )
}
