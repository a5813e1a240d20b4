import { type Block, button, storeUrl, type Brand } from './template-kit.ts'

/** "View your order" when the caller gave the order's page; nothing otherwise (the footer links the store). */
export const orderLink = (brand: Brand, orderPath: string | undefined): Block[] =>
  orderPath ? [button('View your order', storeUrl(brand, orderPath))] : []
