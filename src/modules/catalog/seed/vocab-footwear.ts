import type { LeafVocab } from './leaf-vocab.ts'

const SHOE_CARE = [
  'Clean with a soft brush and lukewarm water; do not machine wash.',
  'Stuff with paper and air-dry away from direct heat.',
  'Use a shoe tree between wears to keep the shape.',
] as const

export const RUNNING: LeafVocab = {
  sku: 'RUN',
  parts: [
    ['Trail', 'Road', 'Tempo', 'Ultra', 'Daily', 'Marathon'],
    ['Runner', 'Racer', 'Glide', 'Trainer', 'Flow', 'Pace'],
    ['GTX', 'Pro', 'Lite', '2', '3', '', ''],
  ],
  intros: [
    'The {title} combines a responsive foam midsole with a breathable engineered-mesh upper.',
    'Built for mile after mile, the {title} balances cushioning with ground feel.',
    'The {title} is a versatile running shoe for easy days, long runs and everything in between.',
  ],
  features: [
    'A grippy rubber outsole holds on wet roads and loose gravel.',
    'The padded heel collar locks the foot in without pressure points.',
    'An 8 mm drop suits a natural mid-foot strike.',
    'Reflective details keep you visible on early-morning runs.',
  ],
  care: [
    'Remove the insoles and air-dry away from direct heat.',
    'Rotate with a second pair to let the foam recover between runs.',
    SHOE_CARE[0],
  ],
  priceEur: [89, 189],
  weightGrams: [560, 820],
  scheme: 'footwear',
}

export const HIKING_BOOTS: LeafVocab = {
  sku: 'HIK',
  parts: [
    ['Alpine', 'Ridge', 'Summit', 'Fell', 'Canyon', 'Tundra'],
    ['Mid', 'Hiker', 'Trekker', 'Scout', 'Approach'],
    ['GTX', 'WP', 'Leather', 'Pro', '', ''],
  ],
  intros: [
    'The {title} gives solid ankle support and sure footing on rough, rocky trails.',
    'Waterproof and supportive, the {title} is made for long days in the hills.',
    'The {title} is a mid-cut boot that balances stability with all-day comfort.',
  ],
  features: [
    'A waterproof, breathable membrane keeps feet dry from puddles to bogs.',
    'The Vibram outsole with 5 mm lugs grips on mud and wet rock.',
    'A rubber toe cap protects against scuffs and stubbed toes.',
    'A cushioned EVA midsole softens long descents.',
  ],
  care: [...SHOE_CARE.slice(0, 2), 'Re-proof the upper with a wax or spray at the start of each season.'],
  priceEur: [129, 249],
  weightGrams: [1100, 1600],
  scheme: 'footwear',
}

export const CHELSEA_BOOTS: LeafVocab = {
  sku: 'CHE',
  parts: [
    ['Classic', 'Commando-Sole', 'Crepe-Sole', 'Low-Profile', 'Heeled', ''],
    ['Suede', 'Leather', 'Waxed Leather', 'Nubuck', 'Oiled Leather', 'Shearling-Lined'],
    ['Chelsea Boot', 'Pull-On Boot', 'Ankle Boot'],
  ],
  intros: [
    'The {title} slips on easily and dresses up or down with everything from denim to wool trousers.',
    'A timeless silhouette, the {title} is Goodyear-welted to last for years.',
    'The {title} is made from full-grain hides that soften and mould to your feet.',
  ],
  features: [
    'Elastic side panels and a pull tab make it quick to put on.',
    'A leather lining breathes and keeps feet comfortable all day.',
    'The stitched sole can be replaced by any good cobbler.',
  ],
  care: [...SHOE_CARE.slice(1), 'Condition the leather every few months and use a suede brush on nubuck.'],
  priceEur: [119, 229],
  weightGrams: [1000, 1400],
  scheme: 'footwear',
}

export const SNEAKERS: LeafVocab = {
  sku: 'SNE',
  parts: [
    ['Court', 'Retro', 'Low-Top', 'High-Top', 'Canvas', 'Leather'],
    ['Classic', 'Runner', 'Sneaker', 'Trainer', 'Cupsole', 'Plimsoll'],
    ['', '', '', 'OG', '82', 'Vintage'],
  ],
  intros: [
    'The {title} is a clean, everyday sneaker with a cushioned footbed.',
    'Inspired by archive court shoes, the {title} goes with almost anything.',
    'The {title} pairs a simple upper with a durable vulcanised rubber sole.',
  ],
  features: [
    'A padded collar and tongue add comfort from the first wear.',
    'The removable insole is made from recycled foam.',
    'Waxed cotton laces stay tied all day.',
  ],
  care: [...SHOE_CARE.slice(0, 2), 'Wipe the midsole with a damp cloth to keep it white.'],
  priceEur: [69, 169],
  weightGrams: [700, 1000],
  scheme: 'footwear',
}
