import type { CatalogApi } from '../../modules/catalog/index.ts'
import type { ResponseCache } from '../../platform/cache/response-cache.ts'
import type { Config } from '../../platform/config/load-config.ts'
import type { HttpCachePolicy } from '../../platform/http/send-cached.ts'

export type StorefrontDeps = {
  readonly catalog: CatalogApi
  readonly cache: ResponseCache
  readonly policy: HttpCachePolicy
  readonly config: Config
}
