import type { LeafVocab } from './leaf-vocab.ts'

export const KNITWEAR: LeafVocab = {
  sku: 'SWE',
  parts: [
    ['Merino', 'Cashmere', 'Lambswool', 'Organic Cotton', 'Alpaca', 'Mohair-Blend'],
    ['Crew-Neck', 'V-Neck', 'Roll-Neck', 'Cable-Knit', 'Half-Zip', 'Ribbed'],
    ['Sweater', 'Cardigan', 'Jumper', 'Pullover'],
  ],
  intros: [
    'The {title} is knitted from soft, breathable yarn for easy layering from autumn into spring.',
    'A wardrobe staple, the {title} keeps you warm without the bulk.',
    'The {title} pairs a relaxed fit with a clean, timeless finish.',
  ],
  features: [
    'Ribbed cuffs and hem hold their shape wear after wear.',
    'The mid-weight knit is warm enough on its own and thin enough to wear under a coat.',
    'Natural fibres regulate temperature, so it stays comfortable indoors and out.',
    'Fully fashioned seams lie flat and never rub.',
  ],
  care: [
    'Hand wash cold or use a wool cycle, then dry flat.',
    'Fold rather than hang to keep the shape.',
    'Remove any pilling gently with a knitwear comb.',
  ],
  priceEur: [49, 189],
  weightGrams: [280, 650],
  scheme: 'apparel',
}

export const TEES: LeafVocab = {
  sku: 'TEE',
  parts: [
    ['Organic Cotton', 'Heavyweight', 'Linen-Blend', 'Pima Cotton', 'Slub', 'Recycled Cotton'],
    ['Crew', 'Pocket', 'Boxy', 'Relaxed', 'Long-Sleeve', 'Henley'],
    ['T-Shirt', 'Tee', 'Top'],
  ],
  intros: [
    'The {title} is cut from soft jersey with a fit that works on its own or layered.',
    'An everyday essential, the {title} is made to be worn on repeat.',
    'The {title} keeps things simple: good fabric, a clean neckline and a relaxed shape.',
  ],
  features: [
    'Pre-shrunk fabric keeps its fit after washing.',
    'A taped neckline holds its shape and stays comfortable.',
    'The breathable jersey feels soft from the first wear.',
    'Side seams sit straight and do not twist over time.',
  ],
  care: [
    'Machine wash at 30 °C inside out with similar colours.',
    'Line dry or tumble dry on low to avoid shrinkage.',
    'Iron on medium heat if needed.',
  ],
  priceEur: [15, 59],
  weightGrams: [140, 260],
  scheme: 'apparel',
}

export const JACKETS: LeafVocab = {
  sku: 'JAC',
  parts: [
    ['Relaxed', 'Cropped', 'Longline', 'Classic', 'Hooded', ''],
    ['Waxed Cotton', 'Quilted', 'Down', 'Wool-Blend', 'Insulated', 'Softshell', 'Corduroy'],
    ['Field Jacket', 'Chore Coat', 'Bomber Jacket', 'Parka', 'Puffer Jacket', 'Overshirt', 'Trucker Jacket'],
  ],
  intros: [
    'The {title} is built for cold mornings, windy commutes and weekends away.',
    'Warm without the weight, the {title} is the jacket you reach for all season.',
    'The {title} combines a durable outer with a soft, comfortable lining.',
  ],
  features: [
    'Two-way zip and storm flap keep the wind out.',
    'Hand-warmer pockets and an inner zip pocket keep essentials safe.',
    'Recycled insulation stays warm even when damp.',
    'Adjustable cuffs seal in warmth on colder days.',
  ],
  care: [
    'Spot clean where possible; machine wash cold on a gentle cycle when needed.',
    'Tumble dry low with a couple of clean tennis balls to restore loft.',
    'Do not dry clean.',
  ],
  priceEur: [89, 249],
  weightGrams: [450, 1100],
  scheme: 'apparel',
}

export const RAINWEAR: LeafVocab = {
  sku: 'RAI',
  parts: [
    ['Packable', 'Lightweight', 'Hooded', 'Longline', 'Classic', 'Urban'],
    ['Waterproof', '2.5-Layer', 'Recycled', 'Bonded', 'Seam-Sealed'],
    ['Rain Jacket', 'Raincoat', 'Shell Jacket', 'Anorak', 'Mac'],
  ],
  intros: [
    'The {title} keeps you dry on wet commutes and blustery walks.',
    'Light, breathable and fully waterproof, the {title} is made for changeable weather.',
    'The {title} is a clean-lined shell with a 10,000 mm waterproof rating.',
  ],
  features: [
    'Fully taped seams and a storm hood keep the rain out.',
    'Underarm vents let heat escape when the pace picks up.',
    'It packs into its own pocket for easy carrying.',
    'A PFC-free water-repellent finish makes rain bead and roll off.',
  ],
  care: [
    'Machine wash at 30 °C with a technical cleaner and no fabric softener.',
    'Tumble dry low to reactivate the water-repellent finish.',
    'Hang to dry away from direct heat.',
  ],
  priceEur: [69, 229],
  weightGrams: [350, 900],
  scheme: 'apparel',
}

export const ACCESSORIES: LeafVocab = {
  sku: 'ACC',
  parts: [
    ['Ribbed', 'Chunky', 'Fine-Knit', 'Classic', 'Waffle-Knit', ''],
    ['Merino', 'Cashmere', 'Lambswool', 'Recycled Fleece', 'Alpaca', 'Cotton-Blend'],
    ['Beanie', 'Scarf', 'Gloves', 'Snood', 'Mittens', 'Headband'],
  ],
  intros: [
    'The {title} adds warmth and a touch of colour to any winter outfit.',
    'Soft against the skin, the {title} is made for frosty mornings.',
    'The {title} is a small, warm finishing touch for cold days.',
  ],
  features: [
    'The dense knit blocks the wind without feeling heavy.',
    'It is gentle enough for sensitive skin.',
    'A generous fit works for most adults.',
  ],
  care: ['Hand wash cold and dry flat.', 'Store folded with a cedar block to deter moths.'],
  priceEur: [15, 79],
  weightGrams: [60, 220],
  scheme: 'accessory',
}
