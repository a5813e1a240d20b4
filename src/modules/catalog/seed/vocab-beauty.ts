import type { LeafVocab } from './leaf-vocab.ts'

export const SKINCARE: LeafVocab = {
  sku: 'SKN',
  parts: [
    ['Hydrating', 'Brightening', 'Calming', 'Renewing', 'Daily', 'Overnight'],
    ['Hyaluronic', 'Vitamin C', 'Niacinamide', 'Ceramide', 'Squalane', 'Peptide'],
    ['Serum', 'Moisturiser', 'Cleanser', 'Face Oil', 'Eye Cream', 'Toner'],
  ],
  intros: [
    'The {title} is a lightweight, fragrance-free formula for a calm, balanced complexion.',
    'Made for daily use, the {title} absorbs quickly and layers well under SPF and make-up.',
    'The {title} is formulated with a short list of skin-friendly ingredients.',
  ],
  features: [
    'It suits all skin types, including sensitive skin.',
    'Dermatologically tested and free from parabens and added fragrance.',
    'The bottle is made from 50% recycled plastic and is fully recyclable.',
    'Vegan and never tested on animals.',
  ],
  care: [
    'Apply morning and evening to clean skin.',
    'Store below 25 °C and use within 12 months of opening.',
    'Patch test before first use.',
  ],
  priceEur: [12, 79],
  weightGrams: [60, 260],
  scheme: 'skincare',
}

export const HAIR_CARE: LeafVocab = {
  sku: 'HAI',
  parts: [
    ['Repairing', 'Volumising', 'Smoothing', 'Curl-Defining', 'Clarifying', 'Nourishing'],
    ['Argan', 'Rice Protein', 'Keratin', 'Coconut', 'Tea Tree', 'Oat'],
    ['Shampoo', 'Conditioner', 'Hair Mask', 'Leave-In Spray', 'Hair Oil'],
  ],
  intros: [
    'The {title} cleans and cares for hair without stripping its natural oils.',
    'Salon-quality care for every day, the {title} leaves hair soft and manageable.',
    'The {title} is a sulphate-free formula that suits colour-treated hair.',
  ],
  features: [
    'Plant-based actives strengthen hair from root to tip.',
    'A light, fresh scent comes from natural essential oils.',
    'Free from silicones, parabens and sulphates.',
  ],
  care: ['Massage into wet hair, leave for a minute, then rinse well.', 'Avoid contact with eyes.'],
  priceEur: [9, 45],
  weightGrams: [120, 1100],
  scheme: 'haircare',
}

export const FRAGRANCE: LeafVocab = {
  sku: 'FRA',
  parts: [
    ['Cedar', 'Vetiver', 'Neroli', 'Amber', 'Fig', 'Bergamot', 'Sea Salt'],
    ['& Sage', '& Oud', '& Musk', '& Iris', '& Vanilla', '& Tonka'],
    ['Eau de Parfum', 'Eau de Toilette', 'Parfum', 'Cologne'],
  ],
  intros: [
    'The {title} opens bright and fresh before settling into a warm, woody base.',
    'Understated and long-lasting, the {title} is a signature scent for every day.',
    'The {title} blends natural essences with modern, clean accords.',
  ],
  features: [
    'Top notes of citrus give way to a soft heart of florals and spice.',
    'It lasts six to eight hours on skin.',
    'Made in Grasse with responsibly sourced ingredients.',
  ],
  care: ['Store away from sunlight and heat to preserve the scent.', 'Apply to pulse points and let it dry naturally.'],
  priceEur: [39, 149],
  weightGrams: [150, 420],
  scheme: 'fragrance',
}
