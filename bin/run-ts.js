#!/usr/bin/env node
// Runs a TypeScript file of this repo (benchmarks, scripts) through tsx's loader.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { register } from 'tsx/esm/api'

register()
const [file, ...rest] = process.argv.slice(2)
if (!file) {
  process.stderr.write('usage: run-ts <file.ts> [args]\n')
  process.exit(2)
}
process.argv = [process.argv[0], resolve(file), ...rest]
await import(pathToFileURL(resolve(file)).href)
