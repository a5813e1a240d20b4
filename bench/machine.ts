import { execFileSync } from 'node:child_process'
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

/** The code measured: commit and how many files differ from it (read-only git queries). */
export const sourceState = (cwd: string): { commit: string; changedFiles: number } | undefined => {
  try {
    const git = (args: string[]) =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
    const commit = git(['rev-parse', '--short', 'HEAD']).trim()
    const changedFiles = git(['status', '--porcelain']).split('\n').filter(Boolean).length
    return { commit, changedFiles }
  } catch {
    return undefined
  }
}
