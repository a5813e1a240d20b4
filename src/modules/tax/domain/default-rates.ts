import type { TaxRate } from '../contract.ts'

const r = (country: string, rate_bp: number, name: string, region = ''): TaxRate => ({ country, region, rate_bp, name })

/**
 * Standard rates (basis points) seeded on a fresh store; staff change them in the admin.
 * US rows are state-level sales tax only (no county or city tax); the country row is 0.
 */
export const DEFAULT_RATES: readonly TaxRate[] = [
  r('NO', 2500, 'MVA'),
  r('SE', 2500, 'Moms'),
  r('DK', 2500, 'Moms'),
  r('FI', 2550, 'ALV'),
  r('IS', 2400, 'VSK'),
  r('DE', 1900, 'MwSt.'),
  r('AT', 2000, 'USt.'),
  r('CH', 810, 'MWST'),
  r('NL', 2100, 'BTW'),
  r('BE', 2100, 'BTW'),
  r('LU', 1700, 'TVA'),
  r('FR', 2000, 'TVA'),
  r('IE', 2300, 'VAT'),
  r('GB', 2000, 'VAT'),
  r('ES', 2100, 'IVA'),
  r('IT', 2200, 'IVA'),
  r('PT', 2300, 'IVA'),
  r('PL', 2300, 'VAT'),
  r('CZ', 2100, 'DPH'),
  r('EE', 2400, 'KM'),
  r('US', 0, 'Sales tax'),
  r('US', 725, 'Sales tax', 'CA'),
  r('US', 400, 'Sales tax', 'NY'),
  r('US', 625, 'Sales tax', 'TX'),
  r('US', 650, 'Sales tax', 'WA'),
  r('US', 600, 'Sales tax', 'FL'),
  r('CA', 500, 'GST'),
  r('AU', 1000, 'GST'),
  r('NZ', 1500, 'GST'),
  r('JP', 1000, 'Consumption tax'),
]
