// Sends an image file as the raw request body (the admin API sniffs its type; docs/admin-app.md).
import { ApiFailure, reportUnauthorized, token } from '../api.ts'
import type { ProductFull } from './product-types.ts'

export const uploadImage = async (productId: string, file: File, alt: string): Promise<ProductFull> => {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': file.type || 'application/octet-stream',
    'idempotency-key': crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`,
  }
  const t = token()
  if (t) headers.authorization = `Bearer ${t}`
  const res = await fetch(`/admin/products/${encodeURIComponent(productId)}/images?alt=${encodeURIComponent(alt)}`, { method: 'POST', headers, body: file })
  const json = (await res.json().catch(() => null)) as { product?: ProductFull; error?: { code?: string; message?: string } } | null
  if (!res.ok || !json?.product) {
    const e = json?.error
    if (res.status === 401) reportUnauthorized()
    throw new ApiFailure({ status: res.status, code: e?.code ?? 'http_error', message: e?.message ?? `HTTP ${res.status}` })
  }
  return json.product
}
