import type { LeafVocab } from './leaf-vocab.ts'

export const PANS: LeafVocab = {
  sku: 'PAN',
  parts: [
    ['Cast-Iron', 'Carbon-Steel', 'Tri-Ply Stainless', 'Non-Stick', 'Copper-Core', 'Enamelled Cast-Iron'],
    ['Skillet', 'Frying Pan', 'Sauté Pan', 'Grill Pan', 'Wok', 'Crêpe Pan'],
    ['20 cm', '24 cm', '26 cm', '28 cm', '30 cm'],
  ],
  intros: [
    'The {title} heats evenly and holds its temperature for a proper sear.',
    'From weekday eggs to Sunday steaks, the {title} is built for daily cooking.',
    'The {title} goes from hob to oven, so one pan can handle the whole recipe.',
  ],
  features: [
    'It works on gas, electric, ceramic and induction hobs.',
    'The pan is oven-safe up to 260 °C, handle included.',
    'A long, riveted handle stays cooler on the hob.',
    'Flared sides make flipping and sliding food out easy.',
  ],
  care: [
    'Hand wash with warm water and a soft sponge, then dry thoroughly.',
    'Let the pan cool before washing to prevent warping.',
    'Use wooden or silicone utensils to protect the surface.',
  ],
  priceEur: [29, 149],
  weightGrams: [900, 3200],
  scheme: 'cookware',
}

export const POTS: LeafVocab = {
  sku: 'POT',
  parts: [
    ['Classic', 'Round', 'Oval', 'Deep', 'Shallow', ''],
    ['Enamelled Cast-Iron', 'Stainless Steel', 'Tri-Ply', 'Ceramic', 'Hard-Anodised', 'Copper'],
    ['Dutch Oven', 'Casserole', 'Stockpot', 'Saucepan', 'Braiser', 'Soup Pot'],
  ],
  intros: [
    'The {title} is made for slow braises, hearty soups and crusty no-knead bread.',
    'Heavy-based and built to last, the {title} spreads heat evenly with no hot spots.',
    'The {title} moves from hob to oven to table without missing a beat.',
  ],
  features: [
    'A tight-fitting lid locks in moisture and flavour.',
    'Wide loop handles give a secure grip, even with oven gloves.',
    'It is compatible with every hob type, including induction.',
    'The light interior makes it easy to watch food brown.',
  ],
  care: [
    'Hand wash with warm soapy water; soak stubborn residue rather than scouring.',
    'Avoid heating the pot empty on high heat.',
    'Dry fully before storing with the lid ajar.',
  ],
  priceEur: [39, 249],
  weightGrams: [1500, 5500],
  scheme: 'pot',
}

export const KITCHEN_TOOLS: LeafVocab = {
  sku: 'KTL',
  parts: [
    ['Professional', 'Everyday', 'Compact', 'Heavy-Duty', 'Precision', 'Classic'],
    ['Olive Wood', 'Stainless Steel', 'Silicone', 'Bamboo', 'Beech Wood', 'Carbon-Steel'],
    ['Spatula', 'Whisk', 'Tongs', 'Ladle', 'Spoon Rest', 'Cutting Board', 'Pepper Mill', 'Garlic Press'],
  ],
  intros: [
    'The {title} is a hard-working kitchen tool designed to feel good in the hand.',
    'Simple, sturdy and easy to clean, the {title} earns its place by the hob.',
    'The {title} is made to be used every day and last for years.',
  ],
  features: [
    'It is safe to use on non-stick and enamel surfaces.',
    'A hanging loop keeps it within reach.',
    'Food-safe materials contain no BPA or PFAS.',
  ],
  care: [
    'Wash by hand and dry straight away.',
    'Oil wooden surfaces now and then with food-safe mineral oil.',
    'Stainless and silicone parts are dishwasher-safe.',
  ],
  priceEur: [9, 69],
  weightGrams: [80, 600],
  scheme: 'tools',
}

export const TABLEWARE: LeafVocab = {
  sku: 'TAB',
  parts: [
    ['Handmade', 'Rustic', 'Nordic', 'Glazed', 'Minimal', 'Classic'],
    ['Stoneware', 'Porcelain', 'Bone China', 'Recycled Glass', 'Earthenware', 'Speckled Stoneware'],
    ['Dinner Plate', 'Side Plate', 'Pasta Bowl', 'Mug', 'Serving Platter', 'Tumbler', 'Cereal Bowl'],
  ],
  intros: [
    'The {title} brings an easy, understated look to everyday meals.',
    'Made in a small Portuguese workshop, the {title} has subtle variations in glaze.',
    'The {title} is sturdy enough for daily use and pretty enough for guests.',
  ],
  features: [
    'Each piece is microwave- and dishwasher-safe.',
    'The reactive glaze makes every piece slightly different.',
    'It stacks neatly to save cupboard space.',
  ],
  care: ['Avoid sudden temperature changes to prevent cracking.', 'Dishwasher-safe, though hand washing keeps the glaze at its best.'],
  priceEur: [19, 119],
  weightGrams: [600, 2400],
  scheme: 'tableware',
}
