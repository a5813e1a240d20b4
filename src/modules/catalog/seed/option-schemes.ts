/** Variant option axes per kind of product. `priceFactors[i]` scales the price of value i (bigger = dearer). */
export type OptionAxis = {
  readonly name: string
  readonly values: readonly string[]
  /** sizes and volumes: variants take a run of neighbouring values */
  readonly ordered?: boolean
  readonly priceFactors?: readonly number[]
}

export type OptionScheme = readonly OptionAxis[]

const APPAREL_SIZE: OptionAxis = {
  name: 'Size',
  values: ['XS', 'S', 'M', 'L', 'XL'],
  ordered: true,
  priceFactors: [1, 1, 1, 1, 1.1],
}
const EU_SIZE: OptionAxis = {
  name: 'Size',
  values: ['EU 38', 'EU 39', 'EU 40', 'EU 41', 'EU 42', 'EU 43', 'EU 44', 'EU 45', 'EU 46'],
  ordered: true,
}
const color = (...values: string[]): OptionAxis => ({ name: 'Color', values })
const finish = (...values: string[]): OptionAxis => ({ name: 'Finish', values })
const sized = (name: string, values: string[], priceFactors: number[]): OptionAxis => ({
  name,
  values,
  ordered: true,
  priceFactors,
})

export const OPTION_SCHEMES = {
  apparel: [APPAREL_SIZE, color('Black', 'Navy', 'Blue', 'Charcoal', 'Olive', 'Cream', 'Burgundy', 'Camel')],
  accessory: [color('Black', 'Charcoal', 'Camel', 'Forest', 'Burgundy', 'Oatmeal')],
  footwear: [EU_SIZE, color('Black', 'Brown', 'White', 'Grey', 'Navy')],
  cookware: [finish('Black', 'Cherry Red', 'Sage', 'Graphite', 'Ivory')],
  pot: [sized('Size', ['2 L', '3.5 L', '5 L', '6.5 L'], [1, 1.15, 1.3, 1.5]), finish('Black', 'Cherry Red', 'Sage', 'Graphite', 'Ivory')],
  tools: [sized('Size', ['Small', 'Medium', 'Large'], [1, 1.2, 1.4]), finish('Natural', 'Matte Black', 'Sage', 'Cream')],
  tableware: [sized('Set', ['Set of 2', 'Set of 4', 'Set of 6'], [1, 1.8, 2.5]), color('White', 'Sand', 'Slate', 'Moss')],
  tent: [sized('Capacity', ['1-Person', '2-Person', '3-Person', '4-Person'], [1, 1.2, 1.4, 1.6]), color('Forest', 'Sand', 'Orange')],
  backpack: [sized('Volume', ['20 L', '28 L', '35 L', '45 L'], [1, 1.1, 1.2, 1.3]), color('Black', 'Olive', 'Navy', 'Rust')],
  bottle: [sized('Size', ['500 ml', '750 ml', '1 L'], [1, 1.1, 1.2]), color('Steel', 'Black', 'Sage', 'Sky Blue', 'Sand')],
  electronics: [color('Black', 'White', 'Midnight Blue', 'Sand', 'Sage')],
  case: [
    { name: 'Model', values: ['iPhone 15', 'iPhone 16', 'Pixel 9', 'Galaxy S24', 'Galaxy S25'] },
    color('Black', 'Clear', 'Sand', 'Navy'),
  ],
  skincare: [sized('Size', ['30 ml', '50 ml', '100 ml'], [1, 1.5, 2.4])],
  haircare: [sized('Size', ['250 ml', '500 ml', '1 L'], [1, 1.6, 2.8])],
  fragrance: [sized('Size', ['30 ml', '50 ml', '100 ml'], [1, 1.4, 2.1])],
} as const satisfies Record<string, OptionScheme>

export type SchemeKey = keyof typeof OPTION_SCHEMES

const CODES: Readonly<Record<string, string>> = {
  Black: 'BLK',
  Navy: 'NVY',
  Blue: 'BLU',
  Charcoal: 'CHR',
  Olive: 'OLV',
  Cream: 'CRM',
  Burgundy: 'BUR',
  Camel: 'CML',
  Forest: 'FOR',
  Oatmeal: 'OAT',
  Brown: 'BRN',
  White: 'WHT',
  Grey: 'GRY',
  'Cherry Red': 'RED',
  Sage: 'SAG',
  Graphite: 'GPH',
  Ivory: 'IVY',
  Small: 'SM',
  Medium: 'MD',
  Large: 'LG',
  Natural: 'NAT',
  'Matte Black': 'MBK',
  Sand: 'SND',
  Slate: 'SLT',
  Moss: 'MOS',
  Orange: 'ORG',
  Rust: 'RST',
  Steel: 'STL',
  'Sky Blue': 'SKY',
  'Midnight Blue': 'MNB',
  Clear: 'CLR',
  'Set of 2': 'SET2',
  'Set of 4': 'SET4',
  'Set of 6': 'SET6',
  'iPhone 15': 'IP15',
  'iPhone 16': 'IP16',
  'Pixel 9': 'PX9',
  'Galaxy S24': 'GS24',
  'Galaxy S25': 'GS25',
}

/** Short upper-case SKU segment for an option value: "Blue" → "BLU", "EU 42" → "EU42", "3.5 L" → "35L". */
export const optionCode = (value: string): string => CODES[value] ?? value.toUpperCase().replace(/[^A-Z0-9]/g, '')
