import os from 'node:os'

export type Machine = {
  readonly cpuModel: string
  readonly cpuCount: number
  readonly arch: string
  readonly memoryGiB: number
  readonly os: string
  readonly node: string
  readonly engine: string
  readonly cacheTier: string
}

export const describeMachine = (engine: string, cacheTier: string): Machine => {
  const cpus = os.cpus()
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    arch: os.arch(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    engine,
    cacheTier,
  }
}
