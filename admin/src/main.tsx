import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { setToken, token, whenUnauthorized } from './api.ts'
import { ApiKeys } from './pages/api-keys.tsx'
import { CustomerDetail } from './pages/customer-detail.tsx'
import { Customers } from './pages/customers.tsx'
import { Dashboard } from './pages/dashboard.tsx'
import { Inventory } from './pages/inventory.tsx'
import { OrderDetail } from './pages/order-detail.tsx'
import { Orders } from './pages/orders.tsx'
import { ProductDetail } from './pages/product-detail.tsx'
import { Products } from './pages/products.tsx'
import { PromotionEdit } from './pages/promotions-form.tsx'
import { Promotions } from './pages/promotions.tsx'
import { Records } from './pages/records.tsx'
import { Returns } from './pages/returns.tsx'
import { SignIn } from './pages/sign-in.tsx'
import { Staff } from './pages/staff.tsx'
import { currentRoute, type Route } from './router.ts'
import './styles.css'

const NAV: readonly { readonly href: string; readonly label: string; readonly page: string }[] = [
  { href: '#/', label: 'Dashboard', page: 'dashboard' },
  { href: '#/orders', label: 'Orders', page: 'orders' },
  { href: '#/products', label: 'Products', page: 'products' },
  { href: '#/inventory', label: 'Inventory', page: 'inventory' },
  { href: '#/returns', label: 'Returns', page: 'returns' },
  { href: '#/customers', label: 'Customers', page: 'customers' },
  { href: '#/promotions', label: 'Promotions', page: 'promotions' },
  { href: '#/staff', label: 'Staff', page: 'staff' },
  { href: '#/api-keys', label: 'API keys', page: 'api-keys' },
  { href: '#/audit-log', label: 'Audit log', page: 'audit-log' },
  { href: '#/dead-letters', label: 'Dead letters', page: 'dead-letters' },
  { href: '#/webhooks', label: 'Webhooks', page: 'webhooks' },
]

const Page = ({ route }: { route: Route }) => {
  switch (route.page) {
    case 'orders':
      return <Orders params={route.params} />
    case 'order':
      return <OrderDetail id={route.id} />
    case 'inventory':
      return <Inventory params={route.params} />
    case 'returns':
      return <Returns params={route.params} />
    case 'customers':
      return <Customers params={route.params} />
    case 'customer':
      return <CustomerDetail id={route.id} />
    case 'staff':
      return <Staff />
    case 'api-keys':
      return <ApiKeys />
    case 'products':
      return <Products params={route.params} />
    case 'product':
      return <ProductDetail id={route.id} />
    case 'promotions':
      return <Promotions params={route.params} />
    case 'promotion':
      return <PromotionEdit id={route.id} />
    case 'records':
      return <Records key={route.section} section={route.section} params={route.params} {...(route.id && { id: route.id })} />
    default:
      return <Dashboard />
  }
}

const App = () => {
  const [signedIn, setSignedIn] = useState(token() !== null)
  const [route, setRoute] = useState(currentRoute())
  const [menuOpen, setMenuOpen] = useState(false)
  useEffect(() => {
    const onHash = () => {
      setRoute(currentRoute())
      setMenuOpen(false)
    }
    window.addEventListener('hashchange', onHash)
    whenUnauthorized(() => {
      setToken(null)
      setSignedIn(false)
    })
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />
  const signOut = () => {
    fetch('/admin/auth/token', { method: 'DELETE', headers: { authorization: `Bearer ${token()}` } }).catch(() => {})
    setToken(null)
    setSignedIn(false)
  }
  const active = route.page === 'customer' ? 'customers' : route.page === 'product' ? 'products' : route.page === 'promotion' ? 'promotions' : route.page === 'order' ? 'orders' : route.page === 'records' ? (route.section === 'deliveries' ? 'webhooks' : route.section) : route.page
  return (
    <div class="shell">
      <header class="top">
        <button type="button" class="menu-toggle" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <strong class="brand">Crest admin</strong>
        <button type="button" class="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav class={menuOpen ? 'side open' : 'side'} aria-label="Admin sections">
        {NAV.map((n) => (
          <a key={n.href} href={n.href} class={active === n.page ? 'active' : ''} aria-current={active === n.page ? 'page' : undefined}>
            {n.label}
          </a>
        ))}
      </nav>
      <main class="content">
        <Page route={route} />
      </main>
    </div>
  )
}

const root = document.getElementById('root')
if (root) render(<App />, root)
