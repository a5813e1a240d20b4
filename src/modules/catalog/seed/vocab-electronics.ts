import type { LeafVocab } from './leaf-vocab.ts'

export const AUDIO: LeafVocab = {
  sku: 'AUD',
  parts: [
    ['Wireless', 'Noise-Cancelling', 'Studio', 'Compact', 'Everyday', 'Sport'],
    ['Earbuds', 'Headphones', 'Bluetooth Speaker', 'Sport Earbuds', 'On-Ear Headphones'],
    ['', '', 'Pro', 'Air', 'Max', 'Mini', 'S2'],
  ],
  intros: [
    'The {title} delivers rich, balanced sound with deep, controlled bass.',
    'Made for commutes, workouts and everything in between, the {title} just works.',
    'The {title} pairs instantly and lasts all day on a single charge.',
  ],
  features: [
    'Bluetooth 5.3 keeps the connection stable with low latency.',
    'Up to 30 hours of playback with fast charging over USB-C.',
    'Built-in microphones make calls clear, even outdoors.',
    'An IPX4 rating means sweat and light rain are not a problem.',
  ],
  care: ['Clean gently with a dry, lint-free cloth.', 'Store in the case when not in use, away from extreme heat.'],
  priceEur: [29, 249],
  weightGrams: [60, 450],
  scheme: 'electronics',
}

export const CHARGING: LeafVocab = {
  sku: 'CHG',
  parts: [
    ['20 W', '30 W', '45 W', '65 W', '100 W'],
    ['GaN', 'USB-C', 'MagSafe-Compatible', 'Wireless', 'Dual-Port', 'Travel'],
    ['Charger', 'Power Bank', 'Charging Stand', 'Charging Pad', 'Wall Adapter'],
  ],
  intros: [
    'The {title} charges phones, tablets and laptops quickly and safely.',
    'Compact and efficient, the {title} is one charger for nearly everything you carry.',
    'The {title} keeps your devices topped up at home, at work and on the road.',
  ],
  features: [
    'It supports USB Power Delivery and Quick Charge.',
    'Built-in protection guards against overheating, over-voltage and short circuits.',
    'Foldable prongs make it easy to pack.',
  ],
  care: ['Unplug when not in use and keep away from moisture.', 'Use only undamaged, certified cables.'],
  priceEur: [12, 89],
  weightGrams: [40, 350],
  scheme: 'electronics',
}

export const PHONE_CASES: LeafVocab = {
  sku: 'CAS',
  parts: [
    ['Slim', 'Rugged', 'Clear', 'Leather', 'Silicone', 'Recycled'],
    ['MagSafe', 'Shockproof', 'Folio', 'Grip', 'Bumper', ''],
    ['Case', 'Cover', 'Wallet Case'],
  ],
  intros: [
    'The {title} protects your phone without adding bulk.',
    'Precisely cut for a perfect fit, the {title} keeps every button and port easy to reach.',
    'The {title} adds grip and drop protection in a slim, pocket-friendly shape.',
  ],
  features: [
    'Raised edges protect the screen and camera when laid face down.',
    'Tested to survive drops from up to 2 metres.',
    'It works with wireless and MagSafe charging.',
  ],
  care: ['Wipe clean with a damp cloth and mild soap.', 'Leather darkens with use and develops a natural patina.'],
  priceEur: [15, 59],
  weightGrams: [30, 120],
  scheme: 'case',
}
