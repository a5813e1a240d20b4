import type { RouteAccess } from './authorize.ts'

/**
 * The central table: every admin route (method + Fastify route pattern) → what it demands.
 * A route missing here is refused to everyone but the owner (fail closed), and
 * test/staff/admin-route-matrix.test.ts fails until it has an entry. HEAD follows GET.
 */
export const ADMIN_ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  // signing in and one's own session
  'POST /admin/auth/token': 'public',
  // the admin app's page and its static files: no data, the app then signs in (docs/admin-app.md)
  'GET /admin': 'public',
  'GET /admin/app/*': 'public',
  'DELETE /admin/auth/token': 'staff_self',
  'GET /admin/auth/me': 'staff_self',
  'GET /admin/auth/mfa': 'staff_self',
  'POST /admin/auth/mfa/enrol': 'staff_self',
  'POST /admin/auth/mfa/activate': 'staff_self',
  'POST /admin/auth/mfa/recovery-codes': 'staff_self',
  'GET /admin/permissions': 'staff_self',
  // staff security
  'GET /admin/api-keys': 'staff:manage',
  'POST /admin/api-keys': 'staff:manage',
  'DELETE /admin/api-keys/:id': 'staff:manage',
  'GET /admin/audit-log': 'audit:read',
  // staff users (a manager never grants or touches a role holding more than they hold)
  'GET /admin/staff/users': 'staff:read',
  'POST /admin/staff/users': 'staff:write',
  'PATCH /admin/staff/users/:id': 'staff:write',
  'POST /admin/staff/users/:id/deactivate': 'staff:write',
  'POST /admin/staff/users/:id/reactivate': 'staff:write',
  // customer accounts (docs/customers.md)
  'GET /admin/customers': 'customers:read',
  'GET /admin/customers/:id': 'customers:read',
  'GET /admin/customers/:id/orders': 'customers:read',
  'POST /admin/customers/:id/data-export': 'customers:write',
  // catalog
  'GET /admin/products': 'catalog:read',
  'GET /admin/products/:id': 'catalog:read',
  'POST /admin/products': 'catalog:write',
  'PATCH /admin/products/:id': 'catalog:write',
  'DELETE /admin/products/:id': 'catalog:write',
  'POST /admin/products/:id/images': 'catalog:write',
  'POST /admin/products/:id/variants': 'catalog:write',
  'PATCH /admin/variants/:id': 'catalog:write',
  'DELETE /admin/variants/:id': 'catalog:write',
  'GET /admin/categories': 'catalog:read',
  'POST /admin/categories': 'catalog:write',
  'GET /admin/price-schedules': 'catalog:read',
  'GET /admin/price-schedules/:id': 'catalog:read',
  'POST /admin/price-schedules': 'catalog:write',
  'POST /admin/price-schedules/:id/end': 'catalog:write',
  'DELETE /admin/price-schedules/:id': 'catalog:write',
  // inventory
  'GET /admin/inventory/:variant_id': 'inventory:read',
  'PUT /admin/inventory/:variant_id': 'inventory:write',
  'GET /admin/stock-locations': 'inventory:read',
  // orders and payments
  'GET /admin/orders': 'orders:read',
  'GET /admin/orders/:id': 'orders:read',
  'POST /admin/orders/:id/cancel': 'orders:write',
  'GET /admin/held-orders': 'orders:read',
  'POST /admin/held-orders/:id/release': 'orders:write',
  'POST /admin/held-orders/:id/cancel': 'orders:write',
  'GET /admin/payments/gateways': 'payments:read',
  'GET /admin/payments/attempts': 'payments:read',
  'GET /admin/payments/orders/:order_id': 'payments:read',
  // fulfilment
  'GET /admin/orders/:id/shipments': 'fulfilment:read',
  'GET /admin/carriers': 'fulfilment:read',
  'GET /admin/shipping/zones': 'fulfilment:read',
  'POST /admin/shipping/zones': 'fulfilment:write',
  'POST /admin/shipping/options': 'fulfilment:write',
  // returns (the refund moves money)
  'GET /admin/returns': 'returns:read',
  'GET /admin/returns/:id': 'returns:read',
  'GET /admin/orders/:id/returns': 'returns:read',
  'POST /admin/orders/:id/returns': 'returns:manage',
  'POST /admin/returns/:id/approve': 'returns:manage',
  'POST /admin/returns/:id/reject': 'returns:manage',
  'POST /admin/returns/:id/label': 'returns:manage',
  'POST /admin/returns/:id/receive': 'returns:manage',
  'POST /admin/returns/:id/refund': 'orders:refund',
  // promotions and flash sales
  'GET /admin/promotions': 'promotions:read',
  'POST /admin/promotions': 'promotions:write',
  'PATCH /admin/promotions/:id': 'promotions:write',
  'GET /admin/promotions/:id': 'promotions:read',
  'POST /admin/promotions/:id/deactivate': 'promotions:write',
  'PUT /admin/flash-sales/:variant_id': 'flash_sales:manage',
  // settings and operations
  'GET /admin/tax-rates': 'settings:read',
  'PUT /admin/tax-rates/:country': 'settings:manage',
  'GET /admin/waiting-room': 'settings:read',
  'PUT /admin/waiting-room': 'settings:manage',
  'GET /admin/maintenance': 'settings:read',
  'PUT /admin/maintenance': 'settings:manage',
  // integrations (webhook targets may carry secrets: reading them is managing them)
  'GET /admin/webhooks': 'integrations:manage',
  'POST /admin/webhooks': 'integrations:manage',
  'DELETE /admin/webhooks/:id': 'integrations:manage',
  'GET /admin/webhooks/:id/deliveries': 'integrations:manage',
  'POST /admin/webhooks/deliveries/:delivery_id/replay': 'integrations:manage',
  // reports (the admin dashboard)
  'GET /admin/reports/summary': 'reports:read',
  // the event pipeline
  'GET /admin/dead-letters': 'pipeline:read',
  'POST /admin/dead-letters/:id/replay': 'pipeline:replay',
}

export const accessFor = (method: string, url: string): RouteAccess | undefined => {
  const m = method === 'HEAD' ? 'GET' : method
  const key = `${m} ${url.length > 1 && url.endsWith('/') ? url.slice(0, -1) : url}`
  return Object.hasOwn(ADMIN_ROUTE_ACCESS, key) ? ADMIN_ROUTE_ACCESS[key] : undefined
}
