import { observeHttpRequest } from '/work/main/src/platform/metrics/http-metrics.ts'
import { runInRequestScope } from '/work/main/src/platform/tracing/request-scope.ts'
const N = 1_000_000
for (let i = 0; i < 10000; i++) observeHttpRequest('/store/products/:handle', 'GET', 200, 0.003)
let t = process.hrtime.bigint()
for (let i = 0; i < N; i++) observeHttpRequest('/store/products/:handle', 'GET', 200, 0.003)
console.log('observe ns/op', Number(process.hrtime.bigint() - t) / N)
t = process.hrtime.bigint()
for (let i = 0; i < N; i++) runInRequestScope({ requestId: 'x' }, () => 1)
console.log('scope ns/op', Number(process.hrtime.bigint() - t) / N)
