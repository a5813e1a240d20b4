import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { loadConfig } from '../../src/platform/config/load-config.ts'
import { freePort } from '../support/crest-process.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'

/**
 * deploy/k8s: every file parses, and the pieces fit together and fit Crest: probes point at paths
 * the real processes answer, ports match the configuration, Services and budgets select real pods,
 * autoscalers target real Deployments, and the custom metric comes from a series Crest exports.
 */
const DIR = fileURLToPath(new URL('../../deploy/k8s/', import.meta.url))
const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects, checked field by field
type K8s = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [k: string]: any }

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'))
const objects: (K8s & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`)
    return { ...(d.toJS() as K8s), file }
  }),
)
const manifests = objects.filter((o) => o.kind !== 'Kustomization')
const find = (kind: string, name: string) => manifests.find((o) => o.kind === kind && o.metadata.name === name)
const ofKind = (kind: string) => manifests.filter((o) => o.kind === kind)
const deployments = ofKind('Deployment')
const container = (d: K8s) => d.spec.template.spec.containers[0]
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v)

type AdapterRules = { rules: { name: { as: string }; seriesQuery: string }[] }
const adapterRules = (): AdapterRules => {
  const text = find('ConfigMap', 'crest-prometheus-adapter-rules')?.data['config.yaml']
  if (typeof text !== 'string') throw new Error('prometheus-adapter-rules.yaml has no config.yaml')
  return parseAllDocuments(text)[0]?.toJS() as AdapterRules
}

/** The environment a pod gets from its ConfigMap and Secret. */
const podEnv = (): Record<string, string> => ({
  ...find('ConfigMap', 'crest-config')?.data,
  ...find('Secret', 'crest-secrets')?.stringData,
})

describe('deploy/k8s manifests', () => {
  test('every file parses; every object has apiVersion, kind and a name; the kustomization lists them all', () => {
    expect(files.length).toBeGreaterThan(8)
    for (const o of objects) {
      expect(o.apiVersion, o.file).toMatch(/^[a-z0-9.]+(\/v\d+\w*)?$|^v1$/)
      expect(o.kind, o.file).toBeTruthy()
      if (o.kind !== 'Kustomization') expect(o.metadata?.name, o.file).toMatch(/^[a-z0-9-]+$/)
    }
    const kustomization = objects.find((o) => o.kind === 'Kustomization')
    expect([...(kustomization?.resources ?? [])].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml').sort())
  })

  test('a serve and a worker Deployment run real crest commands with their config and secrets', () => {
    expect(deployments.map((d) => [d.metadata.name, container(d).args])).toEqual(
      expect.arrayContaining([
        ['crest-serve', ['serve']],
        ['crest-worker', ['worker']],
      ]),
    )
    for (const d of deployments) {
      expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels), d.metadata.name).toBe(true)
      const refs = container(d).envFrom.map((e: { configMapRef?: { name: string }; secretRef?: { name: string } }) =>
        e.configMapRef ? find('ConfigMap', e.configMapRef.name) : find('Secret', e.secretRef?.name ?? ''),
      )
      expect(refs.every(Boolean), d.metadata.name).toBe(true)
      const r = container(d).resources
      expect(r.requests.cpu && r.requests.memory && r.limits.memory, d.metadata.name).toBeTruthy()
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true)
    }
    const job = find('Job', 'crest-migrate')
    expect(job?.spec.template.spec.containers[0].args).toEqual(['migrate'])
  })

  test('the ConfigMap and Secret make a configuration Crest accepts, with the ports the containers expose', () => {
    const env = podEnv()
    const config = loadConfig(env)
    const serve = container(find('Deployment', 'crest-serve') as K8s)
    const worker = container(find('Deployment', 'crest-worker') as K8s)
    expect(serve.ports.find((p: { name: string }) => p.name === 'http').containerPort).toBe(config.PORT)
    expect(worker.ports.find((p: { name: string }) => p.name === 'health').containerPort).toBe(config.WORKER_PORT)
    // the drain (preStop sleep, then SHUTDOWN_GRACE_MS) ends before Kubernetes sends SIGKILL
    for (const d of deployments) {
      const preStop = Number(container(d).lifecycle?.preStop?.exec?.command?.[1] ?? 0)
      expect((d.spec.template.spec.terminationGracePeriodSeconds as number) * 1000, d.metadata.name).toBeGreaterThan(
        config.SHUTDOWN_GRACE_MS + preStop * 1000,
      )
    }
  })

  test('every probe names a port of its container', () => {
    for (const d of deployments) {
      const c = container(d)
      const names = c.ports.map((p: { name: string }) => p.name)
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        expect(c[probe]?.httpGet, `${d.metadata.name} ${probe}`).toBeTruthy()
        expect(names, `${d.metadata.name} ${probe}`).toContain(c[probe].httpGet.port)
      }
      // readiness is the deep check, liveness the shallow one
      expect(c.readinessProbe.httpGet.path).toBe('/readyz')
      expect(c.livenessProbe.httpGet.path).toBe('/healthz')
    }
  })

  test('Services and PodDisruptionBudgets select the pods of a Deployment, on ports those pods expose', () => {
    for (const s of ofKind('Service')) {
      const d = deployments.find((x) => matches(s.spec.selector, x.spec.template.metadata.labels))
      expect(d, s.metadata.name).toBeTruthy()
      const names = container(d as K8s).ports.map((p: { name: string }) => p.name)
      for (const p of s.spec.ports) expect(names, s.metadata.name).toContain(p.targetPort)
    }
    for (const b of ofKind('PodDisruptionBudget')) {
      expect(
        deployments.some((x) => matches(b.spec.selector.matchLabels, x.spec.template.metadata.labels)),
        b.metadata.name,
      ).toBe(true)
    }
    expect(ofKind('PodDisruptionBudget')).toHaveLength(2)
  })

  test('the autoscalers target real Deployments; serve scales on CPU and on http_requests_per_second from the adapter', () => {
    const hpas = ofKind('HorizontalPodAutoscaler')
    for (const h of hpas) {
      expect(h.apiVersion).toBe('autoscaling/v2')
      expect(find(h.spec.scaleTargetRef.kind, h.spec.scaleTargetRef.name), h.metadata.name).toBeTruthy()
      expect(h.spec.minReplicas).toBeGreaterThanOrEqual(2)
      expect(h.spec.maxReplicas).toBeGreaterThan(h.spec.minReplicas)
    }
    const serve = hpas.find((h) => h.spec.scaleTargetRef.name === 'crest-serve') as K8s
    expect(serve.spec.metrics.map((m: { type: string }) => m.type).sort()).toEqual(['Pods', 'Resource'])
    expect(serve.spec.metrics.find((m: { type: string }) => m.type === 'Resource').resource.name).toBe('cpu')
    const rate = serve.spec.metrics.find((m: { type: string }) => m.type === 'Pods').pods.metric.name
    expect(rate).toBe('http_requests_per_second')
    // CPU utilisation is a share of the request: the serve container must request CPU
    expect(container(find('Deployment', 'crest-serve') as K8s).resources.requests.cpu).toBeTruthy()
    const { rules } = adapterRules()
    expect(rules.map((r) => r.name.as)).toContain(rate)
  })
})

describe('the probe paths and the metric series exist in the real processes', () => {
  let app: TestApp
  let workerDir: string

  beforeAll(async () => {
    app = await startTestApp({ listen: false })
    workerDir = mkdtempSync(join(tmpdir(), 'crest-k8s-worker-'))
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    rmSync(workerDir, { recursive: true, force: true })
  })

  test('crest serve answers every serve probe path with 200, and exports the series behind http_requests_per_second', async () => {
    const c = container(find('Deployment', 'crest-serve') as K8s)
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      const r = await app.app.inject({ method: 'GET', url: c[probe].httpGet.path })
      expect(r.statusCode, `${probe} ${c[probe].httpGet.path}`).toBe(200)
    }
    await app.app.inject({ method: 'GET', url: '/store/products?limit=1' })
    const metrics = await app.app.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.statusCode).toBe(200)
    for (const rule of adapterRules().rules) {
      const series = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(rule.seriesQuery)?.[1] as string
      expect(metrics.body).toMatch(new RegExp(`^${series}\\{`, 'm'))
    }
  })

  test('crest worker answers every worker probe path with 200 on WORKER_PORT', async () => {
    const c = container(find('Deployment', 'crest-worker') as K8s)
    const port = await freePort()
    const child = spawn(process.execPath, [CREST, 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: '',
        NATS_URL: '',
        DATA_DIR: workerDir,
        WORKER_PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    })
    try {
      const deadline = Date.now() + 90_000
      let up = false
      while (!up && Date.now() < deadline && child.exitCode === null) {
        up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
        if (!up) await new Promise((r) => setTimeout(r, 250))
      }
      expect(up).toBe(true)
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const r = await fetch(`http://127.0.0.1:${port}${c[probe].httpGet.path}`)
        expect(r.status, `${probe} ${c[probe].httpGet.path}`).toBe(200)
      }
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
    }
  }, 120_000)
})
