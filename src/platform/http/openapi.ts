import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

/** The OpenAPI document at /openapi.json (built from the zod route schemas) and a reference at /docs. */
export const registerOpenApi = async (app: FastifyInstance, o: { title: string; version: string }) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: o.title,
        version: o.version,
        description: 'Crest store and admin API. Money is integer minor units; errors are `{ error: { code, message, details } }`.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  // loaded here, not at import: half a second that commands without HTTP (migrate, seed, user) need not pay
  const { default: scalar } = await import('@scalar/fastify-api-reference')
  await app.register(scalar, {
    routePrefix: '/docs',
    logLevel: 'warn',
    // no web fonts from Scalar's CDN: the page may load only from this origin (docs/security.md)
    configuration: { url: '/openapi.json', title: `${o.title} API`, withDefaultFonts: false },
  })
}
