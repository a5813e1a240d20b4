export { instrumentCheckout } from './instrument-checkout.ts'
export { instrumentServer } from './instrument-server.ts'
export { createSalesTally, processSales, type SalesTally } from './sales-tally.ts'
export { TOP_SELLERS, type Watched, watchApp } from './watch-app.ts'
