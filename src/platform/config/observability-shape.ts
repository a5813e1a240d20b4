import { z } from 'zod'

/** Tracing (docs/operations.md): OpenTelemetry spans over OTLP/HTTP when an endpoint is set. */
export const observabilityShape = {
  /** OTLP/HTTP collector base URL, e.g. http://otel-collector:4318 (spans go to /v1/traces); unset: no tracing */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^https?:\/\//.test(v), { message: 'must be a URL starting with http:// or https://' }),
  /** service.name on every span */
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(100).default('crest'),
}
