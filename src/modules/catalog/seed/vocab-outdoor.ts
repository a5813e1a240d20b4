import type { LeafVocab } from './leaf-vocab.ts'

export const TENTS: LeafVocab = {
  sku: 'TEN',
  parts: [
    ['Ultralight', 'Backpacking', 'Trekking', 'Family', 'Four-Season', 'Basecamp'],
    ['Dome', 'Tunnel', 'Tarp', 'Geodesic', 'Pyramid', 'Hub'],
    ['Tent', 'Shelter'],
    ['', '', 'UL', 'Plus'],
  ],
  intros: [
    'The {title} pitches in minutes and stands firm when the weather turns.',
    'Light enough to carry and roomy enough to live in, the {title} is made for nights outside.',
    'The {title} balances weight, space and weather protection for multi-day trips.',
  ],
  features: [
    'Colour-coded poles and clips make pitching easy, even in the dark.',
    'A 3,000 mm flysheet with taped seams keeps the rain out.',
    'Two porches give space for boots and packs.',
    'Mesh panels cut condensation on still, humid nights.',
  ],
  care: [
    'Always dry the tent fully before storing it.',
    'Clean with lukewarm water and a sponge; never machine wash.',
    'Store loosely packed in a cool, dry place.',
  ],
  priceEur: [119, 249],
  weightGrams: [1300, 4200],
  scheme: 'tent',
}

export const BACKPACKS: LeafVocab = {
  sku: 'PAK',
  parts: [
    ['Alpine', 'Trail', 'Urban', 'Roll-Top', 'Lightweight', 'Expedition'],
    ['Ripstop', 'Waxed Canvas', 'Recycled Nylon', 'Cordura', 'Dyneema'],
    ['Backpack', 'Daypack', 'Rucksack', 'Pack'],
  ],
  intros: [
    'The {title} carries a day on the trail or a week of commuting with equal ease.',
    'Tough, weather-resistant and comfortable, the {title} is built to be used hard.',
    'The {title} has a clean, simple design with a place for everything.',
  ],
  features: [
    'A padded sleeve fits laptops up to 16 inches.',
    'The ventilated back panel and contoured straps spread the load.',
    'Side pockets hold a bottle or a compact umbrella.',
    'A removable hip belt stabilises heavier loads.',
  ],
  care: ['Wipe clean with a damp cloth and mild soap.', 'Hang to dry with all pockets open.'],
  priceEur: [49, 199],
  weightGrams: [600, 1600],
  scheme: 'backpack',
}

export const HYDRATION: LeafVocab = {
  sku: 'HYD',
  parts: [
    ['Insulated', 'Vacuum', 'Collapsible', 'Trail', 'Everyday', 'Wide-Mouth'],
    ['Stainless Steel', 'Titanium', 'Tritan', 'Glass', 'Aluminium'],
    ['Bottle', 'Flask', 'Tumbler', 'Canteen', 'Water Bottle'],
  ],
  intros: [
    'The {title} keeps drinks cold for 24 hours or hot for 12.',
    'Leak-proof and easy to carry, the {title} goes from desk to trail.',
    'The {title} is a refillable bottle made to replace single-use plastic.',
  ],
  features: [
    'A wide opening fits ice cubes and is easy to clean.',
    'The powder-coated finish resists scratches and gives a secure, non-slip grip.',
    'It is free from BPA and leaves no metallic taste.',
  ],
  care: ['Hand wash the body; the lid is top-rack dishwasher-safe.', 'Do not freeze or microwave.'],
  priceEur: [14, 49],
  weightGrams: [180, 520],
  scheme: 'bottle',
}
