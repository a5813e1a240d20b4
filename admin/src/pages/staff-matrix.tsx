import type { Matrix } from './staff-types.ts'
import { ROLES } from './staff-types.ts'

/** The role × permission matrix as the server has it (GET /admin/permissions). */
export const StaffMatrix = ({ matrix }: { matrix: Matrix }) => (
  <div class="table-wrap">
    <table data-testid="permission-matrix" class="matrix">
      <thead>
        <tr>
          <th>Permission</th>
          {ROLES.map((r) => (
            <th key={r} class="center">
              {r}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.permissions.map((p) => (
          <tr key={p}>
            <td>
              <code>{p}</code>
            </td>
            {ROLES.map((r) => (
              <td key={r} class="center">
                {matrix.roles[r]?.includes(p) ? '✓' : ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
)
