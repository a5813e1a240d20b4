import { createHash } from 'node:crypto'

/**
 * A raw upload as the request body. Only its size, declared type and digest are enumerable, so
 * the audit log, the idempotency fingerprint and the NUL check see those, never megabytes of bytes.
 */
export class UploadBody {
  readonly bytes: number
  readonly declared_type: string
  readonly sha256: string
  readonly #data: Buffer

  constructor(data: Buffer, declaredType: string) {
    this.#data = data
    this.bytes = data.length
    this.declared_type = declaredType
    this.sha256 = createHash('sha256').update(data).digest('hex')
  }

  data(): Buffer {
    return this.#data
  }
}
