import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { ADMIN_ROUTE_ACCESS, PERMISSIONS, ROLE_PERMISSIONS, STAFF_ROLES } from '../../src/modules/staff/index.ts'

test('docs/staff-security.md shows the matrix and the route table as the code has them', async () => {
  const doc = await readFile(new URL('../../docs/staff-security.md', import.meta.url), 'utf8')
  for (const p of PERMISSIONS) {
    const row = `| \`${p}\` | ${STAFF_ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? '✓' : '')).join(' | ')} |`
    expect(doc, `matrix row for ${p}`).toContain(row)
  }
  for (const [route, access] of Object.entries(ADMIN_ROUTE_ACCESS)) {
    const line = doc.split('\n').find((l) => l.startsWith(`| \`${access}\` |`) && l.includes('/admin/'))
    expect(line, `route table line for ${access}`).toBeDefined()
    expect(line, `${route} under ${access}`).toContain(`\`${route}\``)
  }
})
