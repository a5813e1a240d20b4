import { spawn } from 'node:child_process'

export type Finished = {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a command to completion without blocking the test's event loop (a `spawnSync` of a slow
 * command on a busy machine froze the test worker past vitest's 60 s RPC timeout). Killed with
 * SIGKILL after `timeoutMs`.
 */
export const runProcess = (
  cmd: string,
  args: readonly string[],
  o: { readonly env?: NodeJS.ProcessEnv; readonly cwd?: string; readonly timeoutMs?: number } = {},
): Promise<Finished> =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], { env: o.env ?? process.env, ...(o.cwd && { cwd: o.cwd }), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      resolve({ status, signal, stdout, stderr })
    })
  })
